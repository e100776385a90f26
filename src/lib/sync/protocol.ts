import * as v from 'valibot';
import { EXERCISE_KINDS } from '../practice/card';
import type { PhraseSet } from '../content/schema';
import { CheckinSchema } from '../content/checkin-schema';

/**
 * The one sync message, shared by the phone and the server: push review events, pull what
 * changed since the server cursor. Validated on both sides with the same schema.
 */
export const MAX_EVENTS_PER_PUSH = 1000;
/** A phone may be behind; it may not be ahead by more than this without being clamped. */
export const MAX_CLOCK_AHEAD_MS = 5 * 60_000;

const Uuid = v.pipe(v.string(), v.uuid('must be a UUID'));

export const ReviewEventSchema = v.strictObject({
	id: Uuid,
	itemId: v.pipe(v.string(), v.minLength(3), v.maxLength(200), v.regex(/^[a-z0-9:/_.-]+$/, 'is not an item id')),
	direction: v.picklist(['recognise', 'produce']),
	kind: v.picklist(EXERCISE_KINDS as ['listen-choose']),
	grade: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(4)),
	at: v.pipe(v.number(), v.integer(), v.minValue(Date.UTC(2024, 0, 1), 'is before 2024')),
	durationMs: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3_600_000)),
	deviceId: v.pipe(v.string(), v.minLength(1), v.maxLength(64))
});

export const SyncRequestSchema = v.strictObject({
	deviceId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
	/** The last server cursor this phone has seen (0 at first). */
	cursor: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER, 'is not a cursor this server gave')),
	events: v.pipe(v.array(ReviewEventSchema), v.maxLength(MAX_EVENTS_PER_PUSH, `at most ${MAX_EVENTS_PER_PUSH} events at a time`)),
	/** Follow-up check-ins answered on the phone and not yet acknowledged. */
	checkins: v.optional(v.pipe(v.array(CheckinSchema), v.maxLength(50, 'at most 50 check-ins at a time')), [])
});
/** What a phone sends (check-ins may be left out). */
export type SyncRequest = v.InferInput<typeof SyncRequestSchema>;
export type SyncEvent = v.InferOutput<typeof ReviewEventSchema>;

export interface SyncAssignment {
	id: string;
	setId: string;
	dueDate: string | null;
	goal: number | null;
	deleted: boolean;
}

export interface SyncGrant {
	audience: 'teacher' | 'specialist' | 'workplace';
	scope: 'sets' | 'activity' | 'items' | 'checkins';
	granted: boolean;
}

export interface SyncResponse {
	cursor: number;
	/** Ids of the pushed events now stored on the server (new or already there). */
	accepted: string[];
	/** Ids of the pushed check-ins now stored. */
	acceptedCheckins: string[];
	/** Pushed events whose time was in the future and was set to the time received. */
	clamped: string[];
	/** Review events from this participant's other devices since the cursor. */
	events: SyncEvent[];
	assignments: SyncAssignment[];
	grants: SyncGrant[];
	/** Teachers' own sets assigned to this participant, new or changed; `set: null` when deleted. */
	sets: { id: string; set: PhraseSet | null }[];
	/** The teacher's answers to recordings the participant sent. */
	replies: SyncReply[];
	/** The workplace the participant is placed at, when it (or the placement) changed. */
	workplace?: SyncWorkplace;
}

export interface SyncWorkplace {
	name: string;
	/** The participant's first day there, for the follow-up check-ins. */
	startDate: string | null;
	/** The onboarding card's fields, in Norwegian (see DOMAIN.md). */
	card: Record<string, string>;
	/** "Words we use here", when the workplace has its own set. */
	setId: string | null;
	specialistName: string | null;
	specialistPhone: string | null;
}

export interface SyncReply {
	id: string;
	itemId: string;
	nb: string;
	text: string | null;
	/** A media link to the teacher's recorded answer. */
	audio: string | null;
	at: number;
}

/** The first problem in a body, as "field: reason", for a 400 that says what is wrong. */
export function describeIssue(issues: readonly v.BaseIssue<unknown>[]): string {
	const issue = issues[0];
	if (!issue) return 'invalid body';
	const path = (issue.path ?? []).map((p) => String(p.key)).join('.');
	return path ? `${path}: ${issue.message}` : issue.message;
}
