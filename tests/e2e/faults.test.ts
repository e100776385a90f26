import { createScratchDatabase, postgresAnswers, type ScratchDatabase } from '../../scripts/scratch-postgres';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { uuidv7 } from 'uuidv7';
import { startServer } from './server';

/**
 * The server is killed (SIGKILL) while pushes are in flight, then restarted on the same
 * database; the phone retries everything it has not had acknowledged. Every event must end up
 * stored exactly once. Runs on the embedded database, and on PostgreSQL when one answers.
 */
const PG = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';


/** Counts stored events with a second process reading the same database after the server stopped. */
async function countEvents(databaseUrl: string): Promise<{ total: number; distinct: number }> {
	const script = `
		import('${join(import.meta.dirname, '../../src/lib/server/db/index.ts')}').then(async ({ openDatabase }) => {
			const { db, close } = await openDatabase(process.env.DB);
			const { sql } = await import('drizzle-orm');
			const r = await db.execute(sql\`select count(*)::int as total, count(distinct id)::int as distinct from review_events\`);
			console.log(JSON.stringify((r.rows ?? r)[0]));
			await close();
		});`;
	const out = await new Promise<string>((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { env: { ...process.env, DB: databaseUrl } });
		let text = '';
		child.stdout.on('data', (d) => (text += d));
		child.stderr.on('data', (d) => (text += d));
		child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(text))));
	});
	return JSON.parse(out.trim().split('\n').at(-1)!);
}

// PostgreSQL is tested where a server answers (CI has one); the embedded database always.
const kinds = (await postgresAnswers(PG)) ? (['pglite', 'postgres'] as const) : (['pglite'] as const);

for (const kind of kinds) {
	test(`a server killed mid-push loses nothing and stores nothing twice (${kind})`, async () => {
		test.setTimeout(180_000);
		// PostgreSQL: a database of its own, dropped at the end (the embedded one is a temporary folder).
		const scratch: ScratchDatabase | undefined = kind === 'postgres' ? await createScratchDatabase(PG, 'an_fault') : undefined;
		const databaseUrl = scratch?.url;
		let server = await startServer({ databaseUrl });
		const headers = (cookie = '') => ({ 'content-type': 'application/json', accept: 'application/json', origin: server.url, cookie });
		const join = await fetch(server.url + '/api/join', { method: 'POST', headers: headers(), body: JSON.stringify({ code: 'DEMO24', name: 'Amina' }) });
		const cookie = join.headers.get('set-cookie')!.split(';')[0]!;
		const t0 = Date.now() - 30 * 86_400_000;
		const events = Array.from({ length: 5000 }, (_, i) => ({ id: uuidv7(), itemId: `warehouse.item-${i % 200}`, direction: 'recognise', kind: 'listen-choose', grade: 1 + (i % 4), at: t0 + i * 60_000, durationMs: 1500, deviceId: 'phone' }));
		const batches = Array.from({ length: 5 }, (_, b) => events.slice(b * 1000, (b + 1) * 1000));
		const push = (batch: typeof events) =>
			fetch(server.url + '/api/sync', { method: 'POST', headers: headers(cookie), body: JSON.stringify({ deviceId: 'phone', cursor: 0, events: batch }) })
				.then(async (r) => (r.ok ? ((await r.json()) as { accepted: string[] }).accepted : []))
				.catch(() => [] as string[]);

		// All five batches in flight at once, and the server killed while they are being stored.
		const inFlight = batches.map(push);
		await new Promise((r) => setTimeout(r, 150));
		await server.kill();
		const acknowledged = new Set((await Promise.all(inFlight)).flat());

		// Restart on the same database; the phone retries what was not acknowledged, twice for good measure.
		server = await startServer({ databaseUrl: server.databaseUrl, port: server.port });
		for (let round = 0; round < 2; round++) {
			for (const batch of batches) {
				const pending = round === 0 ? batch.filter((e) => !acknowledged.has(e.id)) : batch;
				if (pending.length) for (const id of await push(pending)) acknowledged.add(id);
			}
		}
		expect(acknowledged.size).toBe(events.length);
		await server.stop();
		// A fresh database: every stored event is one of these.
		const counted = await countEvents(server.databaseUrl);
		await scratch?.drop();
		expect(counted).toEqual({ total: 5000, distinct: 5000 });
	});
}
