/**
 * Every Norwegian string in the content library, with where it is, for the spelling check and
 * the content report.
 */
import type { Library } from './content-library';
import { blocksToText } from '../src/lib/content/plain-markdown';

export interface NorwegianText {
	where: string;
	text: string;
}

export function norwegianTexts(library: Library): NorwegianText[] {
	const out: NorwegianText[] = [];
	const add = (where: string, text: string | undefined) => text && out.push({ where, text });
	for (const set of library.sets) {
		add(`content/sets/${set.id}.yaml title`, set.title.nb);
		add(`content/sets/${set.id}.yaml description`, set.description?.nb);
		for (const item of set.items) {
			add(item.id, item.nb);
			add(`${item.id} example`, item.example);
			item.alternatives.forEach((a) => add(`${item.id} alternative`, a));
		}
	}
	for (const guide of library.guides) {
		const nb = guide.texts.nb!;
		const where = `content/guides/${guide.id}/nb.md`;
		add(`${where} title`, nb.title);
		add(`${where} summary`, nb.summary);
		add(`${where} body`, blocksToText(nb.blocks));
		nb.quiz.forEach((q, i) => {
			add(`${where} quiz ${i + 1}`, q.q);
			q.options.forEach((o) => add(`${where} quiz ${i + 1}`, o));
			add(`${where} quiz ${i + 1}`, q.explain);
		});
	}
	for (const d of library.dialogues) {
		const where = `content/dialogues/${d.id}.yaml`;
		add(`${where} title`, d.title.nb);
		add(`${where} situation`, d.situation.nb);
		for (const node of d.nodes) {
			add(`${where} ${node.id}`, node.line);
			for (const c of node.choices) {
				add(`${where} ${node.id} reply`, c.reply);
				add(`${where} ${node.id} why`, c.why.nb);
			}
		}
	}
	return out;
}
