import type { Block, Inline } from './guide';

/**
 * The Markdown a guide may use: `## heading`, paragraphs, `- list items` and `**key words**`.
 * Anything else (HTML, links, images, tables) is an error, so a guide can never inject markup
 * and always reads the same on every screen.
 */
export class MarkdownError extends Error {
	constructor(
		readonly line: number,
		reason: string
	) {
		super(reason);
	}
}

function inline(text: string, line: number): Inline[] {
	if (/[<>]|\]\(|!\[|`/.test(text)) throw new MarkdownError(line, 'only plain text and **bold** are allowed (no HTML, links, images or code)');
	const parts = text.split('**');
	if (parts.length % 2 === 0) throw new MarkdownError(line, 'a ** is not closed');
	return parts.flatMap((p, i) => (p === '' ? [] : [i % 2 === 1 ? { text: p, strong: true } : { text: p }]));
}

export function parsePlainMarkdown(source: string, firstLine = 1): Block[] {
	const blocks: Block[] = [];
	let paragraph: string[] = [];
	let list: Inline[][] | null = null;
	let paragraphStart = 0;
	const flush = () => {
		if (paragraph.length) blocks.push({ type: 'p', inline: inline(paragraph.join(' '), paragraphStart) });
		if (list) blocks.push({ type: 'ul', items: list });
		paragraph = [];
		list = null;
	};
	source.split('\n').forEach((raw, i) => {
		const line = firstLine + i;
		const text = raw.trim();
		if (!text) return flush();
		if (text.startsWith('## ')) {
			flush();
			blocks.push({ type: 'h', text: text.slice(3).trim() });
		} else if (text.startsWith('#')) {
			throw new MarkdownError(line, 'use "## " for headings (the title comes from the front matter)');
		} else if (/^[-*] /.test(text)) {
			if (paragraph.length) flush();
			list ??= [];
			list.push(inline(text.slice(2).trim(), line));
		} else {
			if (list) flush();
			if (!paragraph.length) paragraphStart = line;
			paragraph.push(text);
		}
	});
	flush();
	return blocks;
}

export function blocksToText(blocks: readonly Block[]): string {
	return blocks
		.map((b) => (b.type === 'h' ? b.text : b.type === 'p' ? b.inline.map((i) => i.text).join('') : b.items.map((it) => it.map((i) => i.text).join('')).join('\n')))
		.join('\n\n');
}

/**
 * LIX readability (Björnsson): words per sentence + percentage of words longer than six
 * letters. Under 30 is very easy, 30–40 easy (plain Norwegian aims at 35 or lower).
 */
export function lix(text: string): { lix: number; words: number; sentences: number; longWords: number } {
	const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
	// Headings and list items end a sentence as well as . ! ? and :
	const sentences = Math.max(1, (text.match(/[.!?:]+(\s|$)|\n+/g) ?? []).length);
	const longWords = words.filter((w) => [...w.replace(/[-'’]/g, '')].length > 6).length;
	const n = Math.max(1, words.length);
	return { lix: Math.round((n / sentences + (100 * longWords) / n) * 10) / 10, words: words.length, sentences, longWords };
}
