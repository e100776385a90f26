import { cardKey, State, type CardState, type Direction } from './card';

/** An item the learner is learning: from a set on their list, in the set's own order. */
export interface LearningItem {
	id: string;
	setId: string;
	safety: boolean;
	/** Instruction drills and dialogues are only ever recognised, never produced. */
	recogniseOnly?: boolean;
}

export interface SessionStep {
	itemId: string;
	direction: Direction;
	/** First time this card is shown: the app introduces the item before asking. */
	isNew: boolean;
}

export interface SessionOptions {
	now: number;
	/** Items from the sets being learnt, in the order they should be introduced. */
	items: readonly LearningItem[];
	cards: ReadonlyMap<string, CardState>;
	/** Cards introduced today so far (counts against `newPerDay`). */
	introducedToday: number;
	newPerDay: number;
	/** How many exercises fit the session (about five minutes). */
	maxSteps: number;
}

export const DEFAULT_NEW_PER_DAY = 10;
/** About 15 seconds an exercise: twenty make a five-minute burst. */
export const SECONDS_PER_STEP = 15;

export function stepsForMinutes(minutes: number): number {
	return Math.max(5, Math.round((minutes * 60) / SECONDS_PER_STEP));
}

/**
 * Builds the next practice session: due reviews first (safety items before others, most
 * overdue first), then new cards up to the daily limit, recognise before produce, never the
 * same item twice in a row. Pure and fast: a few milliseconds for thousands of cards.
 */
export function buildSession(options: SessionOptions): SessionStep[] {
	const { now, items, cards, maxSteps } = options;
	const due: { step: SessionStep; card: CardState }[] = [];
	for (const item of items) {
		for (const direction of ['recognise', 'produce'] as const) {
			const card = cards.get(cardKey(item.id, direction));
			if (card && card.due <= now) due.push({ step: { itemId: item.id, direction, isNew: false }, card });
		}
	}
	due.sort((a, b) => Number(b.card.safety) - Number(a.card.safety) || a.card.due - b.card.due);
	const reviews = due.slice(0, maxSteps).map((d) => d.step);

	let budget = Math.min(Math.max(0, options.newPerDay - options.introducedToday), maxSteps - reviews.length);
	const fresh: SessionStep[] = [];
	// Produce cards of items already recognised come first: they finish what was started.
	for (const item of items) {
		if (budget <= 0) break;
		const recognise = cards.get(cardKey(item.id, 'recognise'));
		if (!item.recogniseOnly && recognise && recognise.state !== State.New && !cards.has(cardKey(item.id, 'produce'))) {
			fresh.push({ itemId: item.id, direction: 'produce', isNew: true });
			budget--;
		}
	}
	for (const item of items) {
		if (budget <= 0) break;
		if (!cards.has(cardKey(item.id, 'recognise'))) {
			fresh.push({ itemId: item.id, direction: 'recognise', isNew: true });
			budget--;
		}
	}
	return separateRepeats(interleave(reviews, fresh));
}

/** Spreads new cards among the reviews so that a session does not end with all the hard work. */
function interleave(reviews: SessionStep[], fresh: SessionStep[]): SessionStep[] {
	if (!fresh.length) return reviews;
	if (!reviews.length) return fresh;
	const out: SessionStep[] = [];
	const every = Math.max(1, Math.floor(reviews.length / fresh.length));
	let f = 0;
	reviews.forEach((step, i) => {
		out.push(step);
		if ((i + 1) % every === 0 && f < fresh.length) out.push(fresh[f++]!);
	});
	while (f < fresh.length) out.push(fresh[f++]!);
	return out;
}

/** Swaps a step that would follow the same item with a later one where neither repeats. */
export function separateRepeats(steps: SessionStep[]): SessionStep[] {
	const out = [...steps];
	const repeatsAt = (k: number) =>
		k > 0 && k < out.length && out[k]!.itemId === out[k - 1]!.itemId;
	for (let i = 1; i < out.length; i++) {
		if (!repeatsAt(i)) continue;
		for (let j = i + 1; j < out.length; j++) {
			[out[i], out[j]] = [out[j]!, out[i]!];
			if (![i, i + 1, j, j + 1].some(repeatsAt)) break;
			[out[i], out[j]] = [out[j]!, out[i]!];
		}
	}
	return out;
}

/**
 * Where to put a card answered wrongly so it comes back later in the same session: a few
 * steps on, and never straight after the same item.
 */
export function requeuePosition(steps: readonly SessionStep[], current: number, itemId: string): number {
	let at = Math.min(steps.length, current + 4);
	while (at < steps.length && (steps[at - 1]?.itemId === itemId || steps[at]?.itemId === itemId)) at++;
	return at;
}
