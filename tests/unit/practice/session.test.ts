import { describe, expect, it } from 'vitest';
import { Rating } from 'ts-fsrs';
import { cardKey, type CardState, type Direction } from '../../../src/lib/practice/card';
import { scheduleNext } from '../../../src/lib/practice/scheduler';
import { buildSession, requeuePosition, separateRepeats, stepsForMinutes, type LearningItem, type SessionStep } from '../../../src/lib/practice/session';

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 23, 9, 0);

function items(n: number, setId = 'first-day', safety = false): LearningItem[] {
	return Array.from({ length: n }, (_, i) => ({ id: `${setId}.item-${i}`, setId, safety }));
}

function reviewed(itemId: string, direction: Direction, at: number, safety = false): CardState {
	return scheduleNext(undefined, { itemId, direction, grade: Rating.Good, at }, safety);
}

function cardsOf(...cards: CardState[]): Map<string, CardState> {
	return new Map(cards.map((c) => [c.key, c]));
}

const base = { now, introducedToday: 0, newPerDay: 10, maxSteps: 20 };

function noImmediateRepeats(steps: SessionStep[]) {
	return steps.every((s, i) => i === 0 || s.itemId !== steps[i - 1]!.itemId);
}

describe('buildSession', () => {
	it('introduces new items up to the daily limit, recognise first', () => {
		const steps = buildSession({ ...base, items: items(30), cards: new Map(), newPerDay: 8 });
		expect(steps).toHaveLength(8);
		expect(steps.every((s) => s.isNew && s.direction === 'recognise')).toBe(true);
	});

	it('counts what was already introduced today against the limit', () => {
		const steps = buildSession({ ...base, items: items(30), cards: new Map(), newPerDay: 8, introducedToday: 6 });
		expect(steps).toHaveLength(2);
		expect(buildSession({ ...base, items: items(30), cards: new Map(), newPerDay: 8, introducedToday: 9 })).toHaveLength(0);
	});

	it('puts due reviews before new items and leaves cards that are not due', () => {
		const list = items(5);
		const due = reviewed(list[0]!.id, 'recognise', now - 30 * DAY);
		const notDue = reviewed(list[1]!.id, 'recognise', now - 60_000);
		const steps = buildSession({ ...base, items: list, cards: cardsOf(due, notDue), newPerDay: 0 });
		expect(steps).toEqual([{ itemId: list[0]!.id, direction: 'recognise', isNew: false }]);
	});

	it('only adds a produce card after the item has been recognised', () => {
		const list = items(3);
		const steps = buildSession({ ...base, items: list, cards: cardsOf(reviewed(list[0]!.id, 'recognise', now - 60_000)) });
		const produce = steps.filter((s) => s.direction === 'produce');
		expect(produce).toEqual([{ itemId: list[0]!.id, direction: 'produce', isNew: true }]);
		expect(steps.some((s) => s.itemId === list[0]!.id && s.direction === 'recognise')).toBe(false);
	});

	it('takes due safety items before other due items', () => {
		const plain = items(3, 'first-day');
		const safety = items(2, 'safety', true);
		const cards = cardsOf(
			reviewed(plain[0]!.id, 'recognise', now - 40 * DAY),
			reviewed(plain[1]!.id, 'recognise', now - 40 * DAY),
			reviewed(safety[0]!.id, 'recognise', now - 10 * DAY, true)
		);
		const steps = buildSession({ ...base, items: [...plain, ...safety], cards, newPerDay: 0, maxSteps: 2 });
		expect(steps[0]!.itemId).toBe(safety[0]!.id);
		expect(steps).toHaveLength(2);
	});

	it('fits the session to its length', () => {
		const list = items(100);
		const cards = cardsOf(...list.map((i) => reviewed(i.id, 'recognise', now - 30 * DAY)));
		expect(buildSession({ ...base, items: list, cards, maxSteps: 20 })).toHaveLength(20);
		expect(stepsForMinutes(5)).toBe(20);
	});

	it('never shows the same item twice in a row', () => {
		const list = items(6);
		const cards = cardsOf(...list.flatMap((i) => [reviewed(i.id, 'recognise', now - 20 * DAY), reviewed(i.id, 'produce', now - 20 * DAY)]));
		const steps = buildSession({ ...base, items: list, cards });
		expect(steps).toHaveLength(12);
		expect(noImmediateRepeats(steps)).toBe(true);
	});

	it('ignores cards of sets no longer being learnt', () => {
		const card = reviewed('warehouse.pallet', 'recognise', now - 30 * DAY);
		expect(buildSession({ ...base, items: items(2), cards: cardsOf(card), newPerDay: 0 })).toEqual([]);
	});
});

describe('separateRepeats and requeuePosition', () => {
	const step = (itemId: string, direction: Direction = 'recognise'): SessionStep => ({ itemId, direction, isNew: false });

	it('breaks up repeats where it can', () => {
		const out = separateRepeats([step('a'), step('a', 'produce'), step('b'), step('b', 'produce'), step('c')]);
		expect(noImmediateRepeats(out)).toBe(true);
		expect(out).toHaveLength(5);
	});

	it('puts a failed card a few steps on, not next to itself', () => {
		const steps = [step('a'), step('b'), step('c'), step('d'), step('a', 'produce'), step('e')];
		const at = requeuePosition(steps, 0, 'a');
		expect(at).toBeGreaterThanOrEqual(4);
		expect(steps[at - 1]?.itemId).not.toBe('a');
		expect(steps[at]?.itemId).not.toBe('a');
	});

	it('builds a session from 5,000 cards quickly', () => {
		const list = items(2500);
		const cards = cardsOf(...list.flatMap((i, n) => [reviewed(i.id, 'recognise', now - (n % 40) * DAY), reviewed(i.id, 'produce', now - (n % 30) * DAY)]));
		expect(cards.size).toBe(5000);
		const started = performance.now();
		const steps = buildSession({ ...base, items: list, cards });
		expect(performance.now() - started).toBeLessThan(100);
		expect(steps).toHaveLength(20);
	});
});
