/**
 * Sync ingest: review events a second through POST /api/sync in pushes of 1,000, divided by a
 * plain multi-row INSERT of the same rows into the same database in the same run.
 *
 * The built server runs on its own database (the embedded one, and a scratch PostgreSQL database
 * when DATABASE_URL names a server). Ten phones join with the demo code and push a learner's
 * history one push at a time; then the same rows (new ids, same participants, items, times) go in
 * with one `INSERT INTO review_events (...) VALUES ...` per 1,000 rows over one connection.
 *
 * On the embedded database the server holds the folder's lock, so the baseline runs after the
 * server has stopped, on the same folder, opened with the project's `openDatabase` (PGlite in this
 * process): same database, same table (now holding the pushed rows too, which if anything makes
 * the baseline slower by a few index pages), same WASM engine. A separate folder would compare with
 * an emptier table.
 */
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { openDatabase } from '../../src/lib/server/db';
import type { SyncEvent } from '../../src/lib/sync/protocol';
import { builtInItemIds, joinPhones, postJson, SimulatedLearner, type Phone } from '../../scripts/load-test';
import { createScratchDatabase } from '../../scripts/scratch-postgres';
import { startServer } from '../e2e/server';
import http from 'node:http';
import type { BenchContext, BenchRow, BenchSection } from './report';

const PHONES = 10;
const PUSHES = 30;
const PER_PUSH = 1000;
const WARMUP = 2;

interface Figures {
	kind: 'PGlite' | 'PostgreSQL';
	apiPerS: number;
	insertPerS: number;
	pushMs: number[];
	stored: number;
}

async function measure(kind: Figures['kind'], databaseUrl: string | undefined, log: (m: string) => void): Promise<Figures> {
	const server = await startServer({ databaseUrl });
	const itemIds = builtInItemIds();
	let phones: Phone[];
	const pushes: { phone: Phone; events: SyncEvent[] }[] = [];
	const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
	const pushMs: number[] = [];
	let apiSeconds = 0;
	try {
		phones = await joinPhones(server.url, PHONES);
		const learners = phones.map((p, i) => new SimulatedLearner(itemIds, p.deviceId, 30 + i));
		for (let i = 0; i < WARMUP + PUSHES; i++) pushes.push({ phone: phones[i % PHONES]!, events: learners[i % PHONES]!.next(PER_PUSH) });
		for (const [i, { phone, events }] of pushes.entries()) {
			const r = await postJson(agent, server.url, '/api/sync', { deviceId: phone.deviceId, cursor: 0, events }, phone.cookie);
			if (r.status !== 200) throw new Error(`push ${i} failed: ${r.status} ${r.body}`);
			if ((JSON.parse(r.body) as { accepted: string[] }).accepted.length !== PER_PUSH) throw new Error(`push ${i}: not all accepted`);
			if (i >= WARMUP) {
				pushMs.push(r.ms);
				apiSeconds += r.ms / 1000;
			}
		}
	} finally {
		agent.destroy();
		await server.stop();
	}
	log(`${kind}: ${PUSHES} pushes of ${PER_PUSH} through the API in ${apiSeconds.toFixed(1)} s`);

	// The same rows with new ids, one plain multi-row INSERT per 1,000, through one connection.
	const open = await openDatabase(server.databaseUrl);
	const client = (open.db as unknown as { $client: { query(text: string, params: unknown[]): Promise<unknown> } }).$client;
	const columns = ['id', 'participant_id', 'item_id', 'direction', 'kind', 'grade', 'at', 'duration_ms', 'device_id'];
	const text = `INSERT INTO review_events (${columns.join(', ')}) VALUES ${Array.from({ length: PER_PUSH }, (_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`).join(', ')}`;
	let insertSeconds = 0;
	let stored = 0;
	try {
		for (const [i, { phone, events }] of pushes.entries()) {
			const params = events.flatMap((e) => [uuidv7(), phone.participantId, e.itemId, e.direction, e.kind, e.grade, new Date(e.at).toISOString(), e.durationMs, e.deviceId]);
			const t = performance.now();
			await client.query(text, params);
			if (i >= WARMUP) insertSeconds += (performance.now() - t) / 1000;
		}
		const counted = await open.db.execute(sql`select count(*)::int as n from review_events`);
		stored = Number(((counted as { rows?: { n: number }[] }).rows ?? (counted as unknown as { n: number }[]))[0]!.n);
	} finally {
		await open.close();
	}
	log(`${kind}: the same rows by plain INSERT in ${insertSeconds.toFixed(2)} s; ${stored} rows in review_events`);
	return { kind, apiPerS: (PUSHES * PER_PUSH) / apiSeconds, insertPerS: (PUSHES * PER_PUSH) / insertSeconds, pushMs, stored };
}

function rows(f: Figures): BenchRow[] {
	const ratio = f.apiPerS / f.insertPerS;
	const sorted = [...f.pushMs].sort((a, b) => a - b);
	const expected = 2 * (WARMUP + PUSHES) * PER_PUSH;
	return [
		{
			what: `${f.kind}: sync ingest through POST /api/sync ÷ plain multi-row INSERT`,
			figure: `${ratio.toFixed(2)} × (${Math.round(f.apiPerS).toLocaleString('en')} vs ${Math.round(f.insertPerS).toLocaleString('en')} events/s)`,
			goal: '≥ 0.5',
			met: ratio >= 0.5 && f.stored === expected
		},
		{
			what: `… ${f.kind}: one push of 1,000 events (median, slowest of ${PUSHES})`,
			figure: `${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms, ${sorted.at(-1)!.toFixed(0)} ms`,
			goal: '—',
			met: null
		}
	];
}

export async function bench(ctx: BenchContext): Promise<BenchSection> {
	const figures = [await measure('PGlite', undefined, ctx.log)];
	if (ctx.postgresUrl) {
		const scratch = await createScratchDatabase(ctx.postgresUrl);
		try {
			figures.push(await measure('PostgreSQL', scratch.url, ctx.log));
		} finally {
			await scratch.drop();
		}
	}
	return {
		title: 'Sync ingest',
		rows: figures.flatMap(rows),
		notes: [
			`**Ingest**: the built server (\`node build\`) on its own database; ${PHONES} phones join with the demo code and push a learner's history (built-in item ids, both directions, grades mostly Good, sessions spread over weeks, so pushes add to cards that already have history) in ${PUSHES} pushes of ${PER_PUSH} events, one after another over one keep-alive connection, after ${WARMUP} warm-up pushes. Events/s = events ÷ the summed request times. Each push is a whole sync: session check, rate limit, advisory lock, insert with dedupe, \`item_state\` replayed for every touched card, the acknowledgement and the pull.`,
			`**Baseline**: the same rows with new ids, one plain \`INSERT INTO review_events (...) VALUES ...\` of 1,000 rows per statement over one connection, in the same database right after (\`seq\` and \`received_at\` from their defaults). On PGlite the server is stopped first (it holds the folder's lock) and the folder is opened in this process with \`openDatabase\`; on PostgreSQL it is a scratch database made for the run and dropped after. Every pushed and inserted row is counted at the end.`,
			'**What limits it**: replaying each touched card\'s whole log with ts-fsrs (the price of deriving `item_state` on the server) and the JSON in and out; the baseline does neither.'
		]
	};
}
