import { Rating } from 'ts-fsrs';
import type { ExerciseKind, ReviewGrade } from './card';

export interface AnswerOutcome {
	kind: ExerciseKind;
	correct: boolean;
	/** A forgiven typo: right, but not effortless. */
	typo?: boolean;
	/** A hint was used, the audio replayed or slowed, or it took more than one try. */
	helped: boolean;
	durationMs: number;
	/** Length of the expected answer, for kinds where typing or ordering takes longer. */
	answerLength?: number;
}

/** How quick counts as "fast and sure" per kind, in ms. */
function fastLimit(kind: ExerciseKind, answerLength = 0): number {
	switch (kind) {
		case 'listen-choose':
		case 'meaning-choose':
		case 'fill-gap':
		case 'minimal-pair':
			return 5000;
		case 'match-pairs':
			return 12000;
		case 'type-heard':
			return 6000 + 350 * answerLength;
		case 'build-sentence':
			return 5000 + 1200 * answerLength;
		case 'instruction':
			return 7000;
		case 'say-it':
		case 'dialogue':
			return 0;
	}
}

/**
 * Wrong or skipped = Again; right after a hint or replay = Hard; right = Good;
 * right first try and fast = Easy.
 */
export function gradeAnswer(outcome: AnswerOutcome): ReviewGrade {
	if (!outcome.correct) return Rating.Again;
	if (outcome.helped) return Rating.Hard;
	if (!outcome.typo && outcome.durationMs <= fastLimit(outcome.kind, outcome.answerLength)) {
		return Rating.Easy;
	}
	return Rating.Good;
}

/** Say-it is graded by the learner after comparing the recordings. */
export type SelfGrade = 'not-yet' | 'almost' | 'good';
export function gradeSelfAssessment(self: SelfGrade): ReviewGrade {
	return self === 'not-yet' ? Rating.Again : self === 'almost' ? Rating.Hard : Rating.Good;
}
