/**
 * Backs up the server database named by DATABASE_URL (as the app reads it; default the embedded
 * database in ./data/pglite) to one file. See docs/operations.md, "Backup and restore".
 *
 *   npm run db:backup -- backups/arbeidsnorsk-2026-11-02.backup
 *
 * PostgreSQL: pg_dump --format=custom (the server may keep running). Embedded: PGlite's own
 * dump of its data folder (stop the server first: it holds the folder's lock).
 */
import { backupDatabase, databaseTarget, formatSummary } from '../src/lib/server/db/backup';
import { runCli } from './cli';

async function main() {
	const file = process.argv.slice(2).find((a) => !a.startsWith('-'));
	if (!file) {
		console.log('usage: npm run db:backup -- <file>   (reads DATABASE_URL like the server)');
		return 2;
	}
	const target = databaseTarget();
	const started = Date.now();
	const result = await backupDatabase(target, file);
	console.log(`Backed up the ${target.kind === 'postgres' ? 'PostgreSQL' : 'embedded'} database to ${result.file} (${(result.bytes / 1024).toFixed(0)} KiB, ${Date.now() - started} ms).`);
	console.log('What is in it (a restore prints the same; keep this with the backup log):');
	console.log(formatSummary(result.summary));
	console.log('The file holds personal data: encrypt it and keep it off this machine, in Norway or the EEA.');
	return 0;
}

runCli(main);
