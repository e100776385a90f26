import type { LanguageCode } from '../content/languages';

/**
 * Minimal pairs: two Norwegian words that differ in one sound a speaker of some first language
 * tends to hear (and say) as the same. The learner hears one and picks which. A "word" may be
 * a wrong variant (marked `wrong`) when the error is inserting or dropping a sound.
 */
export interface Contrast {
	id: string;
	/** What differs, for teachers: "p – b". */
	sounds: string;
	pairs: [PairWord, PairWord][];
}
export interface PairWord {
	nb: string;
	emoji?: string;
	/** A mispronunciation to recognise as wrong, not a Norwegian word. */
	wrong?: boolean;
}

export const CONTRASTS: Record<string, Contrast> = {
	'p-b': { id: 'p-b', sounds: 'p – b', pairs: [[{ nb: 'pære', emoji: '🍐' }, { nb: 'bære', emoji: '📦' }], [{ nb: 'pil', emoji: '➡️' }, { nb: 'bil', emoji: '🚗' }], [{ nb: 'pakke', emoji: '📦' }, { nb: 'bakke', emoji: '⛰️' }]] },
	'f-v': { id: 'f-v', sounds: 'f – v', pairs: [[{ nb: 'fin', emoji: '✨' }, { nb: 'vin', emoji: '🍷' }], [{ nb: 'fare', emoji: '⚠️' }, { nb: 'vare', emoji: '🛒' }], [{ nb: 'fest', emoji: '🎉' }, { nb: 'vest', emoji: '🦺' }]] },
	'i-y-u': { id: 'i-y-u', sounds: 'i – y – u', pairs: [[{ nb: 'ti', emoji: '🔟' }, { nb: 'ty' }], [{ nb: 'syr', emoji: '🧵' }, { nb: 'sur', emoji: '🍋' }], [{ nb: 'by', emoji: '🏙️' }, { nb: 'bu', emoji: '🛖' }]] },
	length: { id: 'length', sounds: 'lang – kort vokal (tak – takk)', pairs: [[{ nb: 'tak', emoji: '🏠' }, { nb: 'takk', emoji: '🙏' }], [{ nb: 'mate', emoji: '🥄' }, { nb: 'matte', emoji: '🧮' }], [{ nb: 'hat', emoji: '😠' }, { nb: 'hatt', emoji: '🎩' }]] },
	'sj-kj': { id: 'sj-kj', sounds: 'skj – kj', pairs: [[{ nb: 'skje', emoji: '🥄' }, { nb: 'kje', emoji: '🐐' }], [{ nb: 'skjøre', emoji: '🥚' }, { nb: 'kjøre', emoji: '🚗' }], [{ nb: 'skjære', emoji: '🔪' }, { nb: 'kjære', emoji: '❤️' }]] },
	'e-i': { id: 'e-i', sounds: 'e – i', pairs: [[{ nb: 'sen', emoji: '⏰' }, { nb: 'sin' }], [{ nb: 'let', emoji: '🔍' }, { nb: 'lit', emoji: '🤝' }]] },
	clusters: {
		id: 'clusters',
		sounds: 'konsonanter etter hverandre (ingen ekstra vokal)',
		pairs: [
			[{ nb: 'kvittering', emoji: '🧾' }, { nb: 'kaffitering', wrong: true }],
			[{ nb: 'skole', emoji: '🏫' }, { nb: 'eskole', wrong: true }],
			[{ nb: 'strøm', emoji: '⚡' }, { nb: 'sterøm', wrong: true }],
			[{ nb: 'plast', emoji: '🛍️' }, { nb: 'pelast', wrong: true }]
		]
	}
};

/**
 * The contrasts that matter most for each first language, most important first. Sources:
 * - Somali: no /p/ and no /v/, and vowels inserted into consonant clusters ("kaffitering" for
 *   "kvittering"), observed at work in shared/research/report-000.md (L777–789); Somali has five
 *   vowels, so y/u/i and long/short are hard too (general phonology).
 * - Arabic: no /p/ and no /v/ in Standard Arabic; three vowel qualities (e/i, o/u merge); a vowel
 *   put before initial clusters ("eskole") — standard contrastive phonology.
 * - Tigrinya: /p/ and /v/ rare or borrowed; a vowel breaks consonant clusters; no front rounded /y/.
 * - Dari (Persian): no initial consonant clusters, so "eskole"; /v/ and /w/ merge; no /y/.
 * - Ukrainian and Polish: vowel length does not change meaning; no /y/ as in Norwegian; sj/kj.
 * - English: /y/ and the sj/kj sounds are new; long/short vowels.
 * - Norwegian (no first language chosen): a general mix.
 */
export const CONTRASTS_BY_LANGUAGE: Record<LanguageCode, string[]> = {
	so: ['p-b', 'f-v', 'clusters', 'i-y-u', 'length'],
	ar: ['p-b', 'f-v', 'e-i', 'clusters', 'i-y-u'],
	ti: ['p-b', 'f-v', 'clusters', 'i-y-u', 'sj-kj'],
	prs: ['clusters', 'f-v', 'i-y-u', 'length', 'e-i'],
	uk: ['length', 'i-y-u', 'sj-kj', 'e-i'],
	pl: ['length', 'i-y-u', 'sj-kj', 'e-i'],
	en: ['i-y-u', 'sj-kj', 'length'],
	nb: ['length', 'i-y-u', 'sj-kj', 'p-b', 'f-v', 'clusters']
};

export function contrastsFor(language: LanguageCode): Contrast[] {
	return (CONTRASTS_BY_LANGUAGE[language] ?? CONTRASTS_BY_LANGUAGE.nb).map((id) => CONTRASTS[id]!);
}

/** The learning item for one pair, so minimal pairs are scheduled by FSRS like any word. */
export const pairItemId = (contrast: string, index: number) => `pairs.${contrast}-${index}`;

export interface PairTrial {
	itemId: string;
	contrast: Contrast;
	pair: [PairWord, PairWord];
	/** Which of the two is played (0 or 1). */
	played: 0 | 1;
}

/**
 * A short listening round: pairs due again first (FSRS), then new pairs from the contrasts
 * that matter most for the learner's first language. `random` picks which word is played.
 */
export function pairRound(language: LanguageCode, cards: ReadonlyMap<string, { due: number }>, now: number, count: number, random: () => number): PairTrial[] {
	const all = contrastsFor(language).flatMap((contrast) => contrast.pairs.map((pair, i) => ({ itemId: pairItemId(contrast.id, i), contrast, pair })));
	const due = all.filter((p) => (cards.get(p.itemId)?.due ?? Infinity) <= now).sort((a, b) => cards.get(a.itemId)!.due - cards.get(b.itemId)!.due);
	const fresh = all.filter((p) => !cards.has(p.itemId));
	// New pairs: one from each contrast in turn, so the round is not all one sound.
	const byContrast = new Map<string, typeof fresh>();
	for (const p of fresh) byContrast.set(p.contrast.id, [...(byContrast.get(p.contrast.id) ?? []), p]);
	const interleaved: typeof fresh = [];
	for (let i = 0; interleaved.length < fresh.length; i++) for (const list of byContrast.values()) if (list[i]) interleaved.push(list[i]!);
	return [...due, ...interleaved].slice(0, count).map((p) => ({ ...p, played: random() < 0.5 ? 0 : 1 }));
}
