import { fail, redirect } from '@sveltejs/kit';
import { database } from '$lib/server/database';
import { createSession, SESSION_COOKIE } from '$lib/server/auth/sessions';
import { hit, limited, LIMITS } from '$lib/server/auth/rate-limit';
import { acceptInvite, inviteValid, WorkplaceError } from '$lib/server/workplaces';
import type { Actions, PageServerLoad } from './$types';

/** An employer or fadder opens the link from the job specialist and sets a password. */
export const load: PageServerLoad = async ({ params }) => {
	return { invited: await inviteValid(await database(), params.token) };
};

export const actions: Actions = {
	default: async ({ params, request, cookies, getClientAddress }) => {
		const db = await database();
		const key = `invite-ip:${getClientAddress()}`;
		if ((await limited(db, key, LIMITS.login)).limited) return fail(429, { problem: 'For mange forsøk. Vent litt.' });
		const form = await request.formData();
		const password = form.get('password');
		if (typeof password !== 'string') return fail(400, { problem: 'Skriv et passord.' });
		if (password !== form.get('repeat')) return fail(400, { problem: 'De to passordene er ikke like.' });
		try {
			const user = await acceptInvite(db, params.token, password);
			const { token, expiresAt } = await createSession(db, user, 'staff');
			cookies.set(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', expires: expiresAt });
		} catch (e) {
			if (e instanceof WorkplaceError) {
				await hit(db, key, LIMITS.login);
				return fail(400, { problem: e.message.startsWith('password') ? 'Passordet må ha minst 10 tegn.' : 'Lenken virker ikke lenger. Be jobbspesialisten om en ny.' });
			}
			throw e;
		}
		redirect(303, '/workplace');
	}
};
