import { sql } from 'drizzle-orm';
import { openDatabase, type Database, type OpenDatabase } from './db';
import { seedDemo } from './seed';

let opened: Promise<OpenDatabase> | undefined;

/** The process's database: opened, migrated and (when empty) seeded on first use. */
export function database(): Promise<Database> {
	opened ??= (async () => {
		const open = await openDatabase();
		// Two processes starting at once on an empty PostgreSQL would both seed (and one would fail on
		// the unique emails): the second waits here, then finds the demo organisation there.
		if (process.env.SEED_DEMO !== '0') {
			await open.db.transaction(async (tx) => {
				await tx.execute(sql`select pg_advisory_xact_lock(7301982605)`);
				await seedDemo(tx as unknown as Database);
			});
		}
		return open;
	})();
	return opened.then((o) => o.db);
}

export async function closeDatabase(): Promise<void> {
	if (opened) await (await opened).close();
	opened = undefined;
}
