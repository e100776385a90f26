import { redirect } from '@sveltejs/kit';
import { database } from '$lib/server/database';
import { endAllSessions, endSession, SESSION_COOKIE } from '$lib/server/auth/sessions';
import type { Actions } from './$types';

export const actions: Actions = {
	/** Log out on this device. */
	here: async ({ cookies }) => {
		const token = cookies.get(SESSION_COOKIE);
		if (token) await endSession(await database(), token);
		cookies.delete(SESSION_COOKIE, { path: '/' });
		redirect(303, '/login');
	},
	/** Log out on every device (a lost phone, a shared computer). */
	everywhere: async ({ cookies, locals }) => {
		if (locals.user) await endAllSessions(await database(), locals.user.id);
		cookies.delete(SESSION_COOKIE, { path: '/' });
		redirect(303, '/login');
	}
};
