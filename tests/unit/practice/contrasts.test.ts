import { describe, expect, it } from 'vitest';
import { CONTRASTS, CONTRASTS_BY_LANGUAGE, contrastsFor, pairItemId, pairRound } from '../../../src/lib/practice/contrasts';
import { LANGUAGE_CODES } from '../../../src/lib/content/languages';

describe('minimal pairs by first language', () => {
	it('puts p–b, f–v and consonant clusters first for Somali (kaffitering for kvittering)', () => {
		const ids = contrastsFor('so').map((c) => c.id);
		expect(ids.slice(0, 3)).toEqual(['p-b', 'f-v', 'clusters']);
		expect(CONTRASTS.clusters!.pairs[0]).toEqual([{ nb: 'kvittering', emoji: '🧾' }, { nb: 'kaffitering', wrong: true }]);
	});

	it('puts vowel length first for Ukrainian and Polish, and clusters first for Dari', () => {
		expect(contrastsFor('uk')[0]!.id).toBe('length');
		expect(contrastsFor('pl')[0]!.id).toBe('length');
		expect(contrastsFor('prs')[0]!.id).toBe('clusters');
	});

	it('has contrasts for every language, all of them defined, each pair two different words', () => {
		for (const lang of LANGUAGE_CODES) {
			expect(CONTRASTS_BY_LANGUAGE[lang]?.length, lang).toBeGreaterThan(0);
			for (const c of contrastsFor(lang)) {
				expect(c, `${lang}`).toBeDefined();
				for (const [a, b] of c.pairs) expect(a.nb).not.toBe(b.nb);
			}
		}
		expect(pairItemId('p-b', 0)).toMatch(/^[a-z0-9:/_.-]+$/);
	});
});

describe('a listening round', () => {
	it('takes pairs due again first, then new ones mixing the contrasts', () => {
		const now = Date.UTC(2026, 10, 23);
		const cards = new Map([[pairItemId('clusters', 0), { due: now - 1000 }], [pairItemId('p-b', 0), { due: now + 86_400_000 }]]);
		const round = pairRound('so', cards, now, 5, () => 0.2);
		expect(round[0]!.itemId).toBe(pairItemId('clusters', 0));
		expect(round.map((r) => r.itemId)).not.toContain(pairItemId('p-b', 0));
		expect(new Set(round.slice(1).map((r) => r.contrast.id)).size).toBe(4);
		expect(round.every((r) => r.played === 0)).toBe(true);
	});
});
