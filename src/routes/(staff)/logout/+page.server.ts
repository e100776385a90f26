import { redirect } from '@sveltejs/kit';
import { database } from '$lib/server/database';
import { endSession, SESSION_COOKIE } from '$lib/server/auth/sessions';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ cookies }) => {
		const token = cookies.get(SESSION_COOKIE);
		if (token) await endSession(await database(), token);
		cookies.delete(SESSION_COOKIE, { path: '/' });
		redirect(303, '/login');
	}
};
