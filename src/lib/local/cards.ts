import type { CardState, ReviewEvent } from '../practice/card';
import type { LocalDatabase } from './db';

/*
 * Reading the phone's cards and log. Kept apart from progress.ts (which writes reviews and needs
 * the FSRS scheduler) so that Today and the first screen load without ts-fsrs.
 */

export async function loadCards(db: LocalDatabase): Promise<Map<string, CardState>> {
	const cards = await db.cards.toArray();
	return new Map(cards.map((c) => [c.key, c]));
}

export async function countDue(db: LocalDatabase, now: number, itemIds: ReadonlySet<string>): Promise<number> {
	let n = 0;
	await db.cards
		.where('due')
		.belowOrEqual(now)
		.each((c) => {
			if (itemIds.has(c.itemId)) n++;
		});
	return n;
}

/** Cards first reviewed since `since`: what counts against today's new-item limit. */
export function countIntroducedSince(db: LocalDatabase, since: number): Promise<number> {
	return db.cards.where('introducedAt').aboveOrEqual(since).count();
}

export interface ProgressExport {
	format: 'arbeidsnorsk-progress';
	version: 1;
	exportedAt: string;
	settings: Record<string, unknown>;
	reviews: ReviewEvent[];
	cards: CardState[];
}

/** Everything the phone knows about the learner, for "Download my progress". */
export async function exportProgress(db: LocalDatabase, now = new Date()): Promise<ProgressExport> {
	return db.transaction('r', db.reviews, db.cards, db.settings, async () => ({
		format: 'arbeidsnorsk-progress' as const,
		version: 1 as const,
		exportedAt: now.toISOString(),
		settings: Object.fromEntries((await db.settings.toArray()).map((s) => [s.key, s.value])),
		reviews: await db.reviews.orderBy('at').toArray(),
		cards: await db.cards.toArray()
	}));
}

/** Start of the learner's local day, for the daily new-item limit. */
export function startOfLocalDay(now: number): number {
	const d = new Date(now);
	d.setHours(0, 0, 0, 0);
	return d.getTime();
}

/** The built-in sets this phone has reviews of, e.g. after moving to a new phone. */
export async function setsWithProgress(db: LocalDatabase): Promise<string[]> {
	const itemIds = (await db.cards.orderBy('introducedAt').toArray()).map((c) => c.itemId);
	return [...new Set(itemIds.filter((id) => !id.includes(':')).map((id) => id.split('.')[0]!))];
}
