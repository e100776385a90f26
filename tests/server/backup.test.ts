/**
 * "Nothing lost" (issue 9): fill a database through the app's own server functions, back it up
 * with the functions behind `npm run db:backup`, wipe it, restore with `npm run db:restore`'s,
 * and compare every table (row count and an md5 over its rows in primary-key order, in SQL).
 * Runs on the embedded database in `npm test`, and on PostgreSQL with TEST_DATABASE_URL; there
 * it works in two scratch databases of its own (an_backup_…, an_restore_…), never in `test`.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { crc32, deflateSync, gzipSync } from 'node:zlib';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/lib/server/db';
import { backupDatabase, BackupError, cursorFloor, restoreDatabase, summarise, type DatabaseSummary, type Query } from '../../src/lib/server/db/backup';
import { erasures, organisations, reviewEvents, users } from '../../src/lib/server/db/schema';
import { canView } from '../../src/lib/server/access';
import { createSet, loadSet, saveSet } from '../../src/lib/server/custom-sets';
import { addItems } from '../../src/lib/content/edit-set';
import { assignToGroup, createGroup } from '../../src/lib/server/groups';
import { createJoinCode } from '../../src/lib/server/join-codes';
import { createTransferCode, eraseParticipant, joinWithCode, setGrant } from '../../src/lib/server/participants';
import { setPin } from '../../src/lib/server/pin';
import { createStaff } from '../../src/lib/server/staff';
import { createSession } from '../../src/lib/server/auth/sessions';
import { hit, LIMITS } from '../../src/lib/server/auth/rate-limit';
import { inspectUpload } from '../../src/lib/server/media/inspect';
import { storeMedia } from '../../src/lib/server/media/store';
import { reply, sendToTeacher } from '../../src/lib/server/voice-messages';
import { acceptInvite, createWorkplace, decideSuggestion, inviteContact, pendingSuggestions, placeParticipant, saveCard, suggestWord } from '../../src/lib/server/workplaces';
import { pull, syncParticipant } from '../../src/lib/server/sync/ingest';
import type { SyncEvent } from '../../src/lib/sync/protocol';
import { databaseKind } from './test-db';

const HOUR = 3_600_000;
const isSafety = (id: string) => id.startsWith('safety.');

/** A small real PNG with a text chunk (an author's name) that the upload check strips. */
function png(): Uint8Array {
	const chunk = (type: string, data: Buffer) => {
		const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
		const out = Buffer.alloc(12 + data.length);
		out.writeUInt32BE(data.length, 0);
		body.copy(out, 4);
		out.writeUInt32BE(crc32(body), 8 + data.length);
		return out;
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(4, 0);
	ihdr.writeUInt32BE(4, 4);
	ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
	const pixels = Buffer.concat(Array.from({ length: 4 }, (_, y) => Buffer.from([0, ...Array.from({ length: 12 }, (_, x) => (x * 20 + y * 40) & 0xff)])));
	return new Uint8Array(
		Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('tEXt', Buffer.from('Author\0Kari Nordmann', 'latin1')), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))])
	);
}

/**
 * What a small class looks like after a few weeks, made the way the app makes it: staff, a
 * group and its codes, participants who joined and synced reviews and check-ins, grants and a
 * revoke, staff views (audit), a teacher's set with a photo (bytea), a recording sent and
 * answered, a workplace with a card, a fadder and an approved word, sessions, a PIN, a rate
 * limit, a transfer code, and one participant who erased their account.
 */
async function fill(db: Database) {
	const now = Date.now();
	const [org] = await db.insert(organisations).values({ name: 'Voksenopplæringa Storo' }).returning();
	const staff = async (email: string, name: string, role: 'teacher' | 'specialist') => {
		const { user } = await createStaff(db, org!.id, { email, name, role, admin: role === 'teacher' });
		await createSession(db, user, 'staff');
		return { id: user.id, organisationId: user.organisationId, role };
	};
	const teacher = await staff('kari@storo.kommune.no', 'Kari Lærer', 'teacher');
	const specialist = await staff('per@storo.kommune.no', 'Per Jobbspesialist', 'specialist');

	const groupId = await createGroup(db, teacher, 'Norsk på jobb – høst');
	const { code } = await createJoinCode(db, teacher, { kind: 'group', groupId });
	const { code: caseload } = await createJoinCode(db, specialist, { kind: 'caseload' });
	const participants: string[] = [];
	for (const name of ['Amina', 'Ali', 'Hodan', 'Oksana', 'Tesfay']) {
		const { participant } = await joinWithCode(db, code, name, null);
		await joinWithCode(db, caseload, name, { id: participant.id, role: 'participant' });
		await createSession(db, participant, 'device');
		participants.push(participant.id);
	}
	const [amina, ali] = participants as [string, string];

	// A teacher's own set, with a photo taken at the workplace (stored as bytea, metadata stripped).
	const photo = inspectUpload(png(), 'photo');
	if (!photo.ok) throw new Error(photo.message);
	const link = await storeMedia(db, teacher, 'photo', photo.mime, photo.bytes);
	const setId = await createSet(db, teacher, {
		title: 'Lageret hos Rema',
		emoji: '📦',
		first: { id: 'pall', nb: 'en pall', alternatives: [], translations: {}, example: 'Sett pallen ved døra.', level: 'A1', tags: [] }
	});
	const set = (await loadSet(db, teacher, setId))!.body;
	await saveSet(db, teacher, addItems(set, [{ nb: 'Pass på trucken!', example: 'Pass på trucken når du går i gangen.', level: 'A1', tags: ['safety'], translations: {}, photo: link }]));
	await assignToGroup(db, teacher, groupId, { setId, dueDate: '2026-12-01', goal: 0.8 });

	// Reviews and check-ins arrive through sync ingest, as a phone sends them.
	const items = [`${setId}.pall`, 'safety.stop', 'asking.say-again', 'first-day.hello'];
	for (const [n, participant] of participants.entries()) {
		const events: SyncEvent[] = Array.from({ length: 40 }, (_, i) => ({
			id: uuidv7(),
			itemId: items[i % items.length]!,
			direction: i % 3 ? 'recognise' : 'produce',
			kind: (i % 2 ? 'listen-choose' : 'type-heard') as SyncEvent['kind'],
			grade: ((i + n) % 4) + 1,
			at: now - (40 - i) * 6 * HOUR,
			durationMs: 1200 + i * 37,
			deviceId: `phone-${n}`
		}));
		const checkins = [{ id: uuidv7(), point: 'week-1', at: now - 2 * HOUR, scores: { sure: 6, pace: 5 + n, help: 8, belonging: 7 }, hard: ['words', 'speed'] as ('words' | 'speed')[] }];
		await syncParticipant(db, participant, { deviceId: `phone-${n}`, cursor: 0, events, checkins }, isSafety, now);
	}

	// Sharing, and staff looking (each allowed view is an audit row).
	await setGrant(db, amina, 'teacher', 'activity', true);
	await setGrant(db, amina, 'teacher', 'items', true);
	await setGrant(db, amina, 'specialist', 'checkins', true);
	await setGrant(db, ali, 'teacher', 'activity', true);
	await setGrant(db, ali, 'teacher', 'activity', false);
	await canView(db, teacher, amina, 'activity');
	await canView(db, teacher, amina, 'items');
	await canView(db, specialist, amina, 'checkins');
	await setPin(db, amina, '2468');
	await createTransferCode(db, teacher.id, ali);

	// A recording sent to the teacher, and the answer.
	const message = await sendToTeacher(db, amina, { itemId: `${setId}.pall`, nb: 'en pall' }, 'audio/webm', new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, ...Array.from({ length: 2000 }, (_, i) => (i * 7) & 0xff)]));
	await reply(db, teacher, message, { text: 'Fint! Si «pall» med kort a.', audio: null });

	// A workplace: the card, a placement, the fadder, and a word they use there.
	const workplace = await createWorkplace(db, specialist, 'Rema 1000 Storo');
	await saveCard(db, specialist, workplace, {
		address: 'Vitaminveien 1, 0485 Oslo',
		startTime: '07:00',
		breaks: '10:00 og 12:30',
		contactName: 'Ola',
		contactPhone: '912 34 567',
		wear: 'Arbeidssko',
		absence: 'Ring Ola før 06:30',
		equipment: 'Vernesko og hansker',
		eat: 'Pauserommet',
		firstWeek: 'Mottak og plukk'
	});
	await placeParticipant(db, specialist, amina, workplace, '2026-11-01');
	const token = await inviteContact(db, specialist, workplace, { name: 'Ola Fadder', email: 'ola@rema.example' });
	const fadderUser = await acceptInvite(db, token, 'fadder-passord-1');
	const fadder = { id: fadderUser.id, organisationId: fadderUser.organisationId, role: 'workplace' as const };
	await setGrant(db, amina, 'workplace', 'sets', true);
	await suggestWord(db, fadder, workplace, { nb: 'kjølerommet', example: 'Sett melka i kjølerommet.', photo: link, audio: '' });
	await decideSuggestion(db, specialist, (await pendingSuggestions(db, specialist))[0]!.id, true);

	await hit(db, 'join:203.0.113.7', LIMITS.joinCode);
	// Someone left and erased their account before the backup: they must not come back.
	await eraseParticipant(db, participants[4]!);
	return { amina, ali };
}

/** One session's queries through Drizzle (PGlite is a single connection). */
type Rows = { rows: Record<string, unknown>[] };
const drizzleQuery =
	(db: Database): Query =>
	async (text) =>
		((await db.execute(sql.raw(text))) as unknown as Rows).rows;

/** The highest pull cursor handed out anywhere, and where the sequence stands. */
const syncSeq = (s: DatabaseSummary) => s.sequences.find((q) => q.name === 'sync_seq')!.lastValue;

function expectWhole(summary: DatabaseSummary) {
	const rows = Object.fromEntries(summary.tables.map((t) => [t.table, t.rows]));
	// The fill reached every table that holds data (rate limits, media bytea, audit and all).
	for (const table of ['users', 'sessions', 'groups', 'group_members', 'join_codes', 'workplaces', 'invites', 'word_suggestions', 'placements', 'workplace_contacts', 'assignments', 'custom_sets', 'media', 'voice_messages', 'review_events', 'item_state', 'share_grants', 'checkins', 'audit_log', 'rate_limits', 'drizzle.__drizzle_migrations']) {
		expect(rows[table], table).toBeGreaterThan(0);
	}
	expect(rows.review_events).toBe(160);
}

const timings: Record<string, number> = {};
async function timed<T>(name: string, fn: () => Promise<T>): Promise<T> {
	const start = performance.now();
	try {
		return await fn();
	} finally {
		timings[name] = Math.round(performance.now() - start);
	}
}
afterAll(() => {
	if (Object.keys(timings).length) console.info(`backup test (${databaseKind}), ms:`, timings);
});

describe.runIf(databaseKind === 'pglite')('backup and restore: the embedded database', () => {
	const root = mkdtempSync(join(tmpdir(), 'an-backup-'));
	const dir = join(root, 'data', 'pglite');
	const file = join(root, 'backups', 'arbeidsnorsk.tgz');
	const target = { kind: 'pglite' as const, dir };
	afterAll(() => rmSync(root, { recursive: true, force: true }));

	it('backs up, wipes, restores and compares every table; no pull cursor is handed out twice', { timeout: 180_000 }, async () => {
		const open = await timed('create', () => openDatabase(dir));
		const { amina } = await timed('fill', () => fill(open.db));
		const before = await summarise(drizzleQuery(open.db));
		expectWhole(before);

		// While the server has the folder open, a backup is refused, and says why and what to do.
		const refused = backupDatabase(target, file);
		await expect(refused).rejects.toBeInstanceOf(BackupError);
		await expect(refused).rejects.toThrow(/in use by another process[\s\S]*Stop the Arbeidsnorsk server/);
		expect(existsSync(file)).toBe(false);
		await open.close();

		const backup = await timed('backup', () => backupDatabase(target, file));
		expect(backup.summary).toEqual(before);
		expect(backup.bytes).toBeGreaterThan(0);

		// The server runs on after the backup: a phone is handed a newer cursor. Then the disk is lost.
		const late = await cursorAfterBackup(dir, amina, before);

		rmSync(dir, { recursive: true });
		expect(existsSync(dir)).toBe(false);

		const restoredAt = Date.now();
		const restored = await timed('restore', () => restoreDatabase(target, file));
		expectRestored(restored.summary, before, restoredAt);

		// The app opens it (migrations have nothing to do) and sees the same data.
		const again = await timed('reopen', () => openDatabase(dir));
		expect(await summarise(drizzleQuery(again.db))).toEqual(restored.summary);
		await expectPhoneGetsNextChange(again.db, amina, late, restored.summary);
		// The audit log's own ids carry on from the backup (the grant wrote one row).
		const audit = (await again.db.execute(sql`select max(id)::int as id from audit_log`)) as unknown as Rows;
		expect(audit.rows[0]).toEqual({ id: before.sequences.find((q) => q.name === 'audit_log_id_seq')!.lastValue + 1 });
		const afterGrant = syncSeq(await summarise(drizzleQuery(again.db)));

		// Restoring over a database that is in use, or over one that exists without --force, is refused.
		await expect(restoreDatabase(target, file, { force: true })).rejects.toThrow(/in use by another process/);
		await again.close();
		await expect(restoreDatabase(target, file)).rejects.toThrow(/already holds a database[\s\S]*--force/);
		// With --force the old folder is moved aside, not deleted; restoring the same backup twice
		// still never goes back to a cursor the first restore handed out.
		const forced = await timed('restore --force', () => restoreDatabase(target, file, { force: true }));
		expectRestored(forced.summary, before, restoredAt);
		expect(syncSeq(forced.summary)).toBeGreaterThan(afterGrant);
		expect(forced.replaced && existsSync(join(forced.replaced, 'PG_VERSION'))).toBe(true);
		expect(readdirSync(join(root, 'data')).filter((f) => f.includes('.restoring-'))).toEqual([]);

		// Someone erases their account after the backup; restoring the backup does not bring them back.
		const live = await openDatabase(dir);
		const leaver = await someParticipant(live.db, amina);
		await eraseParticipant(live.db, leaver);
		await live.close();
		const third = await restoreDatabase(target, file, { force: true });
		expect(third.reErased).toBe(1);
		await expectErased(dir, leaver);
	});
});

/** A participant other than `not`. */
async function someParticipant(db: Database, not: string): Promise<string> {
	const rows = await db.select({ id: users.id }).from(users).where(eq(users.role, 'participant'));
	return rows.find((r) => r.id !== not)!.id;
}

/** The restored database no longer holds the participant, and still records the erasure. */
async function expectErased(url: string, participantId: string) {
	const open = await openDatabase(url);
	try {
		expect(await open.db.select().from(users).where(eq(users.id, participantId))).toEqual([]);
		expect(await open.db.select().from(reviewEvents).where(eq(reviewEvents.participantId, participantId))).toEqual([]);
		expect((await open.db.select().from(erasures).where(eq(erasures.participantId, participantId))).length).toBe(1);
	} finally {
		await open.close();
	}
}

/** Opens the embedded database again after the backup, makes a change and returns the cursor a phone got for it. */
async function cursorAfterBackup(dir: string, participant: string, before: DatabaseSummary): Promise<number> {
	const open = await openDatabase(dir);
	try {
		await setGrant(open.db, participant, 'specialist', 'activity', true);
		const late = (await pull(open.db, participant, 'phone-0', 0)).cursor;
		expect(late).toBeGreaterThan(syncSeq(before));
		return late;
	} finally {
		await open.close();
	}
}

/** A restore gives back every table as it was, and moves the pull cursor past anything the old server handed out. */
function expectRestored(after: DatabaseSummary, before: DatabaseSummary, restoredAt: number) {
	expect(after.tables).toEqual(before.tables);
	const others = (s: DatabaseSummary) => s.sequences.filter((q) => q.name !== 'sync_seq');
	expect(others(after)).toEqual(others(before));
	expect(syncSeq(after)).toBeGreaterThanOrEqual(cursorFloor(restoredAt));
}

/**
 * The phone that was handed `late` after the backup pulls with it. The next change on the
 * restored server must reach it: a cursor at or below `late` would be skipped for good.
 */
async function expectPhoneGetsNextChange(db: Database, participant: string, late: number, restored: DatabaseSummary) {
	await setGrant(db, participant, 'teacher', 'sets', true);
	const next = await pull(db, participant, 'phone-0', late);
	expect(next.grants).toEqual([{ audience: 'teacher', scope: 'sets', granted: true }]);
	expect(next.cursor).toBeGreaterThan(syncSeq(restored));
}

describe.runIf(databaseKind === 'postgres')('backup and restore: PostgreSQL', () => {
	const server = process.env.TEST_DATABASE_URL!;
	const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
	const source = `an_backup_${suffix}`;
	const scratch = `an_restore_${suffix}`;
	const urlOf = (name: string) => Object.assign(new URL(server), { pathname: `/${name}` }).toString();
	const file = join(mkdtempSync(join(tmpdir(), 'an-backup-')), 'arbeidsnorsk.backup');
	const admin = async (statement: string) => {
		const c = new pg.Client({ connectionString: server });
		await c.connect();
		try {
			await c.query(statement);
		} finally {
			await c.end();
		}
	};
	/** Reads a summary on one connection of its own. */
	const summaryOf = async (url: string) => {
		const c = new pg.Client({ connectionString: url });
		await c.connect();
		try {
			return await summarise(async (text) => (await c.query(text)).rows);
		} finally {
			await c.end();
		}
	};
	afterAll(async () => {
		await admin(`DROP DATABASE IF EXISTS ${source} WITH (FORCE)`);
		await admin(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
		rmSync(dirname(file), { recursive: true, force: true });
	});

	it('backs up a running server, wipes, restores into a scratch database and compares every table; no pull cursor is handed out twice', { timeout: 180_000 }, async () => {
		await admin(`CREATE DATABASE ${source}`);
		await admin(`CREATE DATABASE ${scratch}`);
		const open = await timed('create', () => openDatabase(urlOf(source)));
		let amina: string;
		let before: DatabaseSummary;
		let late: number;
		try {
			({ amina } = await timed('fill', () => fill(open.db)));
			before = await summaryOf(urlOf(source));
			expectWhole(before);
			// PostgreSQL backs up while the server runs: the file is one consistent snapshot.
			const backup = await timed('backup', () => backupDatabase({ kind: 'postgres', url: urlOf(source) }, file));
			expect(backup.summary).toEqual(before);
			// The server runs on after the backup: a phone is handed a newer cursor.
			await setGrant(open.db, amina, 'specialist', 'activity', true);
			late = (await pull(open.db, amina, 'phone-0', 0)).cursor;
			expect(late).toBeGreaterThan(syncSeq(before));
		} finally {
			await open.close();
		}

		// Wipe the source (our own scratch database): the backup must not need anything from it.
		const wipe = new pg.Client({ connectionString: urlOf(source) });
		await wipe.connect();
		await wipe.query('DROP SCHEMA drizzle CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public');
		const left = await wipe.query(`select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname in ('public', 'drizzle')`);
		await wipe.end();
		expect(left.rows[0].n).toBe(0);

		// The scratch database already holds an older, different installation: --clean replaces it.
		const stale = await openDatabase(urlOf(scratch));
		await stale.db.insert(organisations).values({ name: 'Skal bort' });
		await stale.close();

		const restoredAt = Date.now();
		const restored = await timed('restore', () => restoreDatabase({ kind: 'postgres', url: urlOf(scratch) }, file));
		expectRestored(restored.summary, before, restoredAt);
		// Restoring the same file again is harmless: the same tables, and the cursor still only goes up.
		const twice = await timed('restore again', () => restoreDatabase({ kind: 'postgres', url: urlOf(scratch) }, file));
		expectRestored(twice.summary, before, restoredAt);
		expect(syncSeq(twice.summary)).toBeGreaterThanOrEqual(syncSeq(restored.summary));

		// The app opens the restored database (nothing to migrate); the phone holding `late` gets the next change.
		const again = await timed('reopen', () => openDatabase(urlOf(scratch)));
		try {
			expect(await summaryOf(urlOf(scratch))).toEqual(twice.summary);
			await expectPhoneGetsNextChange(again.db, amina, late, twice.summary);
		} finally {
			await again.close();
		}

		// Someone erases their account after the backup; restoring the backup does not bring them back.
		const live = await openDatabase(urlOf(scratch));
		const leaver = await someParticipant(live.db, amina);
		await eraseParticipant(live.db, leaver);
		await live.close();
		const third = await restoreDatabase({ kind: 'postgres', url: urlOf(scratch) }, file);
		expect(third.reErased).toBe(1);
		await expectErased(urlOf(scratch), leaver);

		// A backup of the embedded database is not mistaken for one of PostgreSQL, and nothing is touched.
		const tarball = join(dirname(file), 'embedded.tgz');
		writeFileSync(tarball, gzipSync('not a database'));
		const untouched = await summaryOf(urlOf(scratch));
		await expect(restoreDatabase({ kind: 'postgres', url: urlOf(scratch) }, tarball)).rejects.toThrow(/not a PostgreSQL backup[\s\S]*embedded database/);
		expect(await summaryOf(urlOf(scratch))).toEqual(untouched);
	});
});
