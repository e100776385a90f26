/**
 * Reads the whole content library from content/ and checks it: every file against its schema,
 * and the links between files (guide words, dialogue sets, unique ids). Errors name the file,
 * line and reason. Used by the build, the content report and the tests.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ContentError, loadPhraseSet, loadYaml } from '../src/lib/content/load-set';
import { GuideMetaSchema, GuideTextFrontSchema, type Guide, type GuideText } from '../src/lib/content/guide';
import { DialogueSchema, type Dialogue } from '../src/lib/content/dialogue';
import { DrillFileSchema, type DrillFile } from '../src/lib/content/drill';
import { LANGUAGE_CODES } from '../src/lib/content/languages';
import { MarkdownError, blocksToText, lix, parsePlainMarkdown } from '../src/lib/content/plain-markdown';
import type { PhraseSet } from '../src/lib/content/schema';

export const root = join(import.meta.dirname, '..');
const contentDir = join(root, 'content');
const rel = (path: string) => relative(root, path);

export interface Library {
	sets: PhraseSet[];
	guides: Guide[];
	dialogues: Dialogue[];
	drills: DrillFile[];
}

function yamlFiles(dir: string): string[] {
	return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort() : [];
}

export function loadAllSets(): PhraseSet[] {
	const dir = join(contentDir, 'sets');
	const sets = yamlFiles(dir).map((f) => {
		const path = join(dir, f);
		const set = loadPhraseSet(readFileSync(path, 'utf8'), rel(path));
		if (`${set.id}.yaml` !== f) throw new ContentError(rel(path), 1, 1, `id "${set.id}" must match the file name`);
		return set;
	});
	const owner = new Map<string, string>();
	for (const set of sets) {
		for (const item of set.items) {
			const other = owner.get(item.id);
			if (other) throw new ContentError(`content/sets/${set.id}.yaml`, 1, 1, `item "${item.id}" is also in ${other}`);
			owner.set(item.id, set.id);
		}
	}
	return sets;
}

function loadGuideText(path: string, lang: string): GuideText {
	const source = readFileSync(path, 'utf8').replace(/\r\n/g, '\n');
	const match = /^---\n([\s\S]*?)\n---\n?/.exec(source);
	if (!match) throw new ContentError(rel(path), 1, 1, 'a guide starts with front matter between --- lines');
	const front = loadYaml(GuideTextFrontSchema, match[1]!, rel(path), 1);
	const bodyStart = match[0].split('\n').length;
	try {
		const blocks = parsePlainMarkdown(source.slice(match[0].length), bodyStart);
		if (!blocks.length) throw new MarkdownError(bodyStart, 'the guide has no text');
		return { lang, ...front, blocks };
	} catch (e) {
		if (e instanceof MarkdownError) throw new ContentError(rel(path), e.line, 1, e.message);
		throw e;
	}
}

export function loadAllGuides(itemIds: ReadonlySet<string>): Guide[] {
	const dir = join(contentDir, 'guides');
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((d) => existsSync(join(dir, d, 'guide.yaml')))
		.sort()
		.map((id) => {
			const metaPath = join(dir, id, 'guide.yaml');
			const meta = loadYaml(GuideMetaSchema, readFileSync(metaPath, 'utf8'), rel(metaPath));
			if (meta.id !== id) throw new ContentError(rel(metaPath), 1, 1, `id "${meta.id}" must match the folder name`);
			const missingWord = meta.words.find((w) => !itemIds.has(w));
			if (missingWord) throw new ContentError(rel(metaPath), 1, 1, `words: "${missingWord}" is not an item in content/sets`);
			if (!existsSync(join(dir, id, 'nb.md'))) throw new ContentError(rel(metaPath), 1, 1, 'the Norwegian text nb.md is missing');
			const texts: Record<string, GuideText> = {};
			for (const lang of LANGUAGE_CODES) {
				const path = join(dir, id, `${lang}.md`);
				if (existsSync(path)) texts[lang] = loadGuideText(path, lang);
			}
			const stray = readdirSync(join(dir, id)).find((f) => f !== 'guide.yaml' && !LANGUAGE_CODES.some((l) => f === `${l}.md`));
			if (stray) throw new ContentError(rel(join(dir, id, stray)), 1, 1, 'unknown file: expected guide.yaml and <lang>.md');
			const readability = lix(blocksToText(texts.nb!.blocks));
			return { ...meta, texts, lix: readability.lix, wordCount: readability.words };
		});
}

export function loadAllDialogues(setIds: ReadonlySet<string>): Dialogue[] {
	const dir = join(contentDir, 'dialogues');
	return yamlFiles(dir).map((f) => {
		const path = join(dir, f);
		const dialogue = loadYaml(DialogueSchema, readFileSync(path, 'utf8'), rel(path));
		if (`${dialogue.id}.yaml` !== f) throw new ContentError(rel(path), 1, 1, `id "${dialogue.id}" must match the file name`);
		if (!setIds.has(dialogue.set)) throw new ContentError(rel(path), 1, 1, `set: "${dialogue.set}" is not a set in content/sets`);
		return dialogue;
	});
}

export function loadAllDrills(setIds: ReadonlySet<string>): DrillFile[] {
	const dir = join(contentDir, 'drills');
	const drills = yamlFiles(dir).map((f) => {
		const path = join(dir, f);
		const drill = loadYaml(DrillFileSchema, readFileSync(path, 'utf8'), rel(path));
		if (!setIds.has(drill.set)) throw new ContentError(rel(path), 1, 1, `set: "${drill.set}" is not a set in content/sets`);
		const ids = new Set<string>();
		for (const t of drill.templates) {
			if (ids.has(t.id)) throw new ContentError(rel(path), 1, 1, `template id "${t.id}" is used twice`);
			ids.add(t.id);
		}
		return drill;
	});
	const sets = drills.map((d) => d.set);
	const twice = sets.find((s, i) => sets.indexOf(s) !== i);
	if (twice) throw new ContentError('content/drills', 1, 1, `two drill files are for the set "${twice}"`);
	return drills;
}

export function loadLibrary(): Library {
	const sets = loadAllSets();
	const itemIds = new Set(sets.flatMap((s) => s.items.map((i) => i.id)));
	const setIds = new Set(sets.map((s) => s.id));
	return { sets, guides: loadAllGuides(itemIds), dialogues: loadAllDialogues(setIds), drills: loadAllDrills(setIds) };
}
