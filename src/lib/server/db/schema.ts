/**
 * One schema for the embedded database (PGlite) and PostgreSQL. Migrations in drizzle/ are
 * generated from this file with `npm run db:generate`.
 */
import { sql } from 'drizzle-orm';
import {
	customType,
	bigint,
	bigserial,
	boolean,
	date,
	index,
	integer,
	jsonb,
	pgEnum,
	pgSequence,
	pgTable,
	primaryKey,
	real,
	smallint,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';

/**
 * The pull cursor: every change a phone may need (a review from another device, an
 * assignment, a grant) takes the next number. A server sequence, never a client clock.
 */
export const syncSeq = pgSequence('sync_seq');
const nextSync = () => bigint('seq', { mode: 'number' }).notNull().default(sql`nextval('sync_seq')`);
const created = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const roleEnum = pgEnum('role', ['participant', 'teacher', 'specialist', 'workplace']);
export const audienceEnum = pgEnum('audience', ['teacher', 'specialist', 'workplace']);
export const scopeEnum = pgEnum('share_scope', ['sets', 'activity', 'items', 'checkins']);

export const organisations = pgTable('organisations', {
	id: uuid('id').primaryKey().defaultRandom(),
	name: text('name').notNull(),
	createdAt: created()
});

export const users = pgTable(
	'users',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id),
		role: roleEnum('role').notNull(),
		isAdmin: boolean('is_admin').notNull().default(false),
		/** Staff only: participants never need an email. */
		email: text('email'),
		displayName: text('display_name').notNull(),
		/** Staff only: the number a fadder or participant taps to call (a job specialist's work phone). */
		phone: text('phone'),
		passwordHash: text('password_hash'),
		pinHash: text('pin_hash'),
		/** Bumped on password change and "log out everywhere": older sessions stop working. */
		sessionEpoch: integer('session_epoch').notNull().default(0),
		createdAt: created()
	},
	(t) => [uniqueIndex('users_email_unique').on(sql`lower(${t.email})`)]
);

export const sessions = pgTable(
	'sessions',
	{
		/** SHA-256 of the token; the token itself is only ever in the cookie. */
		id: text('id').primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: ['staff', 'device'] }).notNull(),
		epoch: integer('epoch').notNull(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		createdAt: created()
	},
	(t) => [index('sessions_user').on(t.userId)]
);

export const groups = pgTable('groups', {
	id: uuid('id').primaryKey().defaultRandom(),
	organisationId: uuid('organisation_id')
		.notNull()
		.references(() => organisations.id),
	name: text('name').notNull(),
	teacherId: uuid('teacher_id')
		.notNull()
		.references(() => users.id),
	createdAt: created()
});

export const groupMembers = pgTable(
	'group_members',
	{
		groupId: uuid('group_id')
			.notNull()
			.references(() => groups.id, { onDelete: 'cascade' }),
		participantId: uuid('participant_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		joinedAt: created()
	},
	(t) => [primaryKey({ columns: [t.groupId, t.participantId] }), index('group_members_participant').on(t.participantId)]
);

/** Short codes a participant types (or scans) to join a group, a caseload, or move phones. */
export const joinCodes = pgTable(
	'join_codes',
	{
		code: text('code').primaryKey(),
		kind: text('kind', { enum: ['group', 'caseload', 'transfer'] }).notNull(),
		groupId: uuid('group_id').references(() => groups.id, { onDelete: 'cascade' }),
		/** The staff member who made it (a specialist's caseload code joins their caseload). */
		createdBy: uuid('created_by')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** For a transfer code: the participant moving to a new phone. */
		participantId: uuid('participant_id').references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		revokedAt: timestamp('revoked_at', { withTimezone: true }),
		usedAt: timestamp('used_at', { withTimezone: true }),
		/** Wrong PINs given with a transfer code; at the limit the code is revoked. */
		pinFailures: smallint('pin_failures').notNull().default(0),
		createdAt: created()
	},
	(t) => [index('join_codes_group').on(t.groupId), index('join_codes_created_by').on(t.createdBy)]
);

export const workplaces = pgTable('workplaces', {
	id: uuid('id').primaryKey().defaultRandom(),
	organisationId: uuid('organisation_id')
		.notNull()
		.references(() => organisations.id),
	name: text('name').notNull(),
	/** The onboarding card: short fields, each read aloud on the phone. */
	card: jsonb('card').notNull().default({}),
	/** The job specialist who keeps the card and the call button on the workplace page. */
	specialistId: uuid('specialist_id').references(() => users.id),
	/** "Words we use here": the workplace's own set (a custom set), made on the first approval. */
	setId: text('set_id'),
	/** Bumped when the card changes, so phones of people placed here get it. */
	seq: nextSync(),
	createdAt: created()
});

/** A link that lets an employer or fadder set their password on first visit; only its hash is kept. */
export const invites = pgTable('invites', {
	tokenHash: text('token_hash').primaryKey(),
	userId: uuid('user_id')
		.notNull()
		.references(() => users.id, { onDelete: 'cascade' }),
	expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
	usedAt: timestamp('used_at', { withTimezone: true }),
	createdAt: created()
});

/** "A word we use here", suggested by someone at the workplace, approved by a teacher or job specialist. */
export const wordSuggestions = pgTable(
	'word_suggestions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		workplaceId: uuid('workplace_id')
			.notNull()
			.references(() => workplaces.id, { onDelete: 'cascade' }),
		suggestedBy: uuid('suggested_by')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		nb: text('nb').notNull(),
		example: text('example'),
		photo: text('photo'),
		audio: text('audio'),
		status: text('status', { enum: ['pending', 'approved', 'rejected'] }).notNull().default('pending'),
		decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
		decidedAt: timestamp('decided_at', { withTimezone: true }),
		createdAt: created()
	},
	(t) => [index('word_suggestions_workplace').on(t.workplaceId, t.status)]
);

/** A participant placed at a workplace, followed by a job specialist. */
export const placements = pgTable(
	'placements',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		participantId: uuid('participant_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		workplaceId: uuid('workplace_id').references(() => workplaces.id),
		specialistId: uuid('specialist_id')
			.notNull()
			.references(() => users.id),
		startDate: date('start_date'),
		endedAt: timestamp('ended_at', { withTimezone: true }),
		createdAt: created()
	},
	(t) => [index('placements_participant').on(t.participantId), index('placements_specialist').on(t.specialistId)]
);

/** Employer and fadder accounts of a workplace. */
export const workplaceContacts = pgTable(
	'workplace_contacts',
	{
		workplaceId: uuid('workplace_id')
			.notNull()
			.references(() => workplaces.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.workplaceId, t.userId] }), index('workplace_contacts_user').on(t.userId)]
);

/** A phrase set (built-in id or a teacher's own) assigned to a group or one participant. */
export const assignments = pgTable(
	'assignments',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		setId: text('set_id').notNull(),
		groupId: uuid('group_id').references(() => groups.id, { onDelete: 'cascade' }),
		participantId: uuid('participant_id').references(() => users.id, { onDelete: 'cascade' }),
		dueDate: date('due_date'),
		goal: real('goal'),
		createdBy: uuid('created_by')
			.notNull()
			.references(() => users.id),
		seq: nextSync(),
		deletedAt: timestamp('deleted_at', { withTimezone: true }),
		createdAt: created()
	},
	(t) => [index('assignments_group').on(t.groupId), index('assignments_participant').on(t.participantId), index('assignments_seq').on(t.seq)]
);

/**
 * A phrase set a teacher made (from scratch or copied from a built-in one). `body` is a whole
 * PhraseSet, validated by the same schema as the built-in content; its id starts with `t-`.
 * Phones get it through sync when it is assigned to them.
 */
export const customSets = pgTable(
	'custom_sets',
	{
		id: text('id').primaryKey(),
		organisationId: uuid('organisation_id')
			.notNull()
			.references(() => organisations.id),
		ownerId: uuid('owner_id')
			.notNull()
			.references(() => users.id),
		basedOn: text('based_on'),
		body: jsonb('body').notNull(),
		/** Kept by the database from `body`, so lists of sets never read the bodies (tens of kB each). */
		title: text('title').generatedAlwaysAs(sql`"body"->'title'->>'nb'`),
		emoji: text('emoji').generatedAlwaysAs(sql`"body"->>'emoji'`),
		itemCount: integer('item_count').generatedAlwaysAs(sql`jsonb_array_length("body"->'items')`),
		seq: nextSync(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		deletedAt: timestamp('deleted_at', { withTimezone: true }),
		createdAt: created()
	},
	(t) => [index('custom_sets_owner').on(t.ownerId), index('custom_sets_seq').on(t.seq)]
);

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * Photos and recordings that staff add to their sets. Checked by content, stripped of metadata,
 * and immutable: a new picture is a new row, so phones can cache them for good.
 */
export const media = pgTable('media', {
	id: uuid('id').primaryKey().defaultRandom(),
	organisationId: uuid('organisation_id')
		.notNull()
		.references(() => organisations.id),
	ownerId: uuid('owner_id')
		.notNull()
		.references(() => users.id),
	kind: text('kind', { enum: ['photo', 'audio'] }).notNull(),
	mime: text('mime').notNull(),
	bytes: bytea('bytes').notNull(),
	createdAt: created()
});

/**
 * A recording a participant chose to send to their teacher (only to that teacher), and the
 * teacher's answer: a comment, a recording, or both. The answer reaches the phone by sync.
 */
export const voiceMessages = pgTable(
	'voice_messages',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		participantId: uuid('participant_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		teacherId: uuid('teacher_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** The phrase practised, and its Norwegian as the phone showed it. */
		itemId: text('item_id').notNull(),
		nb: text('nb').notNull(),
		mime: text('mime').notNull(),
		bytes: bytea('bytes').notNull(),
		replyText: text('reply_text'),
		replyAudio: text('reply_audio'),
		repliedAt: timestamp('replied_at', { withTimezone: true }),
		seq: nextSync(),
		createdAt: created()
	},
	(t) => [index('voice_messages_participant').on(t.participantId, t.seq), index('voice_messages_teacher').on(t.teacherId)]
);

/**
 * The review log: the truth about what a participant practised. The primary key is the id
 * the phone made, so a retried push stores nothing twice.
 */
export const reviewEvents = pgTable(
	'review_events',
	{
		id: uuid('id').primaryKey(),
		participantId: uuid('participant_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		itemId: text('item_id').notNull(),
		direction: text('direction', { enum: ['recognise', 'produce'] }).notNull(),
		kind: text('kind').notNull(),
		grade: smallint('grade').notNull(),
		/** When the answer was given, by the phone's clock, clamped to the time received. */
		at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
		durationMs: integer('duration_ms').notNull(),
		deviceId: text('device_id').notNull(),
		receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
		/** The phone's clock was ahead of the server's by this much and `at` was clamped. */
		clockSkewMs: integer('clock_skew_ms'),
		seq: nextSync()
	},
	(t) => [index('review_events_participant_seq').on(t.participantId, t.seq), index('review_events_participant_item').on(t.participantId, t.itemId, t.direction)]
);

/** FSRS state per participant, item and direction: derived from the log, for staff views. */
export const itemState = pgTable(
	'item_state',
	{
		participantId: uuid('participant_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		itemId: text('item_id').notNull(),
		direction: text('direction', { enum: ['recognise', 'produce'] }).notNull(),
		card: jsonb('card').notNull(),
		due: timestamp('due', { withTimezone: true }).notNull(),
		reps: integer('reps').notNull(),
		lapses: integer('lapses').notNull(),
		state: smallint('state').notNull(),
		lastReview: timestamp('last_review', { withTimezone: true }).notNull()
	},
	(t) => [
		primaryKey({ columns: [t.participantId, t.itemId, t.direction] }),
		// Covers what staff views read (known = state 2, lapses), so a group's progress is an
		// index-only scan instead of one heap page per card (a card row is wide: the jsonb state).
		index('item_state_progress').on(t.participantId, t.itemId, t.direction, t.state, t.lapses)
	]
);

/**
 * Answers and time per participant and day (UTC), derived from the log by ingest in the same
 * transaction that stores the events (only events stored for the first time count), so staff
 * views read a week of practice from a handful of rows instead of the whole history.
 * `last_at` (the day's latest answer) keeps "practised since <moment>" exact on the first day.
 */
export const practiceDays = pgTable(
	'practice_days',
	{
		participantId: uuid('participant_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		day: date('day').notNull(),
		answers: integer('answers').notNull(),
		durationMs: bigint('duration_ms', { mode: 'number' }).notNull(),
		lastAt: timestamp('last_at', { withTimezone: true, mode: 'date' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.participantId, t.day] })]
);

/** What a participant shares with whom. No row, or a revoked one, means not shared. */
export const shareGrants = pgTable(
	'share_grants',
	{
		participantId: uuid('participant_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		audience: audienceEnum('audience').notNull(),
		scope: scopeEnum('scope').notNull(),
		granted: boolean('granted').notNull(),
		changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
		seq: nextSync()
	},
	(t) => [primaryKey({ columns: [t.participantId, t.audience, t.scope] })]
);

/** Follow-up check-ins the participant answered (scales and choices only); the job specialist sees them when granted. */
export const checkins = pgTable(
	'checkins',
	{
		/** Made on the phone, so a retried push stores nothing twice. */
		id: uuid('id').primaryKey(),
		participantId: uuid('participant_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		point: text('point').notNull(),
		scores: jsonb('scores').notNull(),
		hard: jsonb('hard').notNull(),
		at: timestamp('at', { withTimezone: true }).notNull(),
		receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('checkins_participant').on(t.participantId, t.at)]
);

/** Grants, revokes and every staff view of a participant's data; the participant can read it. */
export const auditLog = pgTable(
	'audit_log',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
		actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
		participantId: uuid('participant_id').references(() => users.id, { onDelete: 'cascade' }),
		action: text('action').notNull(),
		detail: jsonb('detail').notNull().default({})
	},
	(t) => [index('audit_participant').on(t.participantId, t.at)]
);

/**
 * Participants who erased their account: only the random id and when. Kept so that a restore from
 * a backup taken before the erasure can erase them again (src/lib/server/db/backup.ts).
 */
export const erasures = pgTable('erasures', {
	participantId: uuid('participant_id').primaryKey(),
	erasedAt: timestamp('erased_at', { withTimezone: true }).notNull().defaultNow()
});

/** Fixed-window counters for rate limits; in the database so several servers share them. */
export const rateLimits = pgTable('rate_limits', {
	key: text('key').primaryKey(),
	windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
	count: integer('count').notNull()
});
