import Dexie, { type EntityTable } from 'dexie';
import type { CardState, ReviewEvent } from '../practice/card';

export interface SettingRow {
	key: string;
	value: unknown;
}

/** A review not yet acknowledged by the server. Written in the same transaction as the review. */
export interface OutboxRow {
	id: string;
	queuedAt: number;
}

/** A set the teacher assigned, as last pulled from the server. */
export interface AssignmentRow {
	id: string;
	setId: string;
	dueDate: string | null;
	goal: number | null;
}

/** A teacher's own set, as last pulled from the server (assigned to this participant). */
export interface CustomSetRow {
	id: string;
	set: import('../content/schema').PhraseSet;
}

/** The teacher's answer to a recording the participant sent. */
export type MessageRow = import('../sync/protocol').SyncReply & { read: boolean };

/** A follow-up check-in answered on this phone; `synced` 0 until the server has it. */
export type CheckinRow = import('../content/checkin').Checkin & { synced: 0 | 1 };

/** What the participant shares with whom, as the server last confirmed. */
export interface GrantRow {
	/** `${audience}|${scope}` */
	key: string;
	audience: 'teacher' | 'specialist' | 'workplace';
	scope: 'sets' | 'activity' | 'items' | 'checkins';
	granted: boolean;
}

/**
 * Everything the participant's phone keeps. The review log is append-only and the truth;
 * cards are its cached result.
 */
export class LocalDatabase extends Dexie {
	cards!: EntityTable<CardState, 'key'>;
	reviews!: EntityTable<ReviewEvent, 'id'>;
	outbox!: EntityTable<OutboxRow, 'id'>;
	settings!: EntityTable<SettingRow, 'key'>;
	assignments!: EntityTable<AssignmentRow, 'id'>;
	grants!: EntityTable<GrantRow, 'key'>;
	customSets!: EntityTable<CustomSetRow, 'id'>;
	messages!: EntityTable<MessageRow, 'id'>;
	checkins!: EntityTable<CheckinRow, 'id'>;

	constructor(name = 'arbeidsnorsk') {
		super(name);
		this.version(1).stores({
			cards: 'key, due, introducedAt, itemId',
			reviews: 'id, at, itemId',
			outbox: 'id, queuedAt',
			settings: 'key'
		});
		this.version(2).stores({ assignments: 'id, setId', grants: 'key' });
		this.version(3).stores({ customSets: 'id' });
		this.version(4).stores({ messages: 'id, at' });
		this.version(5).stores({ checkins: 'id, point, synced' });
	}
}

let shared: LocalDatabase | undefined;

/** The app's one database connection, opened on first use. */
export function localDb(): LocalDatabase {
	shared ??= new LocalDatabase();
	return shared;
}
