import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { OpenDatabase } from '../../src/lib/server/db';
import { itemState, organisations, reviewEvents, users } from '../../src/lib/server/db/schema';
import { syncParticipant } from '../../src/lib/server/sync/ingest';
import { replayCard } from '../../src/lib/practice/scheduler';
import type { ReviewEvent } from '../../src/lib/practice/card';
import type { SyncEvent } from '../../src/lib/sync/protocol';
import { freshDatabase } from './test-db';

const DAY = 86_400_000;
const t0 = Date.UTC(2026, 10, 2, 8);
let open: OpenDatabase;
let participant: string;
let other: string;
const safety = (id: string) => id.startsWith('safety.');

function event(itemId: string, at: number, grade = 3, deviceId = 'phone-a'): SyncEvent {
	return { id: uuidv7(), itemId, direction: 'recognise', kind: 'listen-choose', grade, at, durationMs: 1500, deviceId };
}

beforeAll(async () => {
	open = await freshDatabase();
	const [org] = await open.db.insert(organisations).values({ name: 'Test' }).returning();
	const made = await open.db
		.insert(users)
		.values([
			{ organisationId: org!.id, role: 'participant', displayName: 'Amina' },
			{ organisationId: org!.id, role: 'participant', displayName: 'Ali' }
		])
		.returning();
	participant = made[0]!.id;
	other = made[1]!.id;
});
afterAll(async () => {
	await open?.close();
});

const sync = (who: string, events: SyncEvent[], cursor = 0, deviceId = 'phone-a', now = t0 + 30 * DAY) =>
	syncParticipant(open.db, who, { deviceId, cursor, events }, safety, now);

describe('sync', () => {
	it('stores pushed events once, however often they are pushed', async () => {
		const events = [event('safety.stop', t0), event('safety.stop', t0 + DAY), event('first-day.hello', t0)];
		const first = await sync(participant, events);
		const again = await sync(participant, events);
		expect(first.accepted.sort()).toEqual(events.map((e) => e.id).sort());
		expect(again.accepted.sort()).toEqual(first.accepted.sort());
		const stored = await open.db.select().from(reviewEvents).where(eq(reviewEvents.participantId, participant));
		expect(stored).toHaveLength(3);
	});

	it('derives item state that matches what the phone computes, even for late events', async () => {
		const a = event('asking.say-again', t0);
		const c = event('asking.say-again', t0 + 5 * DAY, 1);
		const b = event('asking.say-again', t0 + 2 * DAY, 4, 'phone-b');
		await sync(participant, [a, c]);
		await sync(participant, [b], 0, 'phone-b');
		const [row] = await open.db.select().from(itemState).where(eq(itemState.itemId, 'asking.say-again'));
		const phone = replayCard([a, b, c] as ReviewEvent[], false)!;
		expect(row!.card).toEqual(phone);
		expect(row!.reps).toBe(3);
	});

	it('gives each device the events of the other, and moves the cursor past what it has seen', async () => {
		const fromA = event('first-day.colleague', t0 + DAY, 3, 'phone-a');
		const pushA = await sync(participant, [fromA], 0, 'phone-a');
		const pullB = await sync(participant, [], 0, 'phone-b');
		expect(pullB.events.map((e) => e.id)).toContain(fromA.id);
		expect(pullB.events.every((e) => e.deviceId !== 'phone-b')).toBe(true);
		const again = await sync(participant, [], pullB.cursor, 'phone-b');
		expect(again.events).toEqual([]);
		expect(again.cursor).toBe(pullB.cursor);
		expect(pushA.events.every((e) => e.deviceId !== 'phone-a')).toBe(true);
	});

	it('clamps a phone clock that is days ahead and says so', async () => {
		const now = t0 + 40 * DAY;
		const future = event('first-day.hello', now + 3 * DAY);
		const res = await sync(participant, [future], 0, 'phone-a', now);
		expect(res.clamped).toEqual([future.id]);
		const [row] = await open.db.select().from(reviewEvents).where(eq(reviewEvents.id, future.id));
		expect(row!.at.getTime()).toBe(now);
		expect(row!.clockSkewMs).toBe(3 * DAY);
	});

	it('never lets one participant take over another\'s event id', async () => {
		const mine = event('safety.helmet', t0);
		await sync(participant, [mine]);
		const res = await sync(other, [{ ...mine, grade: 1 }]);
		expect(res.accepted).toEqual([]);
		const [row] = await open.db.select().from(reviewEvents).where(eq(reviewEvents.id, mine.id));
		expect(row!.participantId).toBe(participant);
		expect(await open.db.select().from(itemState).where(eq(itemState.participantId, other))).toEqual([]);
	});

	it('accepts a batch of 1,000 events in one go', async () => {
		const batch = Array.from({ length: 1000 }, (_, i) => event(`warehouse.item-${i % 100}`, t0 + i * 60_000));
		const res = await sync(participant, batch);
		expect(res.accepted).toHaveLength(1000);
	});

	it('keeps item state equal to a replay of the whole log, whatever order and retries the pushes come in', async () => {
		const [org] = await open.db.select({ id: organisations.id }).from(organisations);
		const [learner] = await open.db.insert(users).values({ organisationId: org!.id, role: 'participant', displayName: 'Sara' }).returning();
		// Two phones answering the same items over three weeks, then pushing in a jumbled order:
		// in-order pushes step the stored card, late ones (and a safety item) force a replay.
		let seed = 7;
		const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
		const items = ['safety.stop', 'first-day.hello', 'asking.say-again', 'warehouse.pallet'];
		const log = Array.from({ length: 240 }, (_, i) => {
			const e = event(items[Math.floor(rand() * items.length)]!, t0 + Math.floor(i / 3) * 6 * 3_600_000 + (i % 3) * 1000, 1 + Math.floor(rand() * 4), rand() < 0.5 ? 'phone-a' : 'phone-b');
			return { ...e, direction: rand() < 0.5 ? ('recognise' as const) : ('produce' as const) };
		});
		const pushes: SyncEvent[][] = [];
		for (let i = 0; i < log.length; i += 20) pushes.push(log.slice(i, i + 20));
		const order = [0, 1, 2, 5, 3, 4, 6, 9, 7, 8, 11, 10, 3, 0];
		for (const p of order) await sync(learner!.id, [...pushes[p]!, ...(p % 2 ? pushes[p]!.slice(0, 3) : [])], 0, pushes[p]![0]!.deviceId);
		// Two answers at the very same moment are ordered by id: the one with the smaller id, pushed last, goes first.
		const smallerId = uuidv7();
		const tie = event('first-day.tie', t0 + DAY, 4);
		await sync(learner!.id, [tie]);
		await sync(learner!.id, [{ ...tie, id: smallerId, grade: 1 }], 0, 'phone-b');
		const rows = await open.db.select().from(itemState).where(eq(itemState.participantId, learner!.id));
		const stored = (await open.db.select().from(reviewEvents).where(eq(reviewEvents.participantId, learner!.id))).map((e) => ({ ...e, at: e.at.getTime() }) as unknown as ReviewEvent);
		const pushed = new Set(order.flatMap((p) => pushes[p]!.map((e) => e.id)));
		expect(stored).toHaveLength(pushed.size + 2);
		const cards = new Set(stored.map((e) => `${e.itemId}|${e.direction}`));
		expect(rows).toHaveLength(cards.size);
		for (const row of rows) {
			const replayed = replayCard(stored.filter((e) => e.itemId === row.itemId && e.direction === row.direction), safety(row.itemId))!;
			expect(row.card).toEqual(replayed);
			expect(row.reps).toBe(replayed.reps);
			expect(row.lastReview.getTime()).toBe(replayed.lastReview);
		}
	});
});
