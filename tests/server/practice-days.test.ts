import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, gt, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { OpenDatabase } from '../../src/lib/server/db';
import { organisations, practiceDays, reviewEvents, users } from '../../src/lib/server/db/schema';
import { syncParticipant } from '../../src/lib/server/sync/ingest';
import { practiceDaysSince } from '../../src/lib/server/reports';
import type { SyncEvent } from '../../src/lib/sync/protocol';
import { freshDatabase } from './test-db';

const DAY = 86_400_000;
const t0 = Date.UTC(2026, 10, 2, 8);
let open: OpenDatabase;
let amina: string;
let ali: string;

const event = (at: number, durationMs = 2000, deviceId = 'phone-a'): SyncEvent => ({ id: uuidv7(), itemId: 'safety.stop', direction: 'recognise', kind: 'listen-choose', grade: 3, at, durationMs, deviceId });
const sync = (who: string, events: SyncEvent[], now = t0 + 30 * DAY) => syncParticipant(open.db, who, { deviceId: 'phone-a', cursor: 0, events }, () => false, now);

beforeAll(async () => {
	open = await freshDatabase();
	const [org] = await open.db.insert(organisations).values({ name: 'Test' }).returning();
	[amina, ali] = (
		await open.db
			.insert(users)
			.values([
				{ organisationId: org!.id, role: 'participant', displayName: 'Amina' },
				{ organisationId: org!.id, role: 'participant', displayName: 'Ali' }
			])
			.returning()
	).map((u) => u.id) as [string, string];
});
afterAll(async () => {
	await open?.close();
});

/** What the staff views used to compute from the whole log: distinct days with an answer after `since`. */
async function daysFromLog(participantId: string, since: Date) {
	const [row] = await open.db
		.select({ days: sql<number>`count(distinct (${reviewEvents.at} at time zone 'UTC')::date)` })
		.from(reviewEvents)
		.where(and(eq(reviewEvents.participantId, participantId), gt(reviewEvents.at, since)));
	return Number(row!.days);
}

describe('practice days (derived by ingest)', () => {
	it('counts each stored answer once, however often and in whatever batches it is pushed', async () => {
		const day1 = [event(t0), event(t0 + 60_000, 3000)];
		const day3 = [event(t0 + 2 * DAY + 3_600_000, 4000)];
		await sync(amina, day1);
		await sync(amina, [...day1, ...day3]);
		await sync(amina, day3);
		// An id another participant already used is not stored for Ali, so it does not count for him.
		await sync(ali, [day1[0]!, event(t0 + DAY)]);
		const rows = await open.db.select().from(practiceDays).where(eq(practiceDays.participantId, amina)).orderBy(practiceDays.day);
		expect(rows.map((r) => ({ day: r.day, answers: r.answers, durationMs: r.durationMs, lastAt: r.lastAt.getTime() }))).toEqual([
			{ day: '2026-11-02', answers: 2, durationMs: 5000, lastAt: t0 + 60_000 },
			{ day: '2026-11-04', answers: 1, durationMs: 4000, lastAt: t0 + 2 * DAY + 3_600_000 }
		]);
		expect((await open.db.select().from(practiceDays).where(eq(practiceDays.participantId, ali))).map((r) => r.answers)).toEqual([1]);
	});

	it('gives the same "days since" as counting the log, also when the window starts mid-day', async () => {
		for (const since of [t0 - DAY, t0 - 1, t0 + 30_000, t0 + 60_000, t0 + DAY, t0 + 2 * DAY + 3_600_000 - 1, t0 + 3 * DAY]) {
			const days = await practiceDaysSince(open.db, [amina, ali], new Date(since));
			expect([days.get(amina), days.get(ali)]).toEqual([await daysFromLog(amina, new Date(since)), await daysFromLog(ali, new Date(since))]);
		}
	});
});
