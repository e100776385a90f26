/**
 * `npm run content:report`: what the library holds, per set and language (items, coverage,
 * drafts, CEFR spread) and per guide (words, LIX, languages).
 */
import { LANGUAGES, TRANSLATION_LANGUAGES } from '../src/lib/content/languages';
import { isPhrase } from '../src/lib/practice/exercises';
import { loadLibrary } from './content-library';

const { sets, guides, dialogues } = loadLibrary();
const pad = (s: string | number, n: number) => String(s).padEnd(n);
const pct = (a: number, b: number) => (b ? `${Math.round((100 * a) / b)}%` : '–');

console.log('\nPHRASE SETS');
console.log(pad('set', 16) + pad('items', 7) + pad('phrases', 9) + pad('safety', 8) + 'CEFR');
for (const set of sets) {
	const cefr = Object.entries(
		set.items.reduce<Record<string, number>>((m, i) => ((m[i.level] = (m[i.level] ?? 0) + 1), m), {})
	)
		.sort()
		.map(([l, n]) => `${l}:${n}`)
		.join(' ');
	console.log(pad(set.id, 16) + pad(set.items.length, 7) + pad(pct(set.items.filter(isPhrase).length, set.items.length), 9) + pad(set.items.filter((i) => i.tags.includes('safety')).length, 8) + cefr);
}
const items = sets.flatMap((s) => s.items);
console.log(`${pad('total', 16)}${pad(items.length, 7)}${pad(pct(items.filter(isPhrase).length, items.length), 9)}`);

console.log('\nTRANSLATIONS (items translated / of which draft)');
console.log(pad('set', 16) + TRANSLATION_LANGUAGES.map((l) => pad(l, 11)).join(''));
for (const set of [...sets, { id: 'total', items }]) {
	console.log(
		pad(set.id, 16) +
			TRANSLATION_LANGUAGES.map((l) => {
				const have = set.items.filter((i) => i.translations[l]);
				const drafts = have.filter((i) => i.translations[l]!.status === 'draft').length;
				return pad(`${pct(have.length, set.items.length)} /${drafts}d`, 11);
			}).join('')
	);
}

console.log('\nGUIDES');
console.log(pad('guide', 18) + pad('words', 7) + pad('LIX', 6) + pad('checked', 12) + 'languages (d = draft)');
for (const g of guides) {
	const langs = LANGUAGES.map((l) => (g.texts[l.code] ? l.code + (g.texts[l.code]!.status === 'draft' ? 'ᵈ' : '') : `(${l.code}✗)`)).join(' ');
	console.log(pad(g.id, 18) + pad(g.wordCount, 7) + pad(g.lix, 6) + pad(g.checked, 12) + langs);
}
console.log(`\nDIALOGUES: ${dialogues.length} (${dialogues.map((d) => `${d.id}→${d.set}`).join(', ')})\n`);
