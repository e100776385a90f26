import type { ContentIndex, PhraseSet } from '../content/schema';

/**
 * Built-in content packs, compiled from content/ at build time and precached by the service
 * worker, so these fetches work offline once the app has been opened.
 */
const cache = new Map<string, Promise<PhraseSet>>();
let index: Promise<ContentIndex> | undefined;

async function getJson<T>(path: string): Promise<T> {
	const res = await fetch(path);
	if (!res.ok) throw new Error(`${path}: ${res.status}`);
	return (await res.json()) as T;
}

export function loadContentIndex(): Promise<ContentIndex> {
	index ??= getJson<ContentIndex>('/packs/index.json').catch((e) => {
		index = undefined;
		throw e;
	});
	return index;
}

export function loadPhraseSet(id: string): Promise<PhraseSet> {
	let pending = cache.get(id);
	if (!pending) {
		pending = getJson<PhraseSet>(`/packs/${encodeURIComponent(id)}.json`);
		pending.catch(() => cache.delete(id));
		cache.set(id, pending);
	}
	return pending;
}

/** The sets a learner has chosen, skipping any no longer shipped. */
export async function loadLearningSets(ids: readonly string[]): Promise<PhraseSet[]> {
	const { sets } = await loadContentIndex();
	const known = new Set(sets.map((s) => s.id));
	return Promise.all(ids.filter((id) => known.has(id)).map(loadPhraseSet));
}
