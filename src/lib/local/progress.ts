import { cardKey, type CardState, type ReviewEvent } from '../practice/card';
import { isInOrder, replayCard, scheduleNext } from '../practice/scheduler';
import type { LocalDatabase } from './db';

/**
 * Appends one answer to the log and updates its card, in one transaction: either both are
 * stored (and queued for sync) or neither is, and the caller hears about it. Recording the
 * same event twice stores it once.
 */
export async function recordReview(db: LocalDatabase, event: ReviewEvent, safety: boolean): Promise<CardState> {
	return db.transaction('rw', db.reviews, db.cards, db.outbox, async () => {
		const key = cardKey(event.itemId, event.direction);
		const card = await db.cards.get(key);
		if (await db.reviews.get(event.id)) return card!;
		let next: CardState;
		if (isInOrder(card, event)) {
			next = scheduleNext(card, event, safety);
		} else {
			const history = await db.reviews
				.where('itemId')
				.equals(event.itemId)
				.filter((r) => r.direction === event.direction)
				.toArray();
			next = replayCard([...history, event], safety)!;
		}
		await db.reviews.add(event);
		await db.outbox.add({ id: event.id, queuedAt: Date.now() });
		await db.cards.put(next);
		return next;
	});
}

/**
 * Answers given on the participant's other devices, as pulled from the server: stored in one
 * transaction, each card replayed once from its whole log. Not queued to be sent back.
 */
export async function recordRemoteReviews(db: LocalDatabase, events: readonly ReviewEvent[], isSafety: (itemId: string) => boolean): Promise<void> {
	if (!events.length) return;
	await db.transaction('rw', db.reviews, db.cards, async () => {
		const known = new Set((await db.reviews.bulkGet(events.map((e) => e.id))).filter(Boolean).map((e) => e!.id));
		const fresh = events.filter((e) => !known.has(e.id));
		if (!fresh.length) return;
		await db.reviews.bulkAdd(fresh);
		const touched = new Map(fresh.map((e) => [cardKey(e.itemId, e.direction), e]));
		const history = await db.reviews.where('itemId').anyOf([...new Set(fresh.map((e) => e.itemId))]).toArray();
		const cards: CardState[] = [];
		for (const { itemId, direction } of touched.values()) {
			cards.push(replayCard(history.filter((r) => r.itemId === itemId && r.direction === direction), isSafety(itemId))!);
		}
		await db.cards.bulkPut(cards);
	});
}
