import pg from 'pg';
import { openDatabase, type OpenDatabase } from '../../src/lib/server/db';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new
 * throwaway database on the PostgreSQL server named by TEST_DATABASE_URL (dropped after).
 */
export async function freshDatabase(): Promise<OpenDatabase> {
	const server = process.env.TEST_DATABASE_URL;
	if (!server) return openDatabase('memory://');
	const name = `an_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = new pg.Client({ connectionString: server });
	await admin.connect();
	await admin.query(`CREATE DATABASE ${name}`);
	await admin.end();
	const url = new URL(server);
	url.pathname = `/${name}`;
	const open = await openDatabase(url.toString());
	return {
		...open,
		close: async () => {
			await open.close();
			// The pool's connections may still be closing: wait for them rather than cut them off
			// (a connection terminated by DROP ... WITH (FORCE) raises an error in this process).
			const drop = new pg.Client({ connectionString: server });
			await drop.connect();
			try {
				for (let attempt = 0; ; attempt++) {
					try {
						await drop.query(`DROP DATABASE IF EXISTS ${name}${attempt >= 50 ? ' WITH (FORCE)' : ''}`);
						break;
					} catch (e) {
						if ((e as { code?: string }).code !== '55006' || attempt >= 50) throw e;
						await new Promise((r) => setTimeout(r, 100));
					}
				}
			} finally {
				await drop.end();
			}
		}
	};
}

export const databaseKind = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
