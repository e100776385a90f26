import { describe, expect, it } from 'vitest';
import { loadAllSets } from '../../../scripts/build-content';
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
