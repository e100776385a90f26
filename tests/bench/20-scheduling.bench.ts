/** Scheduling: building the next session from N cards (pure, in Node). */
import { Rating } from 'ts-fsrs';
import { scheduleNext } from '../../src/lib/practice/scheduler';
import { buildSession, type LearningItem } from '../../src/lib/practice/session';
import type { CardState } from '../../src/lib/practice/card';
import { median, ms, p95, type BenchSection } from './report';

/** A synthetic learner with `cardCount` cards: half recognise, half produce, due dates spread over 60 days. */
export function syntheticLearner(cardCount: number, now: number) {
	const items: LearningItem[] = Array.from({ length: cardCount / 2 }, (_, i) => ({ id: `set-${i % 40}.item-${i}`, setId: `set-${i % 40}`, safety: i % 10 === 0 }));
	const cards = new Map<string, CardState>();
	items.forEach((item, i) => {
		for (const direction of ['recognise', 'produce'] as const) {
			const card = scheduleNext(undefined, { itemId: item.id, direction, grade: Rating.Good, at: now - (i % 60) * 86_400_000 }, item.safety);
			cards.set(card.key, card);
		}
	});
	return { items, cards };
}

function sessionBench(cardCount: number) {
	const now = Date.UTC(2026, 10, 23, 9);
	const { items, cards } = syntheticLearner(cardCount, now);
	const times: number[] = [];
	for (let run = 0; run < 300; run++) {
		const t = performance.now();
		buildSession({ now, items, cards, introducedToday: 3, newPerDay: 10, maxSteps: 20 });
		times.push(performance.now() - t);
	}
	return { median: median(times), p95: p95(times) };
}

export async function bench(): Promise<BenchSection> {
	const s5 = sessionBench(5_000);
	const s20 = sessionBench(20_000);
	return {
		title: 'Scheduling',
		rows: [
			{ what: 'Building the next session from 5,000 cards', figure: `median ${ms(s5.median)}, p95 ${ms(s5.p95)}`, goal: 'median ≤ 5 ms', met: s5.median <= 5 },
			{ what: 'Building the next session from 20,000 cards', figure: `median ${ms(s20.median)}, p95 ${ms(s20.p95)}`, goal: 'median ≤ 20 ms', met: s20.median <= 20 }
		],
		notes: ['**Session building**: `buildSession` over a synthetic learner with N cards (half recognise, half produce, due dates spread over 60 days), 300 runs in Node.']
	};
}
