import type { PhraseItem } from '../content/schema';
import type { Dialogue } from '../content/dialogue';
import type { ExerciseKind } from './card';
import { instructionVariant, type InstructionTemplate, type InstructionVariant } from './instruction-drill';
import { sentenceTiles, words } from './answer-check';
import { shuffled, type Random } from './random';
import type { SessionStep } from './session';

export type Exercise =
	| { kind: 'listen-choose'; item: PhraseItem; options: PhraseItem[] }
	| { kind: 'meaning-choose'; item: PhraseItem; options: PhraseItem[] }
	| { kind: 'type-heard'; item: PhraseItem }
	| { kind: 'build-sentence'; item: PhraseItem; tiles: string[] }
	| { kind: 'fill-gap'; item: PhraseItem; gap: GapSentence; options: string[] }
	| { kind: 'match-pairs'; item: PhraseItem; pairs: PhraseItem[]; meanings: PhraseItem[] }
	| { kind: 'say-it'; item: PhraseItem }
	| { kind: 'instruction'; item: PhraseItem; variant: InstructionVariant }
	| { kind: 'dialogue'; item: PhraseItem; dialogue: Dialogue };

/** The kinds made from a phrase of a set (drills and dialogues have their own makers). */
export type PhraseExerciseKind = Exclude<ExerciseKind, 'instruction' | 'dialogue' | 'minimal-pair'>;

export interface GapSentence {
	before: string;
	gap: string;
	after: string;
}

const OPTION_COUNT = 4;
const PAIR_COUNT = 4;

/** The words of the example sentence that a fill-the-gap exercise hides, if they are there. */
export function findGap(item: PhraseItem): GapSentence | null {
	const target = (item.gap ?? item.nb).replace(/[.!?…]+$/u, '').trim();
	if (!target) return null;
	const at = item.example.toLocaleLowerCase('nb').indexOf(target.toLocaleLowerCase('nb'));
	if (at < 0) return null;
	return {
		before: item.example.slice(0, at),
		gap: item.example.slice(at, at + target.length),
		after: item.example.slice(at + target.length)
	};
}

export function isPhrase(item: Pick<PhraseItem, 'nb'>): boolean {
	return words(item.nb).length >= 3;
}

/**
 * Picks the exercise for a step. New cards, and cards being relearnt after a lapse, get the
 * gentlest kind of their direction. Later reviews rotate, from the first review on, through
 * the kinds that suit the item, so practice does not become a routine.
 */
export function chooseKind(
	step: SessionStep,
	item: PhraseItem,
	context: { reps: number; poolSize: number; relearning?: boolean }
): PhraseExerciseKind {
	const gentle = step.isNew || context.relearning;
	// Each item starts the rotation at its own place, so one session mixes kinds.
	const turn = Math.max(0, context.reps - 1) + stableHash(item.id);
	// A word a workplace suggested may have no translation yet: only kinds that need none.
	if (!hasMeaning(item)) {
		const kinds: PhraseExerciseKind[] = isPhrase(item) ? ['type-heard', 'build-sentence', 'say-it'] : ['type-heard', 'say-it'];
		return gentle ? 'type-heard' : kinds[turn % kinds.length]!;
	}
	if (step.direction === 'recognise') {
		if (gentle) return 'listen-choose';
		const kinds: PhraseExerciseKind[] = [];
		if (findGap(item)) kinds.push('fill-gap');
		if (context.poolSize >= PAIR_COUNT) kinds.push('match-pairs');
		kinds.push('listen-choose');
		return kinds[turn % kinds.length]!;
	}
	if (gentle) return 'meaning-choose';
	const kinds: PhraseExerciseKind[] = isPhrase(item)
		? ['build-sentence', 'say-it', 'type-heard', 'meaning-choose']
		: ['type-heard', 'say-it', 'meaning-choose'];
	return kinds[turn % kinds.length]!;
}

/** Whether the item has a meaning to show in any language (a translation). */
export function hasMeaning(item: Pick<PhraseItem, 'translations'>): boolean {
	return Object.values(item.translations).some((t) => !!t?.text);
}

/** A small non-negative number that is always the same for the same text. */
export function stableHash(text: string): number {
	let h = 0;
	for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) >>> 0;
	return h % 997;
}

/** Other items to offer as wrong choices: from the same set first, never with the same text. */
function distractors(item: PhraseItem, pool: readonly PhraseItem[], count: number, random: Random): PhraseItem[] {
	const setId = item.id.split('.')[0];
	// Wrong choices are shown by their meaning: items without one cannot be offered.
	const distinct = pool.filter((p) => p.id !== item.id && p.nb !== item.nb && hasMeaning(p));
	const sameShape = distinct.filter((p) => isPhrase(p) === isPhrase(item));
	const ranked = [
		...shuffled(sameShape.filter((p) => p.id.startsWith(`${setId}.`)), random),
		...shuffled(sameShape.filter((p) => !p.id.startsWith(`${setId}.`)), random),
		...shuffled(distinct.filter((p) => isPhrase(p) !== isPhrase(item)), random)
	];
	const chosen: PhraseItem[] = [];
	const seen = new Set([item.nb.toLocaleLowerCase('nb')]);
	for (const candidate of ranked) {
		const key = candidate.nb.toLocaleLowerCase('nb');
		if (seen.has(key)) continue;
		seen.add(key);
		chosen.push(candidate);
		if (chosen.length === count) break;
	}
	return chosen;
}

/** Builds the exercise for `item`, with choices drawn from `pool` (the items being learnt). */
export function createExercise(
	kind: PhraseExerciseKind,
	item: PhraseItem,
	pool: readonly PhraseItem[],
	random: Random
): Exercise {
	switch (kind) {
		case 'listen-choose':
		case 'meaning-choose':
			return { kind, item, options: shuffled([item, ...distractors(item, pool, OPTION_COUNT - 1, random)], random) };
		case 'type-heard':
		case 'say-it':
			return { kind, item };
		case 'build-sentence': {
			const correct = sentenceTiles(item.nb);
			let tiles = shuffled(correct, random);
			for (let tries = 0; tries < 5 && tiles.join(' ') === correct.join(' ') && correct.length > 1; tries++) {
				tiles = shuffled(correct, random);
			}
			if (tiles.join(' ') === correct.join(' ')) tiles = [...correct].reverse();
			return { kind, item, tiles };
		}
		case 'fill-gap': {
			const gap = findGap(item);
			if (!gap) return createExercise('listen-choose', item, pool, random);
			const others = distractors(item, pool.filter((p) => findGap(p)), OPTION_COUNT - 1, random)
				.map((p) => findGap(p)!.gap)
				.filter((g) => g.toLocaleLowerCase('nb') !== gap.gap.toLocaleLowerCase('nb'));
			const options = shuffled([gap.gap, ...new Set(others)], random);
			return { kind, item, gap, options };
		}
		case 'match-pairs': {
			const pairs = shuffled([item, ...distractors(item, pool, PAIR_COUNT - 1, random)], random);
			return { kind, item, pairs, meanings: shuffled(pairs, random) };
		}
	}
}


/** A new spoken instruction from a template; its "item" is the instruction said this time. */
export function createInstructionExercise(itemId: string, template: InstructionTemplate, random: Random): Exercise {
	const variant = instructionVariant(template, random);
	const item: PhraseItem = { id: itemId, nb: variant.text, example: variant.text, alternatives: [], translations: {}, level: 'A2', tags: ['instruction'] };
	return { kind: 'instruction', item, variant };
}

export function createDialogueExercise(itemId: string, dialogue: Dialogue): Exercise {
	const { nb, ...translations } = dialogue.title;
	const item: PhraseItem = { id: itemId, nb, example: nb, alternatives: [], translations, level: dialogue.level, tags: ['dialogue'], emoji: dialogue.emoji };
	return { kind: 'dialogue', item, dialogue };
}
