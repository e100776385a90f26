/**
 * Compiles content/sets/*.yaml into the JSON packs the app loads and the service worker
 * precaches (static/packs/). A bad file stops the build with its file, line and reason.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ContentError, loadPhraseSet } from '../src/lib/content/load-set';
import { summarise, type ContentIndex, type PhraseSet } from '../src/lib/content/schema';

const root = join(import.meta.dirname, '..');
const setsDir = join(root, 'content', 'sets');
const outDir = join(root, 'static', 'packs');

export function loadAllSets(): PhraseSet[] {
	const files = readdirSync(setsDir).filter((f) => f.endsWith('.yaml')).sort();
	const sets = files.map((f) => {
		const path = join(setsDir, f);
		const set = loadPhraseSet(readFileSync(path, 'utf8'), relative(root, path));
		if (`${set.id}.yaml` !== f) {
			throw new ContentError(relative(root, path), 1, 1, `id "${set.id}" must match the file name`);
		}
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

function main() {
	let sets: PhraseSet[];
	try {
		sets = loadAllSets();
	} catch (e) {
		if (e instanceof ContentError) {
			console.error(`Content error: ${e.message}`);
			process.exit(1);
		}
		throw e;
	}
	rmSync(outDir, { recursive: true, force: true });
	mkdirSync(outDir, { recursive: true });
	const hash = createHash('sha256');
	for (const set of sets) {
		const json = JSON.stringify(set);
		hash.update(json);
		writeFileSync(join(outDir, `${set.id}.json`), json);
	}
	const index: ContentIndex = { version: hash.digest('hex').slice(0, 12), sets: sets.map(summarise) };
	writeFileSync(join(outDir, 'index.json'), JSON.stringify(index));
	const items = sets.reduce((n, s) => n + s.items.length, 0);
	console.log(`content: ${sets.length} sets, ${items} items -> static/packs (version ${index.version})`);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) main();
