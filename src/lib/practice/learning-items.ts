import type { ContentIndex, PhraseSet } from '../content/schema';
import { isSafetyItem } from '../content/summary';
import { dialogueItemId, drillItemId } from './card';
import type { LearningItem } from './session';

/** Drills and dialogues join a set after its first few phrases, once there is something to use. */
export const EXTRAS_AFTER = 8;

/**
 * What the learner is learning, in the order new cards are introduced: each set's phrases,
 * with its instruction drills and dialogues placed after the first few.
 */
export function learningItems(sets: readonly PhraseSet[], index?: Pick<ContentIndex, 'drills' | 'dialogues'>): LearningItem[] {
	return sets.flatMap((set) => {
		const items: LearningItem[] = set.items.map((item) => ({ id: item.id, setId: set.id, safety: isSafetyItem(item) }));
		const extras: LearningItem[] = [
			...(index?.dialogues ?? []).filter((d) => d.set === set.id).map((d) => ({ id: dialogueItemId(d.id), setId: set.id, safety: false, recogniseOnly: true })),
			...(index?.drills.find((d) => d.set === set.id)?.templates ?? []).map((t) => ({ id: drillItemId(set.id, t), setId: set.id, safety: false, recogniseOnly: true }))
		];
		// Alternate extras with phrases so that one session does not hold only drills.
		const out = items.slice(0, EXTRAS_AFTER);
		const rest = items.slice(EXTRAS_AFTER);
		while (extras.length || rest.length) {
			if (extras.length) out.push(extras.shift()!);
			out.push(...rest.splice(0, 3));
		}
		return out;
	});
}
