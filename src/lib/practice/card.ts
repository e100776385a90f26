import type { Grade } from 'ts-fsrs';

/** recognise: Norwegian → meaning. produce: meaning → Norwegian. One FSRS card each. */
export type Direction = 'recognise' | 'produce';

export type ExerciseKind =
	| 'listen-choose'
	| 'meaning-choose'
	| 'type-heard'
	| 'build-sentence'
	| 'fill-gap'
	| 'match-pairs'
	| 'say-it'
	| 'instruction'
	| 'dialogue'
	| 'minimal-pair';

export const EXERCISE_KINDS: readonly ExerciseKind[] = [
	'listen-choose',
	'meaning-choose',
	'type-heard',
	'build-sentence',
	'fill-gap',
	'match-pairs',
	'say-it',
	'instruction',
	'dialogue',
	'minimal-pair'
];


/** 1 Again, 2 Hard, 3 Good, 4 Easy, as in FSRS and Anki. */
export type ReviewGrade = Grade;

/**
 * One answer, as logged on the phone. The log is the truth: card state is what replaying
 * the events in (at, id) order computes, so devices never conflict.
 */
export interface ReviewEvent {
	/** UUIDv7 made on the phone: sorts by time and makes retries idempotent. */
	id: string;
	itemId: string;
	direction: Direction;
	kind: ExerciseKind;
	grade: ReviewGrade;
	/** When the answer was given, ms since the epoch (phone clock). */
	at: number;
	durationMs: number;
	deviceId: string;
}

/** FSRS memory state of one item in one direction, flattened for IndexedDB (dates as ms). */
export interface CardState {
	/** `${itemId}|${direction}` */
	key: string;
	itemId: string;
	direction: Direction;
	safety: boolean;
	due: number;
	stability: number;
	difficulty: number;
	elapsedDays: number;
	scheduledDays: number;
	learningSteps: number;
	reps: number;
	lapses: number;
	state: State;
	lastReview: number | null;
	/** When the first review of this card happened: counts against the daily new-item limit. */
	introducedAt: number;
}

export function cardKey(itemId: string, direction: Direction): string {
	return `${itemId}|${direction}`;
}

/**
 * FSRS card states with ts-fsrs's numbers (a unit test checks they match). Defined here, not
 * imported, so that screens which only read cards (Today) load without the scheduler.
 */
export const State = { New: 0, Learning: 1, Review: 2, Relearning: 3 } as const;
export type State = (typeof State)[keyof typeof State];

/**
 * Items that are not phrases of a set but are practised like them: an instruction template
 * (a new variant every time) and a dialogue. They have only a recognise card.
 */
export const drillItemId = (setId: string, templateId: string) => `drill:${setId}/${templateId}`;
export const dialogueItemId = (dialogueId: string) => `dialogue:${dialogueId}`;
export const isDrillItem = (itemId: string) => itemId.startsWith('drill:');
export const isDialogueItem = (itemId: string) => itemId.startsWith('dialogue:');
