import type { LocalDatabase } from './db';
import { getJson, postJson } from './server-api';

/**
 * The PIN that locks the app on a shared phone. Only a salted PBKDF2 hash is kept, in the
 * phone's database; it is checked on the phone so the lock works offline. Wrong tries make
 * the phone wait longer and longer. A copy on the server (argon2id) is what a move to a new
 * phone asks for, and what staff can remove when the PIN is forgotten.
 */
export interface StoredPin {
	salt: string;
	hash: string;
	iterations: number;
}
interface Failures {
	count: number;
	last: number;
}

const PIN_KEY = 'pinLock';
const FAILURES_KEY = 'pinFailures';
const ITERATIONS = 150_000;
export const PIN_PATTERN = /^\d{4,8}$/;
/** Wrong tries before the phone makes the participant wait. */
export const FREE_TRIES = 5;

/** How long to wait after `failures` wrong tries: nothing for the first five, then 30 s doubling, at most an hour. */
export function lockoutMs(failures: number): number {
	return failures < FREE_TRIES ? 0 : Math.min(30_000 * 2 ** (failures - FREE_TRIES), 3_600_000);
}

const toBase64 = (bytes: ArrayBuffer | Uint8Array) => btoa(String.fromCharCode(...new Uint8Array(bytes)));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<string> {
	const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
	const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, key, 256);
	return toBase64(bits);
}

export async function storedPin(db: LocalDatabase): Promise<StoredPin | null> {
	return ((await db.settings.get(PIN_KEY))?.value as StoredPin | undefined) ?? null;
}

/** Locks this phone with `pin`, or with null removes the lock. */
export async function setLocalPin(db: LocalDatabase, pin: string | null): Promise<void> {
	if (pin === null) {
		await db.settings.bulkDelete([PIN_KEY, FAILURES_KEY]);
		return;
	}
	if (!PIN_PATTERN.test(pin)) throw new Error('pin: 4 to 8 digits');
	const salt = crypto.getRandomValues(new Uint8Array(16));
	const stored: StoredPin = { salt: toBase64(salt), hash: await derive(pin, salt, ITERATIONS), iterations: ITERATIONS };
	await db.transaction('rw', db.settings, async () => {
		await db.settings.put({ key: PIN_KEY, value: stored });
		await db.settings.delete(FAILURES_KEY);
	});
}

export type UnlockResult = { ok: true } | { ok: false; waitMs: number };

/** How long the phone still makes the participant wait before the next try. */
export async function waitBeforeTry(db: LocalDatabase, now = Date.now()): Promise<number> {
	const failures = ((await db.settings.get(FAILURES_KEY))?.value as Failures | undefined) ?? { count: 0, last: 0 };
	return Math.max(0, failures.last + lockoutMs(failures.count) - now);
}

/** Checks `pin` against the lock; a wrong one is counted, and a waiting phone checks nothing. */
export async function tryPin(db: LocalDatabase, pin: string, now = Date.now()): Promise<UnlockResult> {
	const stored = await storedPin(db);
	if (!stored) return { ok: true };
	const wait = await waitBeforeTry(db, now);
	if (wait > 0) return { ok: false, waitMs: wait };
	if ((await derive(pin, fromBase64(stored.salt), stored.iterations)) === stored.hash) {
		await db.settings.delete(FAILURES_KEY);
		return { ok: true };
	}
	const before = ((await db.settings.get(FAILURES_KEY))?.value as Failures | undefined)?.count ?? 0;
	const failures: Failures = { count: before + 1, last: now };
	await db.settings.put({ key: FAILURES_KEY, value: failures });
	return { ok: false, waitMs: lockoutMs(failures.count) };
}

export type ServerPinOutcome = 'ok' | 'offline' | 'error';

/** Sets or removes the server's copy (only for a connected participant). */
export async function setServerPin(pin: string | null, send: typeof fetch = fetch): Promise<ServerPinOutcome> {
	const res = await postJson('/api/me/pin', { pin }, send);
	return !res ? 'offline' : res.ok ? 'ok' : 'error';
}

/** Whether the server still holds a PIN: staff remove it when a participant forgot theirs. */
export async function serverHasPin(send: typeof fetch = fetch): Promise<boolean | null> {
	const res = await getJson('/api/me/pin', send);
	if (!res?.ok) return null;
	return ((await res.json()) as { hasPin: boolean }).hasPin;
}
