/**
 * "Was it understood": lines up what speech recognition heard with the phrase the learner
 * meant to say, word by word. It tells which words came across and which did not; it is not a
 * pronunciation score. Several alternatives from the recogniser are tried and the best is kept.
 */

const NUMBERS: Record<string, string> = {
	'0': 'null', '1': 'en', '2': 'to', '3': 'tre', '4': 'fire', '5': 'fem', '6': 'seks', '7': 'sju', '8': 'åtte', '9': 'ni', '10': 'ti',
	'11': 'elleve', '12': 'tolv', '13': 'tretten', '14': 'fjorten', '15': 'femten', '16': 'seksten', '17': 'sytten', '18': 'atten', '19': 'nitten', '20': 'tjue',
	'30': 'tretti', '40': 'førti', '50': 'femti', '60': 'seksti', '70': 'sytti', '80': 'åtti', '90': 'nitti', '100': 'hundre'
};
/** Spoken forms that mean the same word ("ett" for 1, "syv" for 7, "tyve" for 20). */
const SAME: Record<string, string> = { ett: 'en', én: 'en', syv: 'sju', tyve: 'tjue', klokken: 'klokka' };

/** Words as compared: lower case, no punctuation, digits spelled out, variants made one. */
export function words(text: string): string[] {
	return text
		.toLocaleLowerCase('nb')
		.replace(/[^\p{L}\p{N}\s-]/gu, ' ')
		.replace(/-/g, ' ')
		.split(/\s+/)
		.filter(Boolean)
		.map((w) => NUMBERS[w] ?? SAME[w] ?? w);
}

export interface WordResult {
	word: string;
	understood: boolean;
}

/** The target's words, each marked understood or not, against one thing heard. */
function alignOne(target: string[], heard: string[]): WordResult[] {
	// Compounds: "arbeids klær" heard for "arbeidsklær" counts as the one word.
	const joined: string[] = [];
	for (let i = 0; i < heard.length; i++) {
		const pair = heard[i]! + (heard[i + 1] ?? '');
		if (heard[i + 1] !== undefined && target.includes(pair) && !target.includes(heard[i]!)) {
			joined.push(pair);
			i++;
		} else joined.push(heard[i]!);
	}
	// Longest common subsequence: order matters, extra and missing words do not break the rest.
	const n = target.length;
	const m = joined.length;
	const table = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
	for (let i = n - 1; i >= 0; i--) {
		for (let j = m - 1; j >= 0; j--) {
			table[i]![j] = target[i] === joined[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
		}
	}
	const result = target.map((word) => ({ word, understood: false }));
	for (let i = 0, j = 0; i < n && j < m; ) {
		if (target[i] === joined[j]) {
			result[i]!.understood = true;
			i++;
			j++;
		} else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
		else j++;
	}
	return result;
}

/** The best reading among the recogniser's alternatives; words not understood are the ones to practise. */
export function understood(target: string, alternatives: readonly string[]): { words: WordResult[]; heard: string | null; all: boolean } {
	const goal = words(target);
	let best: { words: WordResult[]; heard: string | null } = { words: goal.map((word) => ({ word, understood: false })), heard: null };
	let bestCount = -1;
	for (const alternative of alternatives) {
		const aligned = alignOne(goal, words(alternative));
		const count = aligned.filter((w) => w.understood).length;
		if (count > bestCount) {
			best = { words: aligned, heard: alternative };
			bestCount = count;
		}
	}
	return { ...best, all: best.words.length > 0 && best.words.every((w) => w.understood) };
}
