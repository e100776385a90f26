import { error, json } from '@sveltejs/kit';
import * as v from 'valibot';
import { database } from '$lib/server/database';
import { inspectUpload } from '$lib/server/media/inspect';
import { sendToTeacher, VoiceMessageError } from '$lib/server/voice-messages';
import { MAX_UPLOAD_BYTES } from '$lib/server/http/limits';
import type { RequestHandler } from './$types';

const Phrase = v.object({
	item: v.pipe(v.string(), v.regex(/^[a-z0-9-]+\.[a-z0-9-]+$/, 'item: not an item id')),
	nb: v.pipe(v.string(), v.trim(), v.minLength(1, 'nb: the phrase'), v.maxLength(200, 'nb: at most 200 characters'))
});

/**
 * "Send to my teacher": the participant's recording of one phrase, as the raw body, with the
 * phrase in the query (`?item=…&nb=…`). It goes to their teacher only.
 */
export const POST: RequestHandler = async ({ request, url, locals }) => {
	if (locals.user?.role !== 'participant') error(401, 'only a participant can send a recording');
	const phrase = v.safeParse(Phrase, Object.fromEntries(url.searchParams));
	if (!phrase.success) error(400, phrase.issues[0].message);
	const body = new Uint8Array(await request.arrayBuffer());
	if (body.length > MAX_UPLOAD_BYTES) error(413, `the recording is larger than ${MAX_UPLOAD_BYTES} bytes`);
	const checked = inspectUpload(body, 'audio');
	if (!checked.ok) error(checked.status, checked.message);
	try {
		const id = await sendToTeacher(await database(), locals.user.id, { itemId: phrase.output.item, nb: phrase.output.nb }, checked.mime, checked.bytes);
		return json({ id });
	} catch (e) {
		if (e instanceof VoiceMessageError) error(409, e.message);
		throw e;
	}
};
