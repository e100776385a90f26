import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { requireStaff } from '$lib/server/auth/guard';
import { database } from '$lib/server/database';
import { createSet, listSets } from '$lib/server/custom-sets';
import { builtInSets } from '$lib/server/content-facts';
import { SetEditError, slugify } from '$lib/content/edit-set';
import { ItemFormError, itemFromForm } from '$lib/server/item-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const me = requireStaff(locals, url, 'teacher', 'specialist');
	return {
		own: await listSets(await database(), me),
		builtIn: builtInSets().map((s) => ({ id: s.id, title: s.title.nb, emoji: s.emoji, items: s.items.length, level: s.level }))
	};
};

const Title = v.pipe(v.string(), v.trim(), v.minLength(2, 'Skriv et navn på settet.'), v.maxLength(80, 'Navnet kan ha høyst 80 tegn.'));

export const actions: Actions = {
	/** Copy a built-in set to adapt it, e.g. "Rema 1000 Storo – kassa og lager". */
	copy: async ({ locals, url, request }) => {
		const me = requireStaff(locals, url, 'teacher', 'specialist');
		const form = await request.formData();
		const title = v.safeParse(Title, form.get('title') ?? '');
		if (!title.success) return fail(400, { problem: title.issues[0].message });
		try {
			const id = await createSet(await database(), me, { title: title.output, emoji: '', basedOn: String(form.get('basedOn') ?? '') });
			redirect(303, `/teach/sets/${id}`);
		} catch (e) {
			if (e instanceof SetEditError) return fail(400, { problem: e.message });
			throw e;
		}
	},
	/** A new set from scratch, with its first word. */
	create: async ({ locals, url, request }) => {
		const me = requireStaff(locals, url, 'teacher', 'specialist');
		const form = await request.formData();
		const title = v.safeParse(Title, form.get('title') ?? '');
		if (!title.success) return fail(400, { problem: title.issues[0].message });
		let id: string;
		try {
			const first = itemFromForm(form);
			id = await createSet(await database(), me, { title: title.output, emoji: String(form.get('setEmoji') ?? ''), first: { ...first, id: slugify(first.nb), alternatives: first.alternatives ?? [] } });
		} catch (e) {
			if (e instanceof SetEditError || e instanceof ItemFormError) return fail(400, { problem: e.message });
			throw e;
		}
		redirect(303, `/teach/sets/${id}`);
	}
};
