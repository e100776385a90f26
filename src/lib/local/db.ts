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

/**
 * Everything the participant's phone keeps. The review log is append-only and the truth;
 * cards are its cached result.
 */
export class LocalDatabase extends Dexie {
	cards!: EntityTable<CardState, 'key'>;
	reviews!: EntityTable<ReviewEvent, 'id'>;
	outbox!: EntityTable<OutboxRow, 'id'>;
	settings!: EntityTable<SettingRow, 'key'>;

	constructor(name = 'arbeidsnorsk') {
		super(name);
		this.version(1).stores({
			cards: 'key, due, introducedAt, itemId',
			reviews: 'id, at, itemId',
			outbox: 'id, queuedAt',
			settings: 'key'
		});
	}
}

let shared: LocalDatabase | undefined;

/** The app's one database connection, opened on first use. */
export function localDb(): LocalDatabase {
	shared ??= new LocalDatabase();
	return shared;
}
