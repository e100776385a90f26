/**
 * Backup and restore of the server database (docs/operations.md, "Backup and restore").
 *
 * - PostgreSQL: `pg_dump --format=custom` and `pg_restore --clean --if-exists --no-owner`, in one
 *   transaction. The dump runs on an exported snapshot, and the summary printed with it is
 *   computed in that same snapshot, so it describes exactly what is in the file even when the
 *   server is running.
 * - The embedded database (PGlite): its own `dumpDataDir()`, a gzipped tarball of the data
 *   folder, restored by opening a new folder with `loadDataDir`. PGlite is one process: the
 *   server must be stopped, and we take the same lock the server takes (`lockDataDir`).
 *
 * A backup file is written beside its final name and renamed when complete, so a failed backup
 * never leaves a file that looks whole. It is readable by its owner only: it holds personal data.
 */
import { spawn } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { DatabaseInUseError, lockDataDir } from './index';

export type DatabaseTarget = { kind: 'postgres'; url: string } | { kind: 'pglite'; dir: string };

/** A problem the operator can act on; the scripts print its message and exit 1. */
export class BackupError extends Error {}

/** Which database DATABASE_URL names, read exactly as `openDatabase` reads it. */
export function databaseTarget(url = process.env.DATABASE_URL): DatabaseTarget {
	if (url && /^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
	if (url === 'memory://') throw new BackupError('DATABASE_URL is memory://: an in-memory database has nothing to back up or restore into.');
	return { kind: 'pglite', dir: resolve(url ?? join(process.cwd(), 'data', 'pglite')) };
}

// ---------------------------------------------------------------- what is in a database

/** One SQL statement in, rows out, always on the same session (it sets the time zone first). */
export type Query = (text: string) => Promise<Record<string, unknown>[]>;

export interface TableFingerprint {
	table: string;
	rows: number;
	/** md5 over every row as text, ordered by primary key: equal only if every value is equal. */
	md5: string;
}

export interface DatabaseSummary {
	tables: TableFingerprint[];
	/** Where each sequence stands (`sync_seq` is the phones' pull cursor). */
	sequences: { name: string; lastValue: number }[];
}

/**
 * Row count and content hash of every table (the app's and drizzle's migration log), and the
 * sequences. Backup prints it, restore prints it again: the two must match.
 */
export async function summarise(query: Query): Promise<DatabaseSummary> {
	// Timestamps print in the session's zone; fix it so two servers with different defaults agree.
	await query(`set timezone to 'UTC'`);
	const relations = await query(`
		select c.oid::regclass::text as name, c.relkind as kind,
			(select string_agg('r.' || quote_ident(a.attname), ', ' order by array_position(i.indkey::int2[], a.attnum))
				from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
				where i.indrelid = c.oid and i.indisprimary) as pk
		from pg_class c join pg_namespace n on n.oid = c.relnamespace
		where c.relkind in ('r', 'p', 'S') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'
		order by 1`);
	const tables: TableFingerprint[] = [];
	const sequences: DatabaseSummary['sequences'] = [];
	for (const r of relations) {
		const name = String(r.name);
		if (r.kind === 'S') {
			const [s] = await query(`select case when is_called then last_value else last_value - 1 end::text as v from ${name}`);
			sequences.push({ name, lastValue: Number(s!.v) });
			continue;
		}
		const order = (r.pk as string | null) ?? 'r::text';
		const [row] = await query(`select count(*)::int as n, md5(coalesce(string_agg(r::text, E'\\n' order by ${order}), '')) as md5 from ${name} r`);
		tables.push({ table: name, rows: Number(row!.n), md5: String(row!.md5) });
	}
	return { tables, sequences };
}

/** The summary as lines for a terminal or a log. */
export function formatSummary(summary: DatabaseSummary): string {
	const width = Math.max(...summary.tables.map((t) => t.table.length), ...summary.sequences.map((s) => s.name.length), 10);
	return [
		...summary.tables.map((t) => `  ${t.table.padEnd(width)} ${String(t.rows).padStart(9)} rows  md5 ${t.md5}`),
		...summary.sequences.map((s) => `  ${s.name.padEnd(width)} ${String(s.lastValue).padStart(9)} (sequence, last value)`)
	].join('\n');
}

// ---------------------------------------------------------------- backup

export interface BackupResult {
	file: string;
	bytes: number;
	kind: DatabaseTarget['kind'];
	summary: DatabaseSummary;
}

/** Writes a backup of the target database to `file` (replacing it only once the new one is complete). */
export async function backupDatabase(target: DatabaseTarget, file: string): Promise<BackupResult> {
	const out = resolve(file);
	mkdirSync(dirname(out), { recursive: true });
	const partial = `${out}.partial`;
	rmSync(partial, { force: true });
	try {
		const summary = target.kind === 'postgres' ? await dumpPostgres(target.url, partial) : await dumpPglite(target.dir, partial);
		chmodSync(partial, 0o600);
		renameSync(partial, out);
		return { file: out, bytes: statSync(out).size, kind: target.kind, summary };
	} catch (e) {
		rmSync(partial, { force: true });
		throw e;
	}
}

async function dumpPostgres(url: string, file: string): Promise<DatabaseSummary> {
	const conn = connection(url);
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		// pg_dump takes this transaction's snapshot, so the summary and the file show the same moment.
		await client.query('begin transaction isolation level repeatable read, read only');
		const { rows } = await client.query<{ snapshot: string }>('select pg_export_snapshot() as snapshot');
		const summary = await summarise(async (text) => (await client.query(text)).rows);
		await runTool('pg_dump', ['--format=custom', `--snapshot=${rows[0]!.snapshot}`, `--file=${file}`, `--dbname=${conn.url}`], conn.env);
		await client.query('commit');
		return summary;
	} finally {
		await client.end();
	}
}

async function dumpPglite(dir: string, file: string): Promise<DatabaseSummary> {
	if (!existsSync(join(dir, 'PG_VERSION'))) throw new BackupError(`There is no embedded database in ${dir}. Set DATABASE_URL to the folder the server uses.`);
	return withLock(dir, 'back up', async () => {
		const db = await PGlite.create({ dataDir: dir });
		try {
			const summary = await summarise(async (text) => (await db.query<Record<string, unknown>>(text)).rows);
			// Write everything to the data files first, so the copy needs no recovery from the log.
			await db.exec('CHECKPOINT');
			const tarball = await db.dumpDataDir('gzip');
			writeFileSync(file, new Uint8Array(await tarball.arrayBuffer()), { mode: 0o600 });
			return summary;
		} finally {
			await db.close();
		}
	});
}

// ---------------------------------------------------------------- restore

/**
 * Phones hold the last pull cursor they were given, and the server kept handing cursors out
 * after the backup was taken. A restored `sync_seq` that carried on from the backup's value would
 * hand those numbers out again, and a phone already past them would never pull those changes.
 * So a restore moves it on to at least the current time in microseconds: above every cursor the
 * old server can have given, unless it handed out more than a million a second since the last
 * restore (JavaScript numbers stay exact until the year 2255).
 */
export const cursorFloor = (now = Date.now()) => now * 1000;

async function advanceSyncCursor(query: Query, now = Date.now()) {
	const [found] = await query(`select to_regclass('sync_seq') is not null as present`);
	if (found?.present) await query(`select setval('sync_seq', greatest((select last_value from sync_seq), ${cursorFloor(now)}))`);
}

export interface RestoreResult {
	kind: DatabaseTarget['kind'];
	/** As in the backup, except `sync_seq`, moved on past every cursor the old server gave (`cursorFloor`). */
	summary: DatabaseSummary;
	/** Embedded database with `force`: where the folder that was replaced was moved to. */
	replaced?: string;
	/** Accounts the backup still held that had been erased in the database it replaced, erased again. */
	reErased: number;
}

/**
 * Restores `file` into the target database.
 * - PostgreSQL: drops and recreates every object in the backup, in one transaction (all or
 *   nothing). Stop the app first, or restore into a new empty database and point DATABASE_URL at it.
 * - Both: the pull cursor then moves on (`cursorFloor`), so no phone is handed a cursor twice, and
 *   everyone who erased their account in the database being replaced is erased again (`erasures`).
 * - Embedded: the folder must be empty or absent unless `force`; with `force` the old folder is
 *   moved aside (`<dir>.replaced-<time>`), never deleted, once the restored copy has opened.
 */
export async function restoreDatabase(target: DatabaseTarget, file: string, opts: { force?: boolean } = {}): Promise<RestoreResult> {
	const path = resolve(file);
	if (!existsSync(path)) throw new BackupError(`No backup file at ${path}.`);
	const format = backupFormat(path);
	if (target.kind === 'postgres') {
		if (format !== 'pg_dump') throw new BackupError(`${path} is not a PostgreSQL backup (pg_dump --format=custom)${format === 'pglite' ? ': it is a backup of the embedded database' : ''}.`);
		const conn = connection(target.url);
		const erased = await withClient(target.url, erasuresIn);
		await runTool('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--exit-on-error', `--dbname=${conn.url}`, path], conn.env);
		const client = new pg.Client({ connectionString: target.url });
		await client.connect();
		try {
			const query: Query = async (text) => (await client.query(text)).rows;
			await advanceSyncCursor(query);
			const reErased = await reapplyErasures(query, erased);
			return { kind: 'postgres', summary: await summarise(query), reErased };
		} finally {
			await client.end();
		}
	}
	if (format !== 'pglite') throw new BackupError(`${path} is not a backup of the embedded database (a gzipped tarball from dumpDataDir)${format === 'pg_dump' ? ': it is a PostgreSQL backup; restore it with DATABASE_URL=postgres://…' : ''}.`);
	return restorePglite(target.dir, path, opts.force ?? false);
}

/** Runs `fn` on a connection of its own; an unreachable or empty database gives []. */
async function withClient<T>(url: string, fn: (query: Query) => Promise<T[]>): Promise<T[]> {
	const client = new pg.Client({ connectionString: url });
	try {
		await client.connect();
	} catch {
		return [];
	}
	try {
		return await fn(async (text) => (await client.query(text)).rows);
	} finally {
		await client.end();
	}
}

export interface Erasure {
	participantId: string;
	erasedAt: string;
}

/** Participants erased in the database a restore is about to replace. */
async function erasuresIn(query: Query): Promise<Erasure[]> {
	const [table] = await query(`select to_regclass('public.erasures')::text as name`);
	if (!table?.name) return [];
	return (await query(`select participant_id::text as "participantId", erased_at::text as "erasedAt" from erasures`)) as unknown as Erasure[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Erases again, in the restored database, everyone who had erased their account in the one it
 * replaced (a backup taken before an erasure must not bring the person back), and keeps the
 * record. Returns how many accounts the backup still held.
 */
async function reapplyErasures(query: Query, erased: Erasure[]): Promise<number> {
	const valid = erased.filter((e) => UUID.test(e.participantId) && !Number.isNaN(Date.parse(e.erasedAt)));
	if (!valid.length) return 0;
	const ids = `'{${valid.map((e) => e.participantId).join(',')}}'::uuid[]`;
	const removed = await query(`delete from users where role = 'participant' and id = any(${ids}) returning id`);
	const values = valid.map((e) => `('${e.participantId}', '${new Date(e.erasedAt).toISOString()}')`).join(',');
	await query(`insert into erasures (participant_id, erased_at) values ${values} on conflict do nothing`);
	return removed.length;
}

async function restorePglite(dir: string, file: string, force: boolean): Promise<RestoreResult> {
	return withLock(dir, 'restore into', async () => {
		const occupied = existsSync(dir) && readdirSync(dir).length > 0;
		if (occupied && !force) {
			throw new BackupError(`${dir} already holds a database. To replace it, run the restore again with --force: the current folder is then kept beside it as ${dir}.replaced-<time> until you delete it.`);
		}
		// Who erased their account in the database being replaced (we hold its lock).
		let erased: Erasure[] = [];
		if (occupied) {
			const current = await PGlite.create({ dataDir: dir });
			try {
				erased = await erasuresIn(async (text) => (await current.query<Record<string, unknown>>(text)).rows);
			} finally {
				await current.close();
			}
		}
		// Load into a new folder beside the target, and swap only when it has opened and answered.
		const staging = `${dir}.restoring-${process.pid}`;
		rmSync(staging, { recursive: true, force: true });
		mkdirSync(staging, { recursive: true });
		try {
			const db = await PGlite.create({ dataDir: staging, loadDataDir: new Blob([readFileSync(file)]) });
			let summary: DatabaseSummary;
			let reErased = 0;
			try {
				const query: Query = async (text) => (await db.query<Record<string, unknown>>(text)).rows;
				await advanceSyncCursor(query);
				reErased = await reapplyErasures(query, erased);
				summary = await summarise(query);
			} finally {
				await db.close();
			}
			let replaced: string | undefined;
			if (occupied) {
				replaced = `${dir}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`;
				renameSync(dir, replaced);
			} else if (existsSync(dir)) {
				rmSync(dir, { recursive: true });
			}
			renameSync(staging, dir);
			return { kind: 'pglite', summary, replaced, reErased };
		} catch (e) {
			rmSync(staging, { recursive: true, force: true });
			throw e;
		}
	});
}

// ---------------------------------------------------------------- helpers

/** What a backup file is, by its first bytes. */
function backupFormat(file: string): 'pg_dump' | 'pglite' | 'unknown' {
	const head = Buffer.alloc(5);
	const fd = openSync(file, 'r');
	try {
		readSync(fd, head, 0, 5, 0);
	} finally {
		closeSync(fd);
	}
	if (head.toString('latin1') === 'PGDMP') return 'pg_dump';
	if (head[0] === 0x1f && head[1] === 0x8b) return 'pglite';
	return 'unknown';
}

/** The embedded database is locked by whoever has it open: the server, the admin script, or us. */
async function withLock<T>(dir: string, what: string, fn: () => Promise<T>): Promise<T> {
	let release: () => void;
	try {
		release = lockDataDir(dir);
	} catch (e) {
		if (!(e instanceof DatabaseInUseError)) throw e;
		throw new BackupError(
			`Cannot ${what} the embedded database while it is open: ${e.message}\n` +
				'The embedded database belongs to one process at a time. Stop the Arbeidsnorsk server (and any `npm run admin`), ' +
				'run this again, then start the server. (With PostgreSQL, backups can run while the server runs.)'
		);
	}
	try {
		return await fn();
	} finally {
		release();
	}
}

/** The URL without its password (which goes in PGPASSWORD, so it never shows in the process list). */
function connection(url: string): { url: string; env: NodeJS.ProcessEnv } {
	const parsed = new URL(url);
	const env = { ...process.env };
	if (parsed.password) {
		env.PGPASSWORD = decodeURIComponent(parsed.password);
		parsed.password = '';
	}
	return { url: parsed.toString(), env };
}

/** Runs pg_dump or pg_restore (from PG_BIN when set, else the PATH) and fails with its own words. */
function runTool(tool: 'pg_dump' | 'pg_restore', args: string[], env: NodeJS.ProcessEnv): Promise<void> {
	const command = process.env.PG_BIN ? join(process.env.PG_BIN, tool) : tool;
	return new Promise((done, fail) => {
		const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.on('error', (e: NodeJS.ErrnoException) =>
			fail(
				e.code === 'ENOENT'
					? new BackupError(
							`${command} was not found. Install the PostgreSQL client tools, of the server's major version or newer ` +
								'(Debian and Ubuntu: apt-get install postgresql-client), or set PG_BIN to the folder that has them.'
						)
					: e
			)
		);
		child.on('close', (code) => (code === 0 ? done() : fail(new BackupError(`${tool} failed (exit code ${code}):\n${stderr.trim()}`))));
	});
}
