import { describe, expect, it } from 'vitest';
import { checkTiles, checkTyped, editDistance, normalise, sentenceTiles } from '../../../src/lib/practice/answer-check';

describe('checkTyped', () => {
	it('accepts the exact answer whatever the case, punctuation and spacing', () => {
		expect(checkTyped('  kan du si det EN gang til ', ['Kan du si det en gang til?']).verdict).toBe('exact');
	});

	it('forgives one wrong letter in a word of five or more letters and shows the right spelling', () => {
		const result = checkTyped('kvitering', ['kvittering']);
		expect(result.verdict).toBe('typo');
		expect(result.expected).toBe('kvittering');
	});

	it('forgives a swapped pair of letters in a long word', () => {
		expect(checkTyped('hanksene', ['hanskene']).verdict).toBe('typo');
	});

	it('does not forgive a wrong letter in a short word, where it changes the meaning', () => {
		expect(checkTyped('tak', ['takk']).verdict).toBe('wrong');
		expect(checkTyped('vin', ['fin']).verdict).toBe('wrong');
	});

	it('forgives one slip in a long word but not two', () => {
		expect(checkTyped('kvitterng', ['kvittering']).verdict).toBe('typo');
		expect(checkTyped('kvitering!', ['kvittering']).verdict).toBe('typo');
		expect(checkTyped('kviterng', ['kvittering']).verdict).toBe('wrong');
	});

	it('treats æ, ø and å as letters of their own', () => {
		expect(checkTyped('gå', ['gå']).verdict).toBe('exact');
		expect(checkTyped('ga', ['gå']).verdict).toBe('wrong');
		expect(checkTyped('hjelpe', ['hjelpe']).verdict).toBe('exact');
		expect(checkTyped('forste', ['første']).verdict).toBe('typo');
	});

	it('marks a missing word as wrong and says which', () => {
		const result = checkTyped('kan du si det gang til', ['Kan du si det en gang til?']);
		expect(result.verdict).toBe('wrong');
		expect(result.words.some((w) => !w.ok)).toBe(true);
	});

	it('accepts an alternative answer and reports which one matched', () => {
		const result = checkTyped('kan du si det igjen', ['Kan du si det en gang til?', 'Kan du si det igjen?']);
		expect(result.verdict).toBe('exact');
		expect(result.expected).toBe('Kan du si det igjen?');
	});

	it('treats decomposed and composed letters alike', () => {
		expect(checkTyped('ga\u030a', ['gå']).verdict).toBe('exact');
	});
});

describe('tiles', () => {
	it('splits a sentence into words without the final punctuation', () => {
		expect(sentenceTiles('Hvor er toalettet?')).toEqual(['Hvor', 'er', 'toalettet']);
	});

	it('accepts the right order and rejects a wrong one', () => {
		expect(checkTiles(['Hvor', 'er', 'toalettet'], ['Hvor er toalettet?']).verdict).toBe('exact');
		expect(checkTiles(['er', 'Hvor', 'toalettet'], ['Hvor er toalettet?']).verdict).toBe('wrong');
	});
});

describe('helpers', () => {
	it('measures edit distance with transpositions', () => {
		expect(editDistance('abc', 'acb')).toBe(1);
		expect(editDistance('kitten', 'sitting')).toBe(3);
	});
	it('normalises quotes and punctuation', () => {
		expect(normalise('«Stopp!»  Pass på.')).toBe('stopp pass på');
	});
});
