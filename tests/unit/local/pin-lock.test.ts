import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalDatabase } from '../../../src/lib/local/db';
import { FREE_TRIES, lockoutMs, setLocalPin, storedPin, tryPin, waitBeforeTry } from '../../../src/lib/local/pin-lock';

let db: LocalDatabase;
beforeEach(() => {
	db = new LocalDatabase(`pin-${Math.random()}`);
});
afterEach(async () => {
	await db.delete();
});

describe('the PIN lock on the phone', () => {
	it('keeps only a salted hash, never the PIN', async () => {
		await setLocalPin(db, '2468');
		const stored = await storedPin(db);
		expect(JSON.stringify(stored)).not.toContain('2468');
		await setLocalPin(db, '2468');
		expect((await storedPin(db))!.salt).not.toBe(stored!.salt);
	});

	it('opens with the right PIN and not with a wrong one', async () => {
		await setLocalPin(db, '2468');
		expect(await tryPin(db, '2468')).toEqual({ ok: true });
		expect((await tryPin(db, '1357')).ok).toBe(false);
		expect(await tryPin(db, '24680')).toMatchObject({ ok: false });
	});

	it(`lets ${FREE_TRIES} wrong tries pass, then makes the phone wait longer each time`, async () => {
		expect([0, 4, 5, 6, 7, 30].map(lockoutMs)).toEqual([0, 0, 30_000, 60_000, 120_000, 3_600_000]);
		await setLocalPin(db, '2468');
		const t0 = Date.UTC(2026, 10, 23, 9);
		for (let i = 1; i < FREE_TRIES; i++) expect(await tryPin(db, '0000', t0 + i)).toEqual({ ok: false, waitMs: 0 });
		expect(await tryPin(db, '0000', t0 + 10)).toEqual({ ok: false, waitMs: 30_000 });
		// While waiting even the right PIN is not checked …
		expect(await tryPin(db, '2468', t0 + 20_010)).toEqual({ ok: false, waitMs: 10_000 });
		expect(await waitBeforeTry(db, t0 + 20_010)).toBe(10_000);
		// … and afterwards it opens, and the count starts again.
		expect(await tryPin(db, '2468', t0 + 30_010)).toEqual({ ok: true });
		expect(await waitBeforeTry(db, t0 + 30_011)).toBe(0);
	});

	it('refuses a PIN that is not 4 to 8 digits, and can be removed', async () => {
		await expect(setLocalPin(db, '12')).rejects.toThrow('4 to 8');
		await setLocalPin(db, '123456');
		await setLocalPin(db, null);
		expect(await storedPin(db)).toBeNull();
		expect(await tryPin(db, 'anything')).toEqual({ ok: true });
	});
});
