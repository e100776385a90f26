import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema';

/** The one type the rest of the server uses, whichever database is behind it. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface OpenDatabase {
	db: Database;
	kind: 'pglite' | 'postgres';
	close(): Promise<void>;
}

const MIGRATIONS = resolve(process.env.MIGRATIONS_DIR ?? join(process.cwd(), 'drizzle'));

export class DatabaseInUseError extends Error {}

/**
 * PGlite has no lock of its own and two processes on one folder corrupt it: take a lock file
 * with our pid, refuse clearly when a live process holds it, and take over a stale one.
 * Backup and restore (`./backup.ts`) take the same lock. Returns the release function.
 */
export function lockDataDir(dir: string): () => void {
	mkdirSync(dirname(dir), { recursive: true });
	const lockPath = `${dir}.lock`;
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const fd = openSync(lockPath, 'wx');
			writeSync(fd, String(process.pid));
			closeSync(fd);
			const release = () => rmSync(lockPath, { force: true });
			process.once('exit', release);
			return release;
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
			const pid = Number(readFileSync(lockPath, 'utf8'));
			if (pid && isAlive(pid)) {
				throw new DatabaseInUseError(
					`The embedded database in ${dir} is in use by another process (pid ${pid}). ` +
						'Stop that process first, or set DATABASE_URL to a PostgreSQL server to run several.'
				);
			}
			rmSync(lockPath, { force: true });
		}
	}
	throw new DatabaseInUseError(`Could not lock ${dir}`);
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Any fixed number: the advisory lock that one starting process holds while it migrates. */
const STARTUP_LOCK = 7_301_982_604;

/**
 * Several processes starting at once on one PostgreSQL would migrate at once, and two
 * `CREATE TABLE`s of the same migration make one of them fail: each takes a session advisory
 * lock first, so they migrate one after the other (the later ones find nothing to do). The lock
 * is held on a connection of its own and ends with it, also if the process dies.
 */
export async function withStartupLock<T>(pool: pg.Pool, work: () => Promise<T>): Promise<T> {
	const client = await pool.connect();
	try {
		await client.query('select pg_advisory_lock($1)', [STARTUP_LOCK]);
		try {
			return await work();
		} finally {
			await client.query('select pg_advisory_unlock($1)', [STARTUP_LOCK]);
		}
	} finally {
		client.release();
	}
}

/**
 * Opens and migrates the database named by `url`:
 * - a `postgres://` or `postgresql://` URL: PostgreSQL through `pg`;
 * - `memory://`: an in-memory PGlite (tests);
 * - anything else, or nothing: PGlite in that folder (default `./data/pglite`).
 */
export async function openDatabase(url = process.env.DATABASE_URL): Promise<OpenDatabase> {
	if (url && /^postgres(ql)?:\/\//.test(url)) {
		const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL ?? 10) });
		// An idle connection that PostgreSQL closes (a restart, a failover, an administrator) must not
		// take the process down: the pool drops it and opens a new one when next needed.
		pool.on('error', (e) => console.error(`database connection lost (the pool will reconnect): ${e.message}`));
		const db = drizzlePg(pool, { schema }) as unknown as Database;
		try {
			await withStartupLock(pool, () => migratePg(db as never, { migrationsFolder: MIGRATIONS }));
		} catch (e) {
			await pool.end();
			throw e;
		}
		return { db, kind: 'postgres', close: () => pool.end() };
	}
	const memory = url === 'memory://';
	const dir = memory ? undefined : resolve(url ?? join(process.cwd(), 'data', 'pglite'));
	const release = dir ? lockDataDir(dir) : () => {};
	try {
		if (dir && !existsSync(dir)) mkdirSync(dir, { recursive: true });
		const client = await PGlite.create(dir ? { dataDir: dir } : {});
		const db = drizzlePglite(client, { schema }) as unknown as Database;
		await migratePglite(db as never, { migrationsFolder: MIGRATIONS });
		return {
			db,
			kind: 'pglite',
			close: async () => {
				await client.close();
				release();
			}
		};
	} catch (e) {
		release();
		throw e;
	}
}

export { schema };
