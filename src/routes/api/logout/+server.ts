import { json } from '@sveltejs/kit';
import { database } from '$lib/server/database';
import { endSession, SESSION_COOKIE } from '$lib/server/auth/sessions';
import type { RequestHandler } from './$types';

/** "Log out on this phone": ends the session and tells the browser to wipe this site's data. */
export const POST: RequestHandler = async ({ cookies }) => {
	const token = cookies.get(SESSION_COOKIE);
	if (token) await endSession(await database(), token);
	cookies.delete(SESSION_COOKIE, { path: '/' });
	return json({ ok: true }, { headers: { 'Clear-Site-Data': '"cache", "storage"' } });
};
