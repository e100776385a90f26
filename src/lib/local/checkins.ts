import { uuidv7 } from 'uuidv7';
import type { Checkin } from '../content/checkin';
import type { LocalDatabase } from './db';

/** Stores an answered check-in on the phone; sync takes it to the server (shared only if the participant says so). */
export async function saveCheckin(db: LocalDatabase, answer: Omit<Checkin, 'id' | 'at'>, now = Date.now()): Promise<Checkin> {
	const checkin: Checkin = { id: uuidv7(), at: now, ...answer };
	await db.checkins.put({ ...checkin, synced: 0 });
	return checkin;
}

export async function answeredPoints(db: LocalDatabase): Promise<Set<string>> {
	return new Set((await db.checkins.toArray()).map((c) => c.point));
}

/** Check-ins the server has not acknowledged, without the phone's own bookkeeping. */
export async function unsentCheckins(db: LocalDatabase): Promise<Checkin[]> {
	return (await db.checkins.where('synced').equals(0).toArray()).map(({ synced: _, ...c }) => c);
}
