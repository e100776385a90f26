import type { ContentIndex, PhraseItem, PhraseSet } from '../content/schema';
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
export const loadPhraseSet = (id: string) => loadOnce<PhraseSet>(pack(id));
export const loadGuide = (id: string) => loadOnce<Guide>(pack('guides', id));
export const loadDrills = (setId: string) => loadOnce<DrillFile>(pack('drills', setId));
export const loadDialogue = (id: string) => loadOnce<Dialogue>(pack('dialogues', id));

/** The sets a learner has chosen, skipping any no longer shipped. */
export async function loadLearningSets(ids: readonly string[]): Promise<PhraseSet[]> {
	const { sets } = await loadContentIndex();
	const known = new Set(sets.map((s) => s.id));
	return Promise.all(ids.filter((id) => known.has(id)).map(loadPhraseSet));
}

/** Items by id across the built-in sets named, for a guide's linked words. */
export async function loadItems(ids: readonly string[]): Promise<PhraseItem[]> {
	const sets = await Promise.all([...new Set(ids.map((id) => id.split('.')[0]!))].map(loadPhraseSet));
	const byId = new Map(sets.flatMap((s) => s.items).map((i) => [i.id, i]));
	return ids.flatMap((id) => byId.get(id) ?? []);
}
