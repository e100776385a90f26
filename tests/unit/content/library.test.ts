import { describe, expect, it } from 'vitest';
import { loadAllSets, loadLibrary } from '../../../scripts/content-library';
import { lix } from '../../../src/lib/content/plain-markdown';
import { TRANSLATION_LANGUAGES } from '../../../src/lib/content/languages';
import { findGap, isPhrase } from '../../../src/lib/practice/exercises';

const sets = loadAllSets();
const items = sets.flatMap((s) => s.items);

describe('the shipped phrase sets', () => {
	it('include the three starter sets with at least 25 items each', () => {
		for (const id of ['first-day', 'asking', 'safety']) {
			expect(sets.find((s) => s.id === id)?.items.length ?? 0, id).toBeGreaterThanOrEqual(25);
		}
	});

	it('tag every item of the safety set as safety, so it is scheduled to the higher retention', () => {
		expect(sets.find((s) => s.id === 'safety')!.items.every((i) => i.tags.includes('safety'))).toBe(true);
	});

	it('never mark a translation reviewed that no qualified person has checked', () => {
		// Nothing in the repository has been checked yet; flip this when a reviewer signs off.
		const reviewed = items.flatMap((i) => Object.values(i.translations)).filter((t) => t?.status === 'reviewed');
		expect(reviewed).toEqual([]);
	});

	it('have a gap in every example for the fill-the-gap exercise', () => {
		expect(items.filter((i) => !findGap(i)).map((i) => i.id)).toEqual([]);
	});

	it('are at least a third whole phrases', () => {
		expect(items.filter(isPhrase).length / items.length).toBeGreaterThanOrEqual(1 / 3);
	});

	it('count the translation gaps per language', () => {
		const gaps = Object.fromEntries(TRANSLATION_LANGUAGES.map((l) => [l, items.filter((i) => !i.translations[l]).length]));
		console.log('translation gaps per language:', gaps);
		expect(gaps.en).toBe(0);
	});
});

describe('the working-life guides', () => {
	const { guides } = loadLibrary();

	it('are plain Norwegian: LIX at most 40 for every nb text', () => {
		for (const g of guides) console.log(`LIX ${g.id}: ${g.lix} (${g.wordCount} words)`);
		expect(guides.filter((g) => g.lix > 40).map((g) => `${g.id}: ${g.lix}`)).toEqual([]);
	});

	it('each name a source and a last-checked date, and have three questions in every language', () => {
		for (const g of guides) {
			expect(g.sources.length, g.id).toBeGreaterThan(0);
			expect(g.checked, g.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			for (const text of Object.values(g.texts)) expect(text.quiz.length, `${g.id}/${text.lang}`).toBe(3);
		}
	});

	it('keep the same quiz answers in every language', () => {
		for (const g of guides) {
			const answers = g.texts.nb!.quiz.map((q) => q.answer).join();
			for (const text of Object.values(g.texts)) expect(text.quiz.map((q) => q.answer).join(), `${g.id}/${text.lang}`).toBe(answers);
		}
	});
});

describe('lix', () => {
	it('follows the formula: words per sentence plus the share of long words', () => {
		// 8 words, 2 sentences, 1 word over six letters (lageret): 8/2 + 100*1/8 = 16.5
		expect(lix('Jeg jobber på lageret. Der pakker vi varer.').lix).toBeCloseTo(16.5, 1);
	});
});
