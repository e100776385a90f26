import type { GrantRow, LocalDatabase } from './db';
import { getJson, postJson } from './server-api';

export type Audience = GrantRow['audience'];
export type ShareScope = GrantRow['scope'];

/**
 * What each audience can be given (the server's access policy mirrors this). The teacher
 * always sees which sets they assigned; everything else is off until the participant says yes.
 */
export const SHAREABLE: Record<Audience, ShareScope[]> = {
	teacher: ['activity', 'items'],
	specialist: ['sets', 'activity', 'items', 'checkins'],
	workplace: ['sets']
};

export async function loadGrants(db: LocalDatabase): Promise<Map<string, boolean>> {
	return new Map((await db.grants.toArray()).map((g) => [g.key, g.granted]));
}

/** One tap: tell the server, then remember it on the phone. Needs the network. */
export async function setGrant(db: LocalDatabase, audience: Audience, scope: ShareScope, granted: boolean, send: typeof fetch = fetch): Promise<'ok' | 'offline' | 'error'> {
	const res = await postJson('/api/sharing', { audience, scope, granted }, send);
	if (!res) return 'offline';
	if (!res.ok) return 'error';
	await db.grants.put({ key: `${audience}|${scope}`, audience, scope, granted });
	return 'ok';
}

export interface AccessEntry {
	at: string;
	action: string;
	detail: { scope?: string; audience?: string };
	actor: string | null;
	actorRole: string | null;
}

export async function loadAccessHistory(send: typeof fetch = fetch): Promise<AccessEntry[] | null> {
	const res = await getJson('/api/sharing', send);
	if (!res?.ok) return null;
	return ((await res.json()) as { history: AccessEntry[] }).history;
}
