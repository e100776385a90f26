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
});
