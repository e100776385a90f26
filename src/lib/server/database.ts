import { openDatabase, type Database, type OpenDatabase } from './db';
import { seedDemo } from './seed';

let opened: Promise<OpenDatabase> | undefined;

/** The process's database: opened, migrated and (when empty) seeded on first use. */
export function database(): Promise<Database> {
	opened ??= (async () => {
		const open = await openDatabase();
		if (process.env.SEED_DEMO !== '0') await seedDemo(open.db);
		return open;
	})();
	return opened.then((o) => o.db);
}

export async function closeDatabase(): Promise<void> {
	if (opened) await (await opened).close();
	opened = undefined;
}
