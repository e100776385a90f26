import { error, json } from '@sveltejs/kit';
import { database } from '$lib/server/database';
import { inspectUpload } from '$lib/server/media/inspect';
import { storeMedia } from '$lib/server/media/store';
import { MAX_UPLOAD_BYTES } from '$lib/server/http/limits';
import type { RequestHandler } from './$types';

/**
 * Staff upload a photo (`?kind=photo`, resized in their browser) or a recording (`?kind=audio`)
 * as the raw body. The type is judged by the bytes, never the name; photos lose their metadata
 * (location, camera) before they are stored.
 */
export const POST: RequestHandler = async ({ request, url, locals }) => {
	const user = locals.user;
	if (!user || user.role === 'participant') error(401, 'staff only');
	const kind = url.searchParams.get('kind');
	if (kind !== 'photo' && kind !== 'audio') error(400, 'kind: photo or audio');
	const body = new Uint8Array(await request.arrayBuffer());
	if (body.length > MAX_UPLOAD_BYTES) error(413, `the file is larger than ${MAX_UPLOAD_BYTES} bytes`);
	const checked = inspectUpload(body, kind);
	if (!checked.ok) error(checked.status, checked.message);
	const link = await storeMedia(await database(), user, kind, checked.mime, checked.bytes);
	return json({ link });
};
