/**
 * Restores a backup made by `npm run db:backup` into the database named by DATABASE_URL (as the
 * app reads it; default the embedded database in ./data/pglite). See docs/operations.md.
 *
 *   npm run db:restore -- backups/arbeidsnorsk-2026-11-02.backup [--force]
 *
 * Stop the server first. PostgreSQL: pg_restore --clean --if-exists --no-owner, all in one
 * transaction. Embedded: refuses a folder that already holds a database unless --force, and then
 * keeps the old folder beside it (<folder>.replaced-<time>) instead of deleting it.
 */
import { databaseTarget, formatSummary, restoreDatabase } from '../src/lib/server/db/backup';
import { runCli } from './cli';

async function main() {
	const args = process.argv.slice(2);
	const file = args.find((a) => !a.startsWith('-'));
	const unknown = args.filter((a) => a.startsWith('-') && a !== '--force');
	if (!file || unknown.length) {
		console.log('usage: npm run db:restore -- <file> [--force]   (restores into DATABASE_URL, read like the server)');
		return 2;
	}
	const target = databaseTarget();
	const started = Date.now();
	const result = await restoreDatabase(target, file, { force: args.includes('--force') });
	const where = target.kind === 'postgres' ? 'the PostgreSQL database' : `the embedded database in ${target.dir}`;
	console.log(`Restored ${file} into ${where} (${Date.now() - started} ms).`);
	if (result.reErased) console.log(`${result.reErased} account(s) erased after this backup was taken were erased again.`);
	if (result.replaced) console.log(`The database that was there is kept in ${result.replaced}: delete it once you have checked the restore (it holds personal data).`);
	console.log('What is in it now (compare with what the backup printed; sync_seq, the pull cursor, is moved on on purpose):');
	console.log(formatSummary(result.summary));
	console.log('Erasures recorded in the database that was replaced have been applied again; if that database was lost, re-apply erasures made since this backup by hand (docs/operations.md).');
	return 0;
}

runCli(main);
