import { error, fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { requireStaff } from '$lib/server/auth/guard';
import { database } from '$lib/server/database';
import { loadSet, saveSet } from '$lib/server/custom-sets';
import { addItems, removeItem, SetEditError, updateItem } from '$lib/content/edit-set';
import { describeProblem, parseSetItemsCsv, parseSetItemsYaml } from '$lib/content/set-import';
import { ItemFormError, itemFromForm } from '$lib/server/item-form';
import { describeIssue } from '$lib/sync/protocol';
import { LANGUAGES } from '$lib/content/languages';
import type { PhraseSet } from '$lib/content/schema';
import type { Actions, PageServerLoad } from './$types';

async function open(locals: App.Locals, url: URL, id: string, edit = false) {
	const me = requireStaff(locals, url, 'teacher', 'specialist');
	const db = await database();
	const found = await loadSet(db, me, id);
	if (!found || (edit && !found.canEdit)) error(404, 'Fant ikke settet.');
	return { me, db, found };
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { found } = await open(locals, url, params.id);
	return { set: found.body, canEdit: found.canEdit, ownerName: found.ownerName, languages: LANGUAGES.filter((l) => l.code !== 'nb') };
};

/** Runs one change on the set: a problem becomes a 400 with the message, and nothing is stored. */
async function change(locals: App.Locals, url: URL, id: string, edit: (set: PhraseSet, form: FormData) => PhraseSet | Promise<PhraseSet>, request: Request, done: { saved: string }) {
	const { me, db, found } = await open(locals, url, id, true);
	const form = await request.formData();
	try {
		await saveSet(db, me, await edit(found.body, form));
	} catch (e) {
		if (e instanceof SetEditError || e instanceof ItemFormError || e instanceof ImportFailed) {
			return fail(400, { problem: e.message, problems: e instanceof ImportFailed ? e.problems : ([] as string[]) });
		}
		throw e;
	}
	return done;
}

class ImportFailed extends Error {
	constructor(readonly problems: string[]) {
		super(`Ingenting er importert: ${problems.length} feil i fila.`);
	}
}

const Meta = v.object({
	title: v.pipe(v.string(), v.trim(), v.minLength(2, 'at least 2 characters'), v.maxLength(80, 'at most 80 characters')),
	emoji: v.pipe(v.string(), v.trim(), v.minLength(1, 'choose one'), v.maxLength(16, 'at most 16 characters'))
});

export const actions: Actions = {
	meta: ({ locals, url, params, request }) =>
		change(locals, url, params.id, (set, form) => {
			const meta = v.safeParse(Meta, Object.fromEntries(form));
			if (!meta.success) throw new SetEditError(describeIssue(meta.issues));
			return { ...set, title: { ...set.title, nb: meta.output.title }, emoji: meta.output.emoji };
		}, request, { saved: 'meta' }),
	add: ({ locals, url, params, request }) => change(locals, url, params.id, (set, form) => addItems(set, [itemFromForm(form)]), request, { saved: 'add' }),
	update: ({ locals, url, params, request }) => change(locals, url, params.id, (set, form) => updateItem(set, String(form.get('item') ?? ''), itemFromForm(form)), request, { saved: 'update' }),
	remove: ({ locals, url, params, request }) => change(locals, url, params.id, (set, form) => removeItem(set, String(form.get('item') ?? '')), request, { saved: 'remove' }),
	/** CSV or YAML from a spreadsheet: every row is checked first, and one bad row imports nothing. */
	import: ({ locals, url, params, request }) =>
		change(locals, url, params.id, async (set, form) => {
			const file = form.get('file');
			if (!(file instanceof File) || file.size === 0) throw new SetEditError('file: choose a CSV or YAML file');
			const bytes = new Uint8Array(await file.arrayBuffer());
			const yaml = /\.ya?ml$/i.test(file.name);
			const result = yaml ? parseSetItemsYaml(bytes) : parseSetItemsCsv(bytes);
			if (!result.ok) throw new ImportFailed(result.errors.map((p) => describeProblem(p, yaml ? 'item' : 'row')));
			return addItems(set, result.items);
		}, request, { saved: 'import' })
};
