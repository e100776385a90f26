import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import { requireStaff } from '$lib/server/auth/guard';
import { database } from '$lib/server/database';
import { createWorkplace, specialistWorkplaces } from '$lib/server/workplaces';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const me = requireStaff(locals, url, 'specialist');
	return { workplaces: await specialistWorkplaces(await database(), me.id) };
};

export const actions: Actions = {
	create: async ({ locals, url, request }) => {
		const me = requireStaff(locals, url, 'specialist');
		const name = v.safeParse(v.pipe(v.string(), v.trim(), v.minLength(2), v.maxLength(80)), (await request.formData()).get('name') ?? '');
		if (!name.success) return fail(400, { problem: 'Skriv navnet på arbeidsplassen (2–80 tegn).' });
		redirect(303, `/teach/workplaces/${await createWorkplace(await database(), me, name.output)}`);
	}
};
