/**
 * Compiles content/ into the JSON packs the app loads and the service worker precaches
 * (static/packs/). A bad file stops the build with its file, line and reason.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ContentError } from '../src/lib/content/load-set';
import type { ContentIndex } from '../src/lib/content/schema';
import { summarise } from '../src/lib/content/summary';
import { loadLibrary, root, type Library } from './content-library';

const outDir = join(root, 'static', 'packs');

function write(library: Library) {
	rmSync(outDir, { recursive: true, force: true });
	mkdirSync(join(outDir, 'guides'), { recursive: true });
	mkdirSync(join(outDir, 'dialogues'), { recursive: true });
	mkdirSync(join(outDir, 'drills'), { recursive: true });
	const hash = createHash('sha256');
	const out = (path: string, data: unknown) => {
		const json = JSON.stringify(data);
		hash.update(json);
		writeFileSync(join(outDir, path), json);
	};
	for (const set of library.sets) out(`${set.id}.json`, set);
	for (const guide of library.guides) out(`guides/${guide.id}.json`, guide);
	for (const dialogue of library.dialogues) out(`dialogues/${dialogue.id}.json`, dialogue);
	for (const drill of library.drills) out(`drills/${drill.set}.json`, drill);
	const index: ContentIndex = {
		version: '',
		sets: library.sets.map(summarise),
		guides: library.guides
			.map((g) => ({
				id: g.id,
				emoji: g.emoji,
				order: g.order,
				checked: g.checked,
				titles: Object.fromEntries(Object.entries(g.texts).map(([lang, t]) => [lang, t.title])),
				languages: Object.keys(g.texts)
			}))
			.sort((a, b) => a.order - b.order),
		dialogues: library.dialogues.map((d) => ({ id: d.id, set: d.set, emoji: d.emoji, title: d.title, level: d.level })),
		drills: library.drills.map((d) => ({ set: d.set, templates: d.templates.map((t) => t.id) }))
	};
	index.version = hash.digest('hex').slice(0, 12);
	writeFileSync(join(outDir, 'index.json'), JSON.stringify(index));
	const items = library.sets.reduce((n, s) => n + s.items.length, 0);
	console.log(
		`content: ${library.sets.length} sets, ${items} items, ${library.guides.length} guides, ${library.dialogues.length} dialogues, ${library.drills.reduce((n, d) => n + d.templates.length, 0)} instruction templates -> static/packs (version ${index.version})`
	);
}

try {
	write(loadLibrary());
} catch (e) {
	if (e instanceof ContentError) {
		console.error(`Content error: ${e.message}`);
		process.exit(1);
	}
	throw e;
}
