import { createScratchDatabase } from '../../scripts/scratch-postgres';

/**
 * The shape every benchmark module returns, and the statistics they share. `run.ts` calls each
 * module in turn and writes docs/benchmarks.md from their sections.
 */
export interface BenchRow {
	what: string;
	figure: string;
	goal: string;
	/** true met, false missed, null when there is no goal (context figures). */
	met: boolean | null;
}

export interface BenchSection {
	title: string;
	rows: BenchRow[];
	/** "How it is measured" and "what limits it" lines, as markdown list items (without the dash). */
	notes: string[];
}

export interface BenchContext {
	root: string;
	/** PostgreSQL to measure on as well as the embedded database, when DATABASE_URL is set. */
	postgresUrl?: string;
	/** A progress line on the console. */
	log(message: string): void;
}

export const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
export const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)]!;
export const percentile = (xs: number[], p: number) => sorted(xs)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
export const p95 = (xs: number[]) => percentile(xs, 0.95);
export const kb = (bytes: number) => (bytes / 1024).toFixed(1);
export const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;

export function renderSection(section: BenchSection): string {
	const mark = (met: boolean | null) => (met === null ? '—' : met ? 'met' : '**missed**');
	return [
		`## ${section.title}`,
		'',
		'| what | figure | goal | |',
		'|---|---|---|---|',
		...section.rows.map((r) => `| ${r.what} | ${r.figure} | ${r.goal} | ${mark(r.met)} |`),
		'',
		...(section.notes.length ? ['How each is measured, and what limits it:', ...section.notes.map((n) => `- ${n}`), ''] : [])
	].join('\n');
}

/**
 * Runs `measure` on the embedded database (a fresh one: `undefined`), then, when the run has
 * PostgreSQL, on a scratch database made on that server and dropped after.
 */
export async function onEachDatabase<T>(ctx: BenchContext, measure: (kind: 'PGlite' | 'PostgreSQL', databaseUrl: string | undefined) => Promise<T>): Promise<T[]> {
	const results = [await measure('PGlite', undefined)];
	if (ctx.postgresUrl) {
		const scratch = await createScratchDatabase(ctx.postgresUrl);
		try {
			results.push(await measure('PostgreSQL', scratch.url));
		} finally {
			await scratch.drop();
		}
	}
	return results;
}
