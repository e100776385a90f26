import { error } from '@sveltejs/kit';
import * as v from 'valibot';
import { database } from '$lib/server/database';
import { readMedia } from '$lib/server/media/store';
import type { RequestHandler } from './$types';

/**
 * A teacher's photo or recording, for anyone signed in to the same organisation (its staff and
 * the participants who joined it). Immutable, so the phone may keep it for good.
 */
export const GET: RequestHandler = async ({ params, locals }) => {
	if (!locals.user) error(401, 'sign in or join first');
	if (!v.is(v.pipe(v.string(), v.uuid()), params.id)) error(404, 'no such file');
	const found = await readMedia(await database(), locals.user.organisationId, params.id);
	if (!found) error(404, 'no such file');
	return new Response(found.bytes as Uint8Array<ArrayBuffer>, {
		headers: {
			'Content-Type': found.mime,
			'Cache-Control': 'private, max-age=31536000, immutable',
			'Content-Security-Policy': "default-src 'none'; sandbox"
		}
	});
};
