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
	it('rotates through kinds that suit the item as reviews go on', () => {
		const kinds = new Set([0, 1, 2, 3].map((reps) => chooseKind({ itemId: 'x', direction: 'produce', isNew: false }, pool[0]!, { reps, poolSize: 6 })));
		expect(kinds).toEqual(new Set(['build-sentence', 'say-it', 'meaning-choose', 'type-heard']));
		const word = chooseKind({ itemId: 'x', direction: 'produce', isNew: false }, pool[4]!, { reps: 0, poolSize: 6 });
		expect(word).toBe('type-heard');
	});
});
