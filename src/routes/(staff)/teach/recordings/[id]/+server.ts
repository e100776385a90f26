import { error } from '@sveltejs/kit';
import * as v from 'valibot';
import { requireStaff } from '$lib/server/auth/guard';
import { database } from '$lib/server/database';
import { readRecording } from '$lib/server/voice-messages';
import type { RequestHandler } from './$types';

/** A participant's recording, for the teacher they sent it to. Never cached. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const me = requireStaff(locals, url, 'teacher');
	if (!v.is(v.pipe(v.string(), v.uuid()), params.id)) error(404, 'Fant ikke opptaket.');
	const found = await readRecording(await database(), me, params.id);
	if (!found) error(404, 'Fant ikke opptaket.');
	return new Response(found.bytes as Uint8Array<ArrayBuffer>, { headers: { 'Content-Type': found.mime, 'Cache-Control': 'private, no-store', 'Content-Security-Policy': "default-src 'none'; sandbox" } });
};
