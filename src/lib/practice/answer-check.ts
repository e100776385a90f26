/**
 * Checking typed and built answers. Forgiving where a learner would be understood at work
 * (case, punctuation, spacing, one slip of the finger in a longer word), strict where the
 * meaning changes (a missing or wrong word, tak vs takk in a short word).
 */

export type Verdict = 'exact' | 'typo' | 'wrong';

export interface WordMark {
	expected: string;
	given: string | null;
	ok: boolean;
}

export interface AnswerCheck {
	verdict: Verdict;
	/** The accepted answer the learner came closest to, as written in the content. */
	expected: string;
	words: WordMark[];
}

/** Lower-case, NFC, typographic quotes unified, punctuation removed, spaces folded. */
export function normalise(text: string): string {
	return text
		.normalize('NFC')
		.toLocaleLowerCase('nb')
		.replace(/[\u2018\u2019\u02bc`´]/g, "'")
		.replace(/[.,!?¡¿;:"«»“”()[\]…–—]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

export function words(text: string): string[] {
	const n = normalise(text);
	return n ? n.split(' ') : [];
}

/** Optimal string alignment distance (Levenshtein plus adjacent transposition). */
export function editDistance(a: string, b: string): number {
	const x = [...a];
	const y = [...b];
	const d: number[][] = Array.from({ length: x.length + 1 }, (_, i) =>
		Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0))
	);
	for (let i = 1; i <= x.length; i++) {
		for (let j = 1; j <= y.length; j++) {
			const cost = x[i - 1] === y[j - 1] ? 0 : 1;
			let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
			if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) {
				best = Math.min(best, d[i - 2]![j - 2]! + 1);
			}
			d[i]![j] = best;
		}
	}
	return d[x.length]![y.length]!;
}

/** A word of five or more letters may have one wrong, missing, extra or swapped letter. */
export const TYPO_MIN_LENGTH = 5;

function compareWords(expected: string[], given: string[]): { verdict: Verdict; words: WordMark[] } {
	if (expected.length !== given.length) {
		return {
			verdict: 'wrong',
			words: expected.map((w, i) => ({ expected: w, given: given[i] ?? null, ok: given[i] === w }))
		};
	}
	let verdict: Verdict = 'exact';
	const marks = expected.map((w, i) => {
		const g = given[i]!;
		if (g === w) return { expected: w, given: g, ok: true };
		if ([...w].length >= TYPO_MIN_LENGTH && editDistance(w, g) === 1) {
			if (verdict === 'exact') verdict = 'typo';
			return { expected: w, given: g, ok: true };
		}
		verdict = 'wrong';
		return { expected: w, given: g, ok: false };
	});
	return { verdict, words: marks };
}

const RANK: Record<Verdict, number> = { exact: 0, typo: 1, wrong: 2 };

/** Checks a typed answer against the item's Norwegian and its accepted alternatives. */
export function checkTyped(answer: string, accepted: readonly string[]): AnswerCheck {
	const given = words(answer);
	let best: AnswerCheck | undefined;
	for (const option of accepted) {
		const result = compareWords(words(option), given);
		const candidate = { ...result, expected: option };
		if (!best || RANK[candidate.verdict] < RANK[best.verdict]) best = candidate;
		if (best.verdict === 'exact') break;
	}
	if (!best) throw new Error('checkTyped needs at least one accepted answer');
	return best;
}

/** Word tiles for a sentence: its words as written, without the final punctuation. */
export function sentenceTiles(sentence: string): string[] {
	return sentence
		.normalize('NFC')
		.replace(/[.!?…]+$/u, '')
		.split(/\s+/)
		.filter(Boolean);
}

/** Built from tiles: right when the order matches the item or an alternative, word for word. */
export function checkTiles(tiles: readonly string[], accepted: readonly string[]): AnswerCheck {
	const result = checkTyped(tiles.join(' '), accepted);
	// Tiles cannot have typos: anything but an exact match is a wrong order.
	return result.verdict === 'typo' ? { ...result, verdict: 'wrong' } : result;
}
