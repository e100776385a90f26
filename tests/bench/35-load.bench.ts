/**
 * Load: 500 phones syncing at once over loopback against the built server, on the embedded
 * database and on a scratch PostgreSQL database. The load itself is `scripts/load-test.ts`; here
 * the server is started, and afterwards stopped and its rows counted in the database.
 */
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/lib/server/db';
import { describeLoad, runLoad, type LoadResult } from '../../scripts/load-test';
import { startServer } from '../e2e/server';
import { onEachDatabase, type BenchContext, type BenchRow, type BenchSection } from './report';

const PHONES = 500;
const SECONDS = 30;
const PERIOD = 10;
const MAX_REQUESTS = 6000;

interface Run {
	kind: 'PGlite' | 'PostgreSQL';
	load: LoadResult;
	/** Rows in review_events afterwards, and distinct ids among them. */
	rows: number;
	distinct: number;
}

async function measure(kind: Run['kind'], databaseUrl: string | undefined, log: (m: string) => void): Promise<Run> {
	const server = await startServer({ databaseUrl });
	let load: LoadResult;
	try {
		load = await runLoad({ url: server.url, phones: PHONES, seconds: SECONDS, period: PERIOD, requests: MAX_REQUESTS, log });
	} finally {
		await server.stop();
	}
	log(`${kind}: ${describeLoad(load).replaceAll('\n', '\n  ')}`);
	const open = await openDatabase(server.databaseUrl);
	try {
		const counted = await open.db.execute(sql`select count(*)::int as n, count(distinct id)::int as d from review_events`);
		const row = (counted as unknown as { rows: { n: number; d: number }[] }).rows[0]!;
		return { kind, load, rows: Number(row.n), distinct: Number(row.d) };
	} finally {
		await open.close();
	}
}

function rows(r: Run): BenchRow[] {
	const { load } = r;
	const f = (x: number) => `${x.toFixed(0)} ms`;
	const once = load.exactlyOnce && r.rows === load.distinctSent && r.distinct === r.rows;
	return [
		{
			what: `${r.kind}: ${load.phones} phones syncing at once, ${load.requests.toLocaleString('en')} pushes in ${load.seconds.toFixed(0)} s (${load.throughput.toFixed(0)}/s, at most ${load.peakInFlight} in flight)`,
			figure: `${load.errors} errors; p50 ${f(load.latencyMs.p50)}, p95 ${f(load.latencyMs.p95)}, p99 ${f(load.latencyMs.p99)} (max ${f(load.latencyMs.max)})`,
			goal: '0 errors, p99 ≤ 500 ms',
			met: load.errors === 0 && load.latencyMs.p99 <= 500
		},
		{
			what: `… ${r.kind}: events stored vs sent`,
			figure: `${r.rows.toLocaleString('en')} rows (${r.distinct.toLocaleString('en')} distinct) for ${load.distinctSent.toLocaleString('en')} distinct ids sent in ${load.eventsPushed.toLocaleString('en')} (${load.eventsResent.toLocaleString('en')} resent on purpose); ${load.flushPushes} outbox pushes after`,
			goal: 'each exactly once',
			met: once
		}
	];
}

export async function bench(ctx: BenchContext): Promise<BenchSection> {
	const runs = await onEachDatabase(ctx, (kind, url) => measure(kind, url, ctx.log));
	return {
		title: 'Load',
		rows: runs.flatMap(rows),
		notes: [
			`**Load**: \`scripts/load-test.ts\` against the built server on loopback. ${PHONES} phones join with the demo code (each its own participant and device session), then each syncs every ${PERIOD} s ±20 % for ${SECONDS} s (at most ${MAX_REQUESTS.toLocaleString('en')} pushes), starting at a random moment of the first period: about ${PHONES / PERIOD} pushes a second offered, ${(60 / PERIOD).toFixed(0)} a minute per phone against a limit of 120 (real phones sync on start, on return to the app and after each session). The first push carries 5–50 answers, later ones 1–20; one push in ten also resends the previous one (a lost acknowledgement). A plain Node HTTP client with one keep-alive connection per phone, written for this rather than autocannon, because every phone needs its own session, its own stream of events and its own cursor, and phones are not in step.`,
			'**Exactly once**: afterwards each phone resends what was not acknowledged, a second device of each participant pulls the whole log from cursor 0 (every id sent must come back exactly once, none other), and with the server stopped the rows of `review_events` are counted in the database.',
			'**What limits it**: one Node process and, for PGlite, one single-threaded WASM database serve every push; the load generator shares the same two cores.'
		]
	};
}
