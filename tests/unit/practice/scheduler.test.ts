import { describe, expect, it } from 'vitest';
import { Rating, State as FsrsState } from 'ts-fsrs';
import { State, type ReviewEvent, type ReviewGrade } from '../../../src/lib/practice/card';
import { replayCard, scheduleNext, isInOrder } from '../../../src/lib/practice/scheduler';

const DAY = 86_400_000;
const t0 = Date.UTC(2026, 10, 2, 8, 0);

function event(grade: ReviewGrade, at: number, id = `e-${at}`): ReviewEvent {
	return { id, itemId: 'safety.stop', direction: 'recognise', kind: 'listen-choose', grade, at, durationMs: 2000, deviceId: 'd1' };
}

/** Reviews a card on schedule `times` times with `grade`, returns the resulting interval in days. */
function intervalAfter(grades: ReviewGrade[], safety: boolean): number {
	let card = scheduleNext(undefined, event(Rating.Good, t0), safety);
	for (const grade of grades) card = scheduleNext(card, event(grade, card.due), safety);
	return (card.due - card.lastReview!) / DAY;
}

describe('scheduleNext', () => {
	it('moves the due date further for better grades', () => {
		const first = scheduleNext(undefined, event(Rating.Good, t0), false);
		const due = first.due;
		const after = (g: ReviewGrade) => scheduleNext(first, event(g, due), false).due;
		expect(after(Rating.Again)).toBeLessThan(after(Rating.Hard));
		expect(after(Rating.Hard)).toBeLessThan(after(Rating.Good));
		expect(after(Rating.Good)).toBeLessThan(after(Rating.Easy));
	});

	it('brings a forgotten card back within the hour and counts the lapse', () => {
		let card = scheduleNext(undefined, event(Rating.Good, t0), false);
		card = scheduleNext(card, event(Rating.Good, card.due), false);
		card = scheduleNext(card, event(Rating.Good, card.due), false);
		const lapsed = scheduleNext(card, event(Rating.Again, card.due), false);
		expect(lapsed.lapses).toBe(1);
		expect(lapsed.due - lapsed.lastReview!).toBeLessThanOrEqual(60 * 60_000);
	});

	it('brings safety items back sooner than others with the same answers', () => {
		const grades = [Rating.Good, Rating.Good, Rating.Good, Rating.Good] as ReviewGrade[];
		const safety = intervalAfter(grades, true);
		const standard = intervalAfter(grades, false);
		expect(safety).toBeLessThan(standard);
		expect(safety).toBeGreaterThan(0);
	});

	it('keeps when the card was first introduced', () => {
		const first = scheduleNext(undefined, event(Rating.Good, t0), false);
		const second = scheduleNext(first, event(Rating.Good, t0 + 5 * DAY), false);
		expect(second.introducedAt).toBe(t0);
		expect(second.reps).toBe(2);
	});
});

describe('replayCard', () => {
	it('gives the same state whatever order the events arrive in', () => {
		const events = [event(Rating.Good, t0, 'a'), event(Rating.Hard, t0 + DAY, 'b'), event(Rating.Again, t0 + 4 * DAY, 'c'), event(Rating.Good, t0 + 4 * DAY + 600_000, 'd')];
		const inOrder = replayCard(events, false);
		const shuffled = replayCard([events[2]!, events[0]!, events[3]!, events[1]!], false);
		expect(shuffled).toEqual(inOrder);
		expect(inOrder?.reps).toBe(4);
	});

	it('orders events with the same time by id', () => {
		const a = replayCard([event(Rating.Again, t0, 'b'), event(Rating.Easy, t0, 'a')], false);
		const b = replayCard([event(Rating.Easy, t0, 'a'), event(Rating.Again, t0, 'b')], false);
		expect(a).toEqual(b);
	});

	it('matches step-by-step scheduling for events in order', () => {
		const events = [event(Rating.Good, t0, 'a'), event(Rating.Good, t0 + 2 * DAY, 'b')];
		let card = scheduleNext(undefined, events[0]!, true);
		card = scheduleNext(card, events[1]!, true);
		expect(replayCard(events, true)).toEqual(card);
	});

	it('tells a late event from one in order', () => {
		const card = scheduleNext(undefined, event(Rating.Good, t0 + DAY), false);
		expect(isInOrder(card, { at: t0 + 2 * DAY })).toBe(true);
		expect(isInOrder(card, { at: t0 })).toBe(false);
		expect(isInOrder(undefined, { at: t0 })).toBe(true);
	});
});

describe('card states', () => {
	it("uses ts-fsrs's numbers, so cards read without the scheduler mean the same", () => {
		expect(State).toEqual({ New: FsrsState.New, Learning: FsrsState.Learning, Review: FsrsState.Review, Relearning: FsrsState.Relearning });
	});
});
