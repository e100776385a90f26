import { createEmptyCard, fsrs, type Card, type FSRS } from 'ts-fsrs';
import { cardKey, type CardState, type Direction, type ReviewEvent, type ReviewGrade } from './card';

/** Target probability of recall when a card comes due. Safety phrases must not be forgotten. */
export const TARGET_RETENTION = { standard: 0.9, safety: 0.95 } as const;

// Fuzz off: replaying the same log must give the same state on every device and the server.
const schedulers: Record<'standard' | 'safety', FSRS> = {
	standard: fsrs({ request_retention: TARGET_RETENTION.standard, enable_fuzz: false }),
	safety: fsrs({ request_retention: TARGET_RETENTION.safety, enable_fuzz: false })
};

function toFsrs(card: CardState): Card {
	return {
		due: new Date(card.due),
		stability: card.stability,
		difficulty: card.difficulty,
		elapsed_days: card.elapsedDays,
		scheduled_days: card.scheduledDays,
		learning_steps: card.learningSteps,
		reps: card.reps,
		lapses: card.lapses,
		state: card.state,
		last_review: card.lastReview === null ? undefined : new Date(card.lastReview)
	};
}

/**
 * The card after one more answer. `card` is undefined for an item never reviewed in this
 * direction. Pure: the same inputs always give the same card.
 */
export function scheduleNext(
	card: CardState | undefined,
	review: { itemId: string; direction: Direction; grade: ReviewGrade; at: number },
	safety: boolean
): CardState {
	const at = new Date(review.at);
	const before = card ? toFsrs(card) : createEmptyCard(at);
	const next = schedulers[safety ? 'safety' : 'standard'].next(before, at, review.grade).card;
	return {
		key: cardKey(review.itemId, review.direction),
		itemId: review.itemId,
		direction: review.direction,
		safety,
		due: next.due.getTime(),
		stability: next.stability,
		difficulty: next.difficulty,
		elapsedDays: next.elapsed_days,
		scheduledDays: next.scheduled_days,
		learningSteps: next.learning_steps,
		reps: next.reps,
		lapses: next.lapses,
		state: next.state,
		lastReview: review.at,
		introducedAt: card?.introducedAt ?? review.at
	};
}

/** Log order: by time, then by id so that equal times still replay the same way everywhere. */
export function compareEvents(a: Pick<ReviewEvent, 'at' | 'id'>, b: Pick<ReviewEvent, 'at' | 'id'>) {
	return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Card state for one item and direction, computed from its whole log (any order given). */
export function replayCard(events: readonly ReviewEvent[], safety: boolean): CardState | undefined {
	let card: CardState | undefined;
	for (const event of [...events].sort(compareEvents)) card = scheduleNext(card, event, safety);
	return card;
}

/** Whether `event` can simply be applied on top of `card`, or arrived late and needs a replay. */
export function isInOrder(card: CardState | undefined, event: Pick<ReviewEvent, 'at'>): boolean {
	return !card || card.lastReview === null || event.at >= card.lastReview;
}

