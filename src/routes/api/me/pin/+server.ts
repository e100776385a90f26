import { error, json } from '@sveltejs/kit';
import * as v from 'valibot';
import { database } from '$lib/server/database';
import { readJson } from '$lib/server/http/json-body';
import { hasPin, PinSchema, setPin } from '$lib/server/pin';
import type { RequestHandler } from './$types';

const SetPinSchema = v.strictObject({ pin: v.nullable(PinSchema) });

function participant(locals: App.Locals) {
	if (locals.user?.role !== 'participant') error(401, 'only a participant on their own phone can do this');
	return locals.user;
}

/** Whether the participant has a PIN on the server (a locked phone asks after staff reset it). */
export const GET: RequestHandler = async ({ locals }) => {
	return json({ hasPin: await hasPin(await database(), participant(locals).id) });
};

/** Sets or (with `null`) removes the PIN that a move to a new phone asks for. */
export const POST: RequestHandler = async ({ request, locals }) => {
	const me = participant(locals);
	const body = await readJson(request, SetPinSchema);
	await setPin(await database(), me.id, body.pin);
	return json({ hasPin: body.pin !== null });
};
