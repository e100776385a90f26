import { error, json } from '@sveltejs/kit';
import * as v from 'valibot';
import { database } from '$lib/server/database';
import { SESSION_COOKIE } from '$lib/server/auth/sessions';
import { readJson } from '$lib/server/http/json-body';
import { eraseParticipant } from '$lib/server/participants';
import type { RequestHandler } from './$types';

const ConfirmSchema = v.strictObject({ confirm: v.literal('DELETE', 'confirm must be "DELETE"') });

/** Deletes the participant's account and everything about them on the server. */
export const POST: RequestHandler = async ({ request, locals, cookies }) => {
	if (locals.user?.role !== 'participant') error(401, 'only a participant can delete their account');
	await readJson(request, ConfirmSchema);
	await eraseParticipant(await database(), locals.user.id);
	cookies.delete(SESSION_COOKIE, { path: '/' });
	return json({ ok: true }, { headers: { 'Clear-Site-Data': '"cache", "storage"' } });
};
