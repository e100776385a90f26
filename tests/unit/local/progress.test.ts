import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Rating } from 'ts-fsrs';
import { LocalDatabase } from '../../../src/lib/local/db';
import { recordRemoteReviews, recordReview } from '../../../src/lib/local/progress';
import { countDue, countIntroducedSince, exportProgress, loadCards } from '../../../src/lib/local/cards';
import { loadSettings, saveSetting } from '../../../src/lib/local/settings';
import type { ReviewEvent, ReviewGrade } from '../../../src/lib/practice/card';
import { replayCard } from '../../../src/lib/practice/scheduler';

const DAY = 86_400_000;
const t0 = Date.UTC(2026, 10, 1, 9);
let db: LocalDatabase;
let n = 0;

function event(grade: ReviewGrade, at: number, itemId = 'safety.stop'): ReviewEvent {
	n++;
	return { id: `0190000${String(n).padStart(5, '0')}`, itemId, direction: 'recognise', kind: 'listen-choose', grade, at, durationMs: 1500, deviceId: 'phone' };
}

beforeEach(() => {
	db = new LocalDatabase(`test-${Math.random()}`);
});
afterEach(async () => {
	await db.delete();
});

describe('recordReview', () => {
	it('stores the event, queues it for sync and updates the card together', async () => {
		const e = event(Rating.Good, t0);
		const card = await recordReview(db, e, true);
		expect(await db.reviews.get(e.id)).toEqual(e);
		expect(await db.outbox.get(e.id)).toBeTruthy();
		expect(await db.cards.get('safety.stop|recognise')).toEqual(card);
		expect(card.safety).toBe(true);
	});

	it('stores the same event once when it is recorded twice', async () => {
		const e = event(Rating.Good, t0);
		await recordReview(db, e, false);
		await recordReview(db, e, false);
		expect(await db.reviews.count()).toBe(1);
		expect((await db.cards.get('safety.stop|recognise'))?.reps).toBe(1);
	});

	it('replays the log when an answer from another device arrives late', async () => {
		const a = event(Rating.Good, t0);
		const c = event(Rating.Again, t0 + 3 * DAY);
		const b = event(Rating.Easy, t0 + DAY);
		await recordReview(db, a, false);
		await recordReview(db, c, false);
		const card = await recordReview(db, b, false);
		expect(card).toEqual(replayCard([a, b, c], false));
	});

	it('stores nothing when the card write fails', async () => {
		const e = event(Rating.Good, t0);
		// The last write of the transaction fails, as it does when the disk is full.
		db.cards.hook('creating', () => {
			throw new Error('QuotaExceededError');
		});
		await expect(recordReview(db, e, false)).rejects.toThrow(/Quota/);
		expect(await db.reviews.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
	});
});

describe('recordRemoteReviews', () => {
	it('stores answers from other devices once, replays their cards, and does not queue them back', async () => {
		const mine = event(Rating.Good, t0);
		await recordReview(db, mine, true);
		const remote = [event(Rating.Again, t0 + DAY), event(Rating.Easy, t0 + 2 * DAY, 'first-day.hello')];
		await recordRemoteReviews(db, remote, (id) => id.startsWith('safety.'));
		await recordRemoteReviews(db, remote, (id) => id.startsWith('safety.'));
		expect(await db.reviews.count()).toBe(3);
		expect((await db.outbox.toArray()).map((o) => o.id)).toEqual([mine.id]);
		expect(await db.cards.get('safety.stop|recognise')).toEqual(replayCard([mine, remote[0]!], true));
		expect(await db.cards.get('first-day.hello|recognise')).toEqual(replayCard([remote[1]!], false));
	});
});

describe('queries and export', () => {
	it('counts due cards of the sets being learnt and cards introduced today', async () => {
		await recordReview(db, event(Rating.Good, t0, 'safety.stop'), true);
		await recordReview(db, event(Rating.Good, t0, 'first-day.hello'), false);
		expect(await countDue(db, t0 + 30 * DAY, new Set(['safety.stop']))).toBe(1);
		expect(await countDue(db, t0 + 30 * DAY, new Set(['safety.stop', 'first-day.hello']))).toBe(2);
		expect(await countDue(db, t0, new Set(['safety.stop']))).toBe(0);
		expect(await countIntroducedSince(db, t0)).toBe(2);
		expect(await countIntroducedSince(db, t0 + 1)).toBe(0);
		expect((await loadCards(db)).size).toBe(2);
	});

	it('exports the whole log and the settings', async () => {
		await saveSetting(db, 'language', 'ar');
		await recordReview(db, event(Rating.Good, t0 + DAY), false);
		await recordReview(db, event(Rating.Hard, t0), false);
		const data = await exportProgress(db, new Date(t0));
		expect(data.format).toBe('arbeidsnorsk-progress');
		expect(data.reviews.map((r) => r.at)).toEqual([t0, t0 + DAY]);
		expect(data.settings.language).toBe('ar');
	});

	it('gives each phone a lasting device id and defaults for the rest', async () => {
		const first = await loadSettings(db);
		const again = await loadSettings(db);
		expect(first.deviceId).toMatch(/^[0-9a-f-]{36}$/);
		expect(again.deviceId).toBe(first.deviceId);
		expect(first.language).toBeNull();
		expect(first.newPerDay).toBe(10);
	});
});
