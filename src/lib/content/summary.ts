import type { PhraseItem, PhraseSet, PhraseSetSummary } from './schema';

/* Kept apart from the schemas so that the phone's first screen does not load the validator. */

export function summarise(set: PhraseSet): PhraseSetSummary {
	return {
		id: set.id,
		title: set.title,
		description: set.description,
		emoji: set.emoji,
		level: set.level,
		tags: set.tags,
		itemCount: set.items.length,
		safetyCount: set.items.filter(isSafetyItem).length
	};
}

export function isSafetyItem(item: Pick<PhraseItem, 'tags'>): boolean {
	return item.tags.includes('safety');
}
