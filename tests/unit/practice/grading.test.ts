import { describe, expect, it } from 'vitest';
import { Rating } from 'ts-fsrs';
import { gradeAnswer, gradeSelfAssessment } from '../../../src/lib/practice/grading';

describe('gradeAnswer', () => {
	it('grades wrong or skipped answers Again', () => {
		expect(gradeAnswer({ kind: 'listen-choose', correct: false, helped: false, durationMs: 1000 })).toBe(Rating.Again);
	});
	it('grades right after a hint or replay Hard', () => {
		expect(gradeAnswer({ kind: 'listen-choose', correct: true, helped: true, durationMs: 1000 })).toBe(Rating.Hard);
	});
	it('grades right but slow Good, and right, first try and fast Easy', () => {
		expect(gradeAnswer({ kind: 'meaning-choose', correct: true, helped: false, durationMs: 9000 })).toBe(Rating.Good);
		expect(gradeAnswer({ kind: 'meaning-choose', correct: true, helped: false, durationMs: 1500 })).toBe(Rating.Easy);
	});
	it('never grades a forgiven typo Easy', () => {
		expect(gradeAnswer({ kind: 'type-heard', correct: true, typo: true, helped: false, durationMs: 1000, answerLength: 10 })).toBe(Rating.Good);
	});
	it('gives longer answers more time before they count as slow', () => {
		const outcome = { kind: 'build-sentence' as const, correct: true, helped: false, durationMs: 9000 };
		expect(gradeAnswer({ ...outcome, answerLength: 2 })).toBe(Rating.Good);
		expect(gradeAnswer({ ...outcome, answerLength: 6 })).toBe(Rating.Easy);
	});
	it('maps the self-assessment after saying a phrase', () => {
		expect(gradeSelfAssessment('not-yet')).toBe(Rating.Again);
		expect(gradeSelfAssessment('almost')).toBe(Rating.Hard);
		expect(gradeSelfAssessment('good')).toBe(Rating.Good);
	});
});
