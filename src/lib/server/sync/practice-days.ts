import { sql } from 'drizzle-orm';
import type { Database } from '../db';
import { practiceDays } from '../db/schema';

/** The UTC day of a moment, as practice_days keys it (the migration's backfill uses the same). */
export const utcDay = (at: Date) => at.toISOString().slice(0, 10);

/**
 * Adds newly stored events to the per-day totals. Called by ingest in the transaction that
 * stored them, with only the rows the insert returned, so a retried push adds nothing twice.
 */
export async function addPracticeDays(tx: Database, participantId: string, stored: { at: Date; durationMs: number }[]) {
	const days = new Map<string, { answers: number; durationMs: number; lastAt: Date }>();
	for (const e of stored) {
		const day = days.get(utcDay(e.at)) ?? { answers: 0, durationMs: 0, lastAt: e.at };
		day.answers += 1;
		day.durationMs += e.durationMs;
		if (e.at > day.lastAt) day.lastAt = e.at;
		days.set(utcDay(e.at), day);
	}
	if (!days.size) return;
	await tx
		.insert(practiceDays)
		.values([...days].map(([day, d]) => ({ participantId, day, ...d })))
		.onConflictDoUpdate({
			target: [practiceDays.participantId, practiceDays.day],
			set: {
				answers: sql`${practiceDays.answers} + excluded.answers`,
				durationMs: sql`${practiceDays.durationMs} + excluded.duration_ms`,
				lastAt: sql`greatest(${practiceDays.lastAt}, excluded.last_at)`
			}
		});
}
