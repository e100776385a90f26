import type { LocalDatabase } from './db';
import { setLocalPin } from './pin-lock';
import { postJson } from './server-api';
import type { Account } from './sync-client';

export type JoinOutcome =
	| { ok: true; account: Account; groupName: string | null }
	| { ok: false; reason: 'code' | 'name' | 'limit' | 'offline' | 'error' | 'pinNeeded' | 'pinWrong' | 'pinLocked' };

/**
 * Joins a group (or caseload) with a code; the server sets the device session cookie. A code
 * to move phones asks for the participant's PIN when they have one; the new phone is then
 * locked with the same PIN.
 */
export async function joinWithCode(db: LocalDatabase, code: string, name: string, pin?: string, send: typeof fetch = fetch): Promise<JoinOutcome> {
	const res = await postJson('/api/join', pin ? { code, name, pin } : { code, name }, send);
	if (!res) return { ok: false, reason: 'offline' };
	if (res.status === 429) return { ok: false, reason: 'limit' };
	if (res.status === 401) return { ok: false, reason: 'pinNeeded' };
	if (res.status === 403) {
		const message = ((await res.json().catch(() => ({}))) as { message?: string }).message ?? '';
		if (message.startsWith('pin')) return { ok: false, reason: message.includes('no longer works') ? 'pinLocked' : 'pinWrong' };
		return { ok: false, reason: 'error' };
	}
	if (res.status === 400) {
		const message = ((await res.json().catch(() => ({}))) as { message?: string }).message ?? '';
		return { ok: false, reason: message.startsWith('name') ? 'name' : 'code' };
	}
	if (!res.ok) return { ok: false, reason: 'error' };
	const body = (await res.json()) as { participant: { id: string; name: string }; joined: { groupName: string | null } };
	const account = { participantId: body.participant.id, name: body.participant.name };
	await db.settings.put({ key: 'account', value: account });
	if (pin) await setLocalPin(db, pin);
	return { ok: true, account, groupName: body.joined.groupName };
}

/** "Log out on this phone": the server ends the session and the phone forgets everything. */
export async function logOutHere(db: LocalDatabase, send: typeof fetch = fetch): Promise<void> {
	await postJson('/api/logout', {}, send);
	db.close();
	await db.delete();
	if (typeof caches !== 'undefined') for (const key of await caches.keys()) await caches.delete(key);
}

/** Deletes the account on the server, then everything on this phone. */
export async function deleteAccount(db: LocalDatabase, send: typeof fetch = fetch): Promise<'ok' | 'offline' | 'error'> {
	const res = await postJson('/api/me/delete', { confirm: 'DELETE' }, send);
	if (!res) return 'offline';
	if (!res.ok) return 'error';
	db.close();
	await db.delete();
	if (typeof caches !== 'undefined') for (const key of await caches.keys()) await caches.delete(key);
	return 'ok';
}
