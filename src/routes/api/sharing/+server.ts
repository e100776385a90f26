import { error, json } from '@sveltejs/kit';
import * as v from 'valibot';
import { and, eq } from 'drizzle-orm';
import { database } from '$lib/server/database';
import { shareGrants } from '$lib/server/db/schema';
import { readJson } from '$lib/server/http/json-body';
import { accessHistory, setGrant } from '$lib/server/participants';
import type { RequestHandler } from './$types';

const GrantSchema = v.strictObject({
	audience: v.picklist(['teacher', 'specialist', 'workplace']),
	scope: v.picklist(['sets', 'activity', 'items', 'checkins']),
	granted: v.boolean()
});

function participant(locals: App.Locals) {
	if (locals.user?.role !== 'participant') error(401, 'only a participant can change what they share');
	return locals.user;
}

/** The participant's grants and who has looked at their data. */
export const GET: RequestHandler = async ({ locals }) => {
	const me = participant(locals);
	const db = await database();
	const grants = await db.select({ audience: shareGrants.audience, scope: shareGrants.scope, granted: shareGrants.granted }).from(shareGrants).where(and(eq(shareGrants.participantId, me.id)));
	return json({ grants, history: await accessHistory(db, me.id) });
};

/** One tap: grant or revoke one scope for one audience. */
export const POST: RequestHandler = async ({ request, locals }) => {
	const me = participant(locals);
	const body = await readJson(request, GrantSchema);
	await setGrant(await database(), me.id, body.audience, body.scope, body.granted);
	return json({ ok: true });
};
