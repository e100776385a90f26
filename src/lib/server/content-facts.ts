import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TRANSLATION_LANGUAGES, type TranslationLanguage } from '../content/languages';
import type { Guide } from '../content/guide';
import type { PhraseSet } from '../content/schema';

/**
 * The built-in content as the server sees it: read once from the compiled packs (the same
 * files the phones get). The server needs little of it: which items are safety items (higher
 * retention) and, for teachers, which translations are still drafts.
 */
const packsDir = () => join(process.cwd(), 'static', 'packs');

let sets: PhraseSet[] | undefined;
let guides: Guide[] | undefined;

function readJsonDir<T>(dir: string, keep: (file: string) => boolean): T[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json') && keep(f))
		.sort()
		.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as T);
}

export function builtInSets(): PhraseSet[] {
	sets ??= readJsonDir<PhraseSet>(packsDir(), (f) => f !== 'index.json');
	return sets;
}

export function builtInGuides(): Guide[] {
	guides ??= readJsonDir<Guide>(join(packsDir(), 'guides'), () => true);
	return guides;
}

let safety: Set<string> | undefined;

export function isSafetyItemId(itemId: string): boolean {
	safety ??= new Set(builtInSets().flatMap((s) => s.items.filter((i) => i.tags.includes('safety')).map((i) => i.id)));
	return safety.has(itemId);
}

export interface TranslationStatus {
	id: string;
	title: string;
	total: number;
	/** Per language: how many are translated, and how many of those are still drafts. */
	languages: Record<TranslationLanguage, { translated: number; drafts: number }>;
}

/** For teachers: which built-in translations nobody qualified has checked yet. */
export function translationStatus(): { sets: TranslationStatus[]; guides: TranslationStatus[] } {
	const count = (statuses: (string | undefined)[]) => ({ translated: statuses.filter(Boolean).length, drafts: statuses.filter((s) => s === 'draft').length });
	return {
		sets: builtInSets().map((set) => ({
			id: set.id,
			title: set.title.nb,
			total: set.items.length,
			languages: Object.fromEntries(TRANSLATION_LANGUAGES.map((l) => [l, count(set.items.map((i) => i.translations[l]?.status))])) as TranslationStatus['languages']
		})),
		guides: builtInGuides().map((g) => ({
			id: g.id,
			title: g.texts.nb!.title,
			total: 1,
			languages: Object.fromEntries(TRANSLATION_LANGUAGES.map((l) => [l, count([g.texts[l]?.status])])) as TranslationStatus['languages']
		}))
	};
}
