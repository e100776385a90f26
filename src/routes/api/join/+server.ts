import { error, json } from '@sveltejs/kit';
import * as v from 'valibot';
import { database } from '$lib/server/database';
import { readJson } from '$lib/server/http/json-body';
import { hit, limited, LIMITS } from '$lib/server/auth/rate-limit';
import { createSession, SESSION_COOKIE } from '$lib/server/auth/sessions';
import { JoinError, joinWithCode, normaliseCode } from '$lib/server/participants';
import { checkTransferPin, PinError, PinSchema } from '$lib/server/pin';
import type { RequestHandler } from './$types';

const JoinSchema = v.strictObject({
	code: v.pipe(v.string(), v.trim(), v.minLength(4, 'the code is too short'), v.maxLength(32)),
	name: v.pipe(v.string(), v.trim(), v.minLength(1, 'write your name'), v.maxLength(60)),
	/** Only for a code to move phones, when the participant has set a PIN. */
	pin: v.optional(PinSchema)
});

/** A phone joins with a code: it gets a long-lived device session for the participant. */
export const POST: RequestHandler = async ({ request, cookies, locals, getClientAddress }) => {
	const db = await database();
	const key = `join:${getClientAddress()}`;
	const blocked = await limited(db, key, LIMITS.joinCode);
	if (blocked.limited) error(429, `too many wrong codes; wait ${Math.ceil(blocked.retryAfterS / 60)} minutes`);
	const body = await readJson(request, JoinSchema);
	try {
		await checkTransferPin(db, normaliseCode(body.code), body.pin);
		const { participant, joined } = await joinWithCode(db, body.code, body.name, locals.user);
		const { token, expiresAt } = await createSession(db, participant, 'device');
		cookies.set(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', expires: expiresAt });
		return json({ participant: { id: participant.id, name: participant.displayName }, joined });
	} catch (e) {
		if (e instanceof PinError) {
			if (e.reason !== 'needed') await hit(db, key, LIMITS.joinCode);
			error(e.reason === 'needed' ? 401 : 403, e.message);
		}
		if (e instanceof JoinError) {
			await hit(db, key, LIMITS.joinCode);
			error(400, `code: ${e.message}`);
		}
		throw e;
	}
};
