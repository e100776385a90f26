import { error, json } from '@sveltejs/kit';
import { database } from '$lib/server/database';
import { readJson } from '$lib/server/http/json-body';
import { hit, LIMITS } from '$lib/server/auth/rate-limit';
import { syncParticipant } from '$lib/server/sync/ingest';
import { safetyLookup } from '$lib/server/custom-sets';
import { SyncRequestSchema } from '$lib/sync/protocol';
import type { RequestHandler } from './$types';

/** Push review events and pull what changed, in one round trip (docs/api.md). */
export const POST: RequestHandler = async ({ request, locals }) => {
	const user = locals.user;
	if (!user || user.role !== 'participant') error(401, 'join a group first: this phone has no participant session');
	const db = await database();
	const limited = await hit(db, `sync:${user.id}`, LIMITS.sync);
	if (!limited.allowed) error(429, `too many syncs; try again in ${limited.retryAfterS} s`);
	const body = await readJson(request, SyncRequestSchema);
	return json(await syncParticipant(db, user.id, body, await safetyLookup(db, body.events.map((e) => e.itemId))));
};
