import type { ContentIndex, PhraseItem, PhraseSet, PhraseSetSummary } from '../content/schema';
import { summarise } from '../content/summary';
import { registerRecordings } from '../speech/recordings';
import { localDb } from './db';
import type { Dialogue } from '../content/dialogue';
import type { DrillFile } from '../content/drill';
import type { Guide } from '../content/guide';

/**
 * Built-in content packs, compiled from content/ at build time and precached by the service
 * worker, so these fetches work offline once the app has been opened. Each is fetched once
 * per page load; a failed fetch is forgotten so that the next call tries again.
 */
const pending = new Map<string, Promise<unknown>>();

function loadOnce<T>(path: string): Promise<T> {
	let request = pending.get(path) as Promise<T> | undefined;
	if (!request) {
		request = fetch(path).then(async (res) => {
			if (!res.ok) throw new Error(`${path}: ${res.status}`);
			return (await res.json()) as T;
		});
		request.catch(() => pending.delete(path));
		pending.set(path, request);
	}
	return request;
}

const pack = (...parts: string[]) => `/packs/${parts.map(encodeURIComponent).join('/')}.json`;

export const loadContentIndex = () => loadOnce<ContentIndex>('/packs/index.json');
/** Teachers' own sets (ids `t-…`) come by sync and live in the phone's database. */
const isCustomSetId = (id: string) => id.startsWith('t-');

async function loadCustomSet(id: string): Promise<PhraseSet> {
	const row = await localDb().customSets.get(id);
	if (!row) throw new Error(`${id}: not on this phone`);
	registerRecordings(row.set.items);
	return row.set;
}

export const loadPhraseSet = (id: string): Promise<PhraseSet> => (isCustomSetId(id) ? loadCustomSet(id) : loadOnce<PhraseSet>(pack(id)));

/** Every set the phone has: the built-in ones and the teacher's own. */
export async function loadSetSummaries(): Promise<PhraseSetSummary[]> {
	const [index, custom] = await Promise.all([loadContentIndex(), localDb().customSets.toArray()]);
	return [...custom.map((c) => summarise(c.set)), ...index.sets];
}
export const loadGuide = (id: string) => loadOnce<Guide>(pack('guides', id));
export const loadDrills = (setId: string) => loadOnce<DrillFile>(pack('drills', setId));
export const loadDialogue = (id: string) => loadOnce<Dialogue>(pack('dialogues', id));

/** The sets a learner has chosen, skipping any no longer shipped. */
export async function loadLearningSets(ids: readonly string[]): Promise<PhraseSet[]> {
	const known = new Set((await loadSetSummaries()).map((s) => s.id));
	return Promise.all(ids.filter((id) => known.has(id)).map(loadPhraseSet));
}

/** Items by id across the built-in sets named, for a guide's linked words. */
export async function loadItems(ids: readonly string[]): Promise<PhraseItem[]> {
	const sets = await Promise.all([...new Set(ids.map((id) => id.split('.')[0]!))].map(loadPhraseSet));
	const byId = new Map(sets.flatMap((s) => s.items).map((i) => [i.id, i]));
	return ids.flatMap((id) => byId.get(id) ?? []);
}
