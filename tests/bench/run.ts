/**
 * `npm run bench`: runs every `tests/bench/*.bench.ts` module in name order and writes
 * docs/benchmarks.md from their sections. Not part of `npm test`; it needs a production build
 * (made here when missing). With DATABASE_URL set to PostgreSQL, the database figures are measured
 * there as well as on the embedded database.
 *
 * `BENCH_ONLY=ingest npm run bench` runs only the modules whose file name contains "ingest" and
 * prints their sections without touching docs/benchmarks.md.
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { renderSection, type BenchContext, type BenchSection } from './report';

const root = join(import.meta.dirname, '..', '..');
const only = process.env.BENCH_ONLY;
if (!existsSync(join(root, 'build', 'index.js'))) execSync('npm run build', { cwd: root, stdio: 'inherit' });

const chromiumVersion = (() => {
	try {
		return execSync(`${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'} --version`, { encoding: 'utf8' }).trim();
	} catch {
		return 'Chromium not found';
	}
})();

const ctx: BenchContext = {
	root,
	postgresUrl: process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined,
	log: (message) => console.log(`  ${message}`)
};

const modules = readdirSync(import.meta.dirname)
	.filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
	.sort();
const sections: BenchSection[] = [];
const started = Date.now();
for (const file of modules) {
	const t = Date.now();
	console.log(`▶ ${file}`);
	const mod = (await import(join(import.meta.dirname, file))) as { bench(ctx: BenchContext): Promise<BenchSection | BenchSection[]> };
	const out = await mod.bench(ctx);
	sections.push(...(Array.isArray(out) ? out : [out]));
	console.log(`  done in ${((Date.now() - t) / 1000).toFixed(0)} s`);
}

const md = `# Benchmarks

Written by \`npm run bench\` (tests/bench/run.ts and the \`*.bench.ts\` modules beside it). Re-run it after a change that could touch these figures.

- Date: ${new Date().toISOString()}
- Machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${chromiumVersion}
- Databases: embedded PGlite${ctx.postgresUrl ? ` and PostgreSQL (${ctx.postgresUrl.replace(/\/\/[^@]*@/, '//')})` : ' only (DATABASE_URL was not set)'}
- Whole run: ${((Date.now() - started) / 60_000).toFixed(1)} minutes

${sections.map(renderSection).join('\n')}`;
if (only) console.log(md);
else {
	writeFileSync(join(root, 'docs', 'benchmarks.md'), md);
	console.log(md);
}
process.exit(0);
