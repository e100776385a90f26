import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DatabaseInUseError, openDatabase } from '../../src/lib/server/db';
import { organisations } from '../../src/lib/server/db/schema';

describe('the embedded database', () => {
	it('migrates an empty folder and keeps data across restarts', async () => {
		const dir = join(mkdtempSync(join(tmpdir(), 'an-db-')), 'pglite');
		const first = await openDatabase(dir);
		await first.db.insert(organisations).values({ name: 'Voksenopplæringa' });
		await first.close();
		const second = await openDatabase(dir);
		expect((await second.db.select().from(organisations)).map((o) => o.name)).toEqual(['Voksenopplæringa']);
		await second.close();
	});

	it('refuses a second process on the same folder with a clear message', async () => {
		const dir = join(mkdtempSync(join(tmpdir(), 'an-db-')), 'pglite');
		const open = await openDatabase(dir);
		const other = spawnSync(process.execPath, ['--import', 'tsx', '-e', `import('${join(import.meta.dirname, '../../src/lib/server/db/index.ts')}').then(m => m.openDatabase('${dir}')).then(() => console.log('opened'), (e) => console.log(e.message))`], { encoding: 'utf8' });
		expect(other.stdout).toMatch(/in use by another process/);
		await expect(openDatabase(dir)).rejects.toBeInstanceOf(DatabaseInUseError);
		await open.close();
		// Released on close: it opens again.
		const again = await openDatabase(dir);
		await again.close();
	});
});
