import type { Checkin } from '../content/checkin';
import type { LocalDatabase } from './db';

// Reading check-ins (Today, sync). Saving one lives with the check-in screen (save-checkin.ts).

export async function answeredPoints(db: LocalDatabase): Promise<Set<string>> {
	return new Set((await db.checkins.toArray()).map((c) => c.point));
}

/** Check-ins the server has not acknowledged, without the phone's own bookkeeping. */
export async function unsentCheckins(db: LocalDatabase): Promise<Checkin[]> {
	return (await db.checkins.where('synced').equals(0).toArray()).map(({ synced: _, ...c }) => c);
}
