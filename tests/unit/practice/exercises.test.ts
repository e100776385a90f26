import { describe, expect, it } from 'vitest';
import type { PhraseItem } from '../../../src/lib/content/schema';
import { chooseKind, createExercise, findGap } from '../../../src/lib/practice/exercises';
import { seededRandom } from '../../../src/lib/practice/random';
import { checkTiles } from '../../../src/lib/practice/answer-check';

function item(id: string, nb: string, example: string, extra: Partial<PhraseItem> = {}): PhraseItem {
	return { id: `asking.${id}`, nb, example, alternatives: [], translations: { en: { text: id, status: 'draft' } }, level: 'A1', tags: [], ...extra };
}

const pool = [
	item('say-again', 'Kan du si det en gang til?', 'Unnskyld, kan du si det en gang til?'),
	item('show-me', 'Kan du vise meg?', 'Jeg er ny. Kan du vise meg?'),
	item('slower', 'Snakk litt saktere, er du snill.', 'Snakk litt saktere, er du snill. Jeg lærer norsk.'),
	item('dont-understand', 'Jeg forstår ikke.', 'Beklager, jeg forstår ikke.'),
	item('colleague', 'en kollega', 'Per er en kollega.', { gap: 'kollega' }),
	item('done', 'Jeg er ferdig.', 'Jeg er ferdig. Hva skal jeg gjøre nå?')
];

describe('findGap', () => {
	it('finds the item in its example, ignoring case and final punctuation', () => {
		expect(findGap(pool[0]!)).toEqual({ before: 'Unnskyld, ', gap: 'kan du si det en gang til', after: '?' });
	});
	it('uses the gap words when given', () => {
		expect(findGap(pool[4]!)?.gap).toBe('kollega');
	});
	it('returns null when the words are not in the example', () => {
		expect(findGap(item('x', 'en pall', 'Sett den der.'))).toBeNull();
	});
});

describe('createExercise', () => {
	const random = () => seededRandom(42);

	it('offers four distinct choices, one of them right', () => {
		const ex = createExercise('listen-choose', pool[0]!, pool, random());
		if (ex.kind !== 'listen-choose') throw new Error(ex.kind);
		expect(ex.options).toHaveLength(4);
		expect(new Set(ex.options.map((o) => o.id)).size).toBe(4);
		expect(ex.options.filter((o) => o.id === pool[0]!.id)).toHaveLength(1);
	});

	it('shuffles the tiles so that the order given is never already right', () => {
		for (let seed = 0; seed < 50; seed++) {
			const ex = createExercise('build-sentence', pool[0]!, pool, seededRandom(seed));
			if (ex.kind !== 'build-sentence') throw new Error(ex.kind);
			expect(checkTiles(ex.tiles, [pool[0]!.nb]).verdict).toBe('wrong');
			expect([...ex.tiles].sort()).toEqual(['Kan', 'du', 'si', 'det', 'en', 'gang', 'til'].sort());
		}
	});

	it('builds a gap exercise whose options include the missing words once', () => {
		const ex = createExercise('fill-gap', pool[3]!, pool, random());
		if (ex.kind !== 'fill-gap') throw new Error(ex.kind);
		expect(ex.options.filter((o) => o === 'jeg forstår ikke')).toHaveLength(1);
		expect(ex.options.length).toBeGreaterThanOrEqual(2);
	});

	it('makes match pairs of four items including the one being trained', () => {
		const ex = createExercise('match-pairs', pool[1]!, pool, random());
		if (ex.kind !== 'match-pairs') throw new Error(ex.kind);
		expect(ex.pairs).toHaveLength(4);
		expect(ex.pairs.map((p) => p.id)).toContain(pool[1]!.id);
		expect([...ex.meanings].sort((a, b) => a.id.localeCompare(b.id))).toEqual([...ex.pairs].sort((a, b) => a.id.localeCompare(b.id)));
	});
});

describe('chooseKind', () => {
	it('starts new cards with the gentlest kind of their direction', () => {
		expect(chooseKind({ itemId: 'x', direction: 'recognise', isNew: true }, pool[0]!, { reps: 0, poolSize: 6 })).toBe('listen-choose');
		expect(chooseKind({ itemId: 'x', direction: 'produce', isNew: true }, pool[0]!, { reps: 0, poolSize: 6 })).toBe('meaning-choose');
	});
	it('cycles each item through every kind that suits it, one review after another', () => {
		const produce = (reps: number, i: PhraseItem) => chooseKind({ itemId: i.id, direction: 'produce', isNew: false }, i, { reps, poolSize: 6 });
		const recognise = (reps: number, i: PhraseItem) => chooseKind({ itemId: i.id, direction: 'recognise', isNew: false }, i, { reps, poolSize: 6 });
		expect(new Set([1, 2, 3, 4].map((r) => produce(r, pool[0]!)))).toEqual(new Set(['build-sentence', 'say-it', 'type-heard', 'meaning-choose']));
		expect(new Set([1, 2, 3].map((r) => produce(r, pool[4]!)))).toEqual(new Set(['type-heard', 'say-it', 'meaning-choose']));
		expect(new Set([1, 2, 3].map((r) => recognise(r, pool[0]!)))).toEqual(new Set(['fill-gap', 'match-pairs', 'listen-choose']));
		// Never building a sentence from a single word.
		expect([1, 2, 3, 4, 5, 6].map((r) => produce(r, pool[4]!))).not.toContain('build-sentence');
	});
	it('mixes kinds across items at the same stage', () => {
		const kinds = new Set(pool.map((i) => chooseKind({ itemId: i.id, direction: 'recognise', isNew: false }, i, { reps: 1, poolSize: 6 })));
		expect(kinds.size).toBeGreaterThan(1);
	});
	it('gives a word with no translation yet (a workplace’s suggestion) only kinds that need none, and never offers it as a wrong choice', () => {
		const bare = item('cold-room', 'kjølerommet', 'Sett melka i kjølerommet.', { translations: {} });
		const kinds = new Set([0, 1, 2, 3, 4, 5].flatMap((reps) => (['recognise', 'produce'] as const).flatMap((direction) => [true, false].map((isNew) => chooseKind({ itemId: bare.id, direction, isNew }, bare, { reps, poolSize: 7 })))));
		expect([...kinds].sort()).toEqual(['say-it', 'type-heard']);
		for (let seed = 0; seed < 20; seed++) {
			for (const kind of ['listen-choose', 'meaning-choose', 'match-pairs'] as const) {
				expect(JSON.stringify(createExercise(kind, pool[0]!, [...pool, bare], seededRandom(seed)))).not.toContain('kjølerommet');
			}
		}
	});
	it('goes back to the gentlest kind while a forgotten card is relearnt', () => {
		expect(chooseKind({ itemId: 'x', direction: 'produce', isNew: false }, pool[0]!, { reps: 5, poolSize: 6, relearning: true })).toBe('meaning-choose');
		expect(chooseKind({ itemId: 'x', direction: 'recognise', isNew: false }, pool[0]!, { reps: 5, poolSize: 6, relearning: true })).toBe('listen-choose');
	});
});
