import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { requireStaff } from '$lib/server/auth/guard';
import { database } from '$lib/server/database';
import { contactWorkplaces, suggestWord, SuggestionSchema, wordsThisWeek, WorkplaceError } from '$lib/server/workplaces';
import { describeIssue } from '$lib/sync/protocol';
import type { Actions, PageServerLoad } from './$types';

/** The employer's or fadder's page: the words being trained here (when shared), and ideas for talking. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const me = requireStaff(locals, url, 'workplace');
	const db = await database();
	const places = await contactWorkplaces(db, me.id);
	return { places: await Promise.all(places.map(async (p) => ({ ...p, words: await wordsThisWeek(db, me, p.id) }))) };
};

export const actions: Actions = {
	suggest: async ({ locals, url, request }) => {
		const me = requireStaff(locals, url, 'workplace');
		const form = Object.fromEntries(await request.formData());
		const input = v.safeParse(SuggestionSchema, { nb: form.nb ?? '', example: form.example ?? '', photo: form.photo ?? '', audio: form.audio ?? '' });
		// The word itself gets the plain request; a wrong photo or recording link says which.
		if (!input.success) return fail(400, { problem: input.issues[0].path?.[0]?.key === 'nb' ? 'Skriv ordet slik dere sier det her.' : describeIssue(input.issues) });
		try {
			await suggestWord(await database(), me, String(form.workplace ?? ''), input.output);
		} catch (e) {
			if (e instanceof WorkplaceError) return fail(404, { problem: 'Fant ikke arbeidsplassen.' });
			throw e;
		}
		return { suggested: true };
	}
};
