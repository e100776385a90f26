import { fail } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guard';
import { database } from '$lib/server/database';
import { decideSuggestion, pendingSuggestions, WorkplaceError } from '$lib/server/workplaces';
import type { Actions, PageServerLoad } from './$types';

/** Words workplaces suggested, for the teachers and job specialists of the people placed there. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const me = requireStaff(locals, url, 'teacher', 'specialist');
	return { suggestions: await pendingSuggestions(await database(), me) };
};

async function decide(locals: App.Locals, url: URL, request: Request, approve: boolean) {
	const me = requireStaff(locals, url, 'teacher', 'specialist');
	try {
		await decideSuggestion(await database(), me, String((await request.formData()).get('suggestion') ?? ''), approve);
	} catch (e) {
		if (e instanceof WorkplaceError) return fail(404, { problem: 'Fant ikke forslaget.' });
		throw e;
	}
	return { decided: approve ? 'Godkjent. Ordet er lagt i arbeidsplassens sett, og deltakerne der får det.' : 'Avvist.' };
}

export const actions: Actions = {
	approve: ({ locals, url, request }) => decide(locals, url, request, true),
	reject: ({ locals, url, request }) => decide(locals, url, request, false)
};
