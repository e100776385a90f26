import { uuidv7 } from 'uuidv7';
import type { Checkin } from '$lib/content/checkin';
import type { LocalDatabase } from '$lib/local/db';

/** Stores an answered check-in on the phone; sync takes it to the server (shared only if the participant says so). */
export async function saveCheckin(db: LocalDatabase, answer: Omit<Checkin, 'id' | 'at'>, now = Date.now()): Promise<Checkin> {
	const checkin: Checkin = { id: uuidv7(), at: now, ...answer };
	await db.checkins.put({ ...checkin, synced: 0 });
	return checkin;
}
