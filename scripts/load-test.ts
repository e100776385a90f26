/**
 * Many phones syncing at once against a running server, then a count that every review event
 * sent was stored exactly once. Reusable: `tests/bench/35-load.bench.ts` calls `runLoad`, and it
 * runs alone against any deployment:
 *
 *   npx tsx scripts/load-test.ts --url http://localhost:3000 --phones 500 --seconds 30
 *     [--code DEMO24] [--period 5] [--requests 20000]
 *
 * Each simulated phone joins with `--code` (a group code; right codes are not rate limited), so
 * it has its own participant and device session, exactly as a real phone does. Then every phone
 * syncs every `--period` seconds (±20 %, first sync at a random moment of the first period, as
 * phones are not in step), pushing what it "answered" since: 5–50 answers on the first sync, 1–20
 * after. One push in ten also carries the previous push again, as a phone does when the
 * answer to a push was lost, so the server's dedupe is exercised under load. The run stops at
 * `--seconds` or `--requests`, whichever comes first; in-flight pushes are awaited.
 *
 * Afterwards each phone sends what was not acknowledged (its outbox), and a second device of the
 * same participant pulls the whole log from cursor 0: it must hold exactly the distinct ids the
 * phone sent, each once. This counts through the API, so it works against any server; the
 * benchmark also counts rows in the database.
 *
 * The sync limit is 120 a minute per participant (LIMITS.sync); a phone here syncs 60/period
 * times a minute (12 at the default), and real phones far less (on start, on return to the app,
 * after each session).
 */
import http from 'node:http';
import https from 'node:https';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { uuidv7 } from 'uuidv7';
import { EXERCISE_KINDS } from '../src/lib/practice/card';
import { LIMITS } from '../src/lib/server/auth/rate-limit';
import type { SyncEvent, SyncResponse } from '../src/lib/sync/protocol';

const root = join(import.meta.dirname, '..');

/** The built-in item ids, from the compiled packs (`npx tsx scripts/build-content.ts`). */
export function builtInItemIds(): string[] {
	const dir = join(root, 'static', 'packs');
	const ids = readdirSync(dir)
		.filter((f) => f.endsWith('.json') && f !== 'index.json')
		.flatMap((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { items: { id: string }[] }).items.map((i) => i.id));
	if (!ids.length) throw new Error('no packs in static/packs: run `npx tsx scripts/build-content.ts` first');
	return ids;
}

/** A small deterministic random source, so runs are comparable. */
export function random(seed: number) {
	let s = seed >>> 0 || 1;
	return () => {
		s ^= s << 13;
		s ^= s >>> 17;
		s ^= s << 5;
		return (s >>> 0) / 2 ** 32;
	};
}

/**
 * A learner's answers as a phone records them: sessions of a few minutes, a working set of
 * items that grows as new ones are introduced, both directions, mostly right answers.
 */
export class SimulatedLearner {
	#rand: () => number;
	#items: string[];
	#known = 0;
	#at: number;

	constructor(
		itemIds: string[],
		readonly deviceId: string,
		seed: number,
		start = Date.now() - 180 * 86_400_000
	) {
		this.#rand = random(seed);
		// Each learner studies a few sets: a contiguous run of the library from a random place.
		const from = Math.floor(this.#rand() * itemIds.length);
		this.#items = [...itemIds.slice(from), ...itemIds.slice(0, from)].slice(0, 300);
		this.#at = start;
	}

	next(count: number): SyncEvent[] {
		const out: SyncEvent[] = [];
		for (let i = 0; i < count; i++) {
			// A session of 30 answers or so a day, a few seconds apart; never ahead of now, never back in time.
			if (this.#rand() < 0.03) this.#at += Math.floor(86_400_000 * (0.5 + this.#rand()));
			this.#at = Math.min(Date.now(), this.#at + 5_000 + Math.floor(this.#rand() * 25_000));
			if (this.#known < this.#items.length && (this.#known < 5 || this.#rand() < 0.15)) this.#known++;
			const itemId = this.#items[Math.floor(this.#rand() * this.#known)]!;
			const r = this.#rand();
			out.push({
				id: uuidv7(),
				itemId,
				direction: this.#rand() < 0.6 ? 'recognise' : 'produce',
				kind: EXERCISE_KINDS[Math.floor(this.#rand() * EXERCISE_KINDS.length)] as SyncEvent['kind'],
				grade: r < 0.15 ? 1 : r < 0.3 ? 2 : r < 0.85 ? 3 : 4,
				at: this.#at,
				durationMs: 1_000 + Math.floor(this.#rand() * 9_000),
				deviceId: this.deviceId
			});
		}
		return out;
	}
}

export interface HttpResult {
	status: number;
	ms: number;
	body: string;
	setCookie?: string;
}

/** One JSON POST over a keep-alive connection, timed from send to the last byte. */
export function postJson(agent: http.Agent, url: string, path: string, body: unknown, cookie = ''): Promise<HttpResult> {
	const target = new URL(path, url);
	const payload = Buffer.from(JSON.stringify(body));
	const started = performance.now();
	const request = target.protocol === 'https:' ? https.request : http.request;
	return new Promise((resolve, reject) => {
		const req = request(
			target,
			{
				method: 'POST',
				agent,
				headers: { 'content-type': 'application/json', accept: 'application/json', origin: new URL(url).origin, 'content-length': payload.length, ...(cookie ? { cookie } : {}) }
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, body: Buffer.concat(chunks).toString('utf8'), setCookie: res.headers['set-cookie']?.[0] })
				);
				res.on('error', reject);
			}
		);
		req.setTimeout(60_000, () => req.destroy(new Error('timed out after 60 s')));
		req.on('error', (e: NodeJS.ErrnoException) => {
			// The server closed an idle keep-alive connection just as this request went out on it:
			// nothing reached the server, so send it again on a new connection, as browsers do.
			if (req.reusedSocket && e.code === 'ECONNRESET') postJson(agent, url, path, body, cookie).then(resolve, reject);
			else reject(e);
		});
		req.end(payload);
	});
}

export interface Phone {
	participantId: string;
	cookie: string;
	deviceId: string;
}

/** `count` phones join with `code`, `concurrency` at a time; each gets its own participant and device session. */
export async function joinPhones(url: string, count: number, code = 'DEMO24', concurrency = 8): Promise<Phone[]> {
	const agent = new (url.startsWith('https') ? https.Agent : http.Agent)({ keepAlive: true, maxSockets: concurrency });
	const phones: Phone[] = new Array(count);
	let next = 0;
	const worker = async () => {
		for (let i = next++; i < count; i = next++) {
			const r = await postJson(agent, url, '/api/join', { code, name: `Last ${i + 1}` });
			if (r.status !== 200 || !r.setCookie) throw new Error(`join ${i + 1} failed: ${r.status} ${r.body}`);
			const { participant } = JSON.parse(r.body) as { participant: { id: string } };
			phones[i] = { participantId: participant.id, cookie: r.setCookie.split(';')[0]!, deviceId: `load-${i + 1}-${uuidv7().slice(-8)}` };
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
	agent.destroy();
	return phones;
}

export interface LoadOptions {
	url: string;
	phones: number;
	seconds: number;
	/** Upper bound on pushes during the timed run (the outbox flush and the check come after). */
	requests?: number;
	/** Seconds between one phone's syncs. */
	period?: number;
	code?: string;
	/** Events in a phone's first push: what it recorded before (between these two, uniformly). */
	backlog?: [number, number];
	/** Events per later push. */
	perSync?: [number, number];
	/** Share of pushes that also resend the previous push (a lost acknowledgement). */
	retryShare?: number;
	seed?: number;
	/** Phones made beforehand (else they join with `code`). */
	joined?: Phone[];
	log?: (message: string) => void;
}

export interface LoadResult {
	phones: number;
	seconds: number;
	requests: number;
	/** Non-2xx answers and network errors during the timed run. */
	errors: number;
	errorSamples: string[];
	statuses: Record<string, number>;
	latencyMs: { p50: number; p95: number; p99: number; max: number };
	/** Pushes per second over the timed run, and the most requests in flight at one moment. */
	throughput: number;
	peakInFlight: number;
	/** Events pushed (with resends) and distinct ids sent. */
	eventsPushed: number;
	eventsResent: number;
	distinctSent: number;
	/** Pushes made afterwards to flush what was not acknowledged (0 when every push got its answer). */
	flushPushes: number;
	/** Counted through the API: events a second device pulls, and whether they are exactly the ids sent. */
	storedCounted: number;
	exactlyOnce: boolean;
	mismatch: string[];
	/** The joined phones, so a caller can count in the database too. */
	joined: Phone[];
}

const between = (rand: () => number, [lo, hi]: [number, number]) => lo + Math.floor(rand() * (hi - lo + 1));
const pct = (sortedMs: number[], p: number) => sortedMs[Math.min(sortedMs.length - 1, Math.floor(sortedMs.length * p))] ?? 0;

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
	const { url, seconds, period = 5, code = 'DEMO24', backlog = [5, 50], perSync = [1, 20], retryShare = 0.1, seed = 8, log = () => {} } = options;
	const maxRequests = options.requests ?? Number.POSITIVE_INFINITY;
	const perMinute = 60 / (period * 0.8);
	if (perMinute > LIMITS.sync.max) throw new Error(`a phone would sync up to ${perMinute.toFixed(0)} times a minute; the server allows ${LIMITS.sync.max}: use a longer --period`);

	const phones = options.joined ?? (log(`joining ${options.phones} phones with ${code}…`), await joinPhones(url, options.phones, code));
	const itemIds = builtInItemIds();
	const rand = random(seed);
	const agent = new (url.startsWith('https') ? https.Agent : http.Agent)({ keepAlive: true, maxSockets: phones.length + 10 });
	const latencies: number[] = [];
	const statuses: Record<string, number> = {};
	const errorSamples: string[] = [];
	let errors = 0;
	let sent = 0;
	let inFlight = 0;
	let peakInFlight = 0;
	let eventsPushed = 0;
	let eventsResent = 0;

	interface PhoneState {
		phone: Phone;
		learner: SimulatedLearner;
		cursor: number;
		sent: Map<string, SyncEvent>;
		acked: Set<string>;
		previous: SyncEvent[];
	}
	const states: PhoneState[] = phones.map((phone, i) => ({ phone, learner: new SimulatedLearner(itemIds, phone.deviceId, seed * 100_003 + i), cursor: 0, sent: new Map(), acked: new Set(), previous: [] }));

	const push = async (s: PhoneState, events: SyncEvent[]) => {
		const r = await postJson(agent, url, '/api/sync', { deviceId: s.phone.deviceId, cursor: s.cursor, events }, s.phone.cookie);
		if (r.status === 200) {
			const body = JSON.parse(r.body) as SyncResponse;
			s.cursor = body.cursor;
			for (const id of body.accepted) s.acked.add(id);
		}
		return r;
	};

	const started = performance.now();
	const deadline = started + seconds * 1000;
	const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
	log(`${phones.length} phones sync every ${period} s for ${seconds} s (about ${(phones.length / period).toFixed(0)} pushes a second offered)…`);
	await Promise.all(
		states.map(async (s) => {
			let due = started + rand() * period * 1000;
			let first = true;
			for (;;) {
				await sleep(Math.min(due, deadline) - performance.now());
				if (performance.now() >= deadline || sent >= maxRequests) return;
				sent++;
				const fresh = s.learner.next(between(rand, first ? backlog : perSync));
				const resend = !first && rand() < retryShare ? s.previous : [];
				const events = [...resend, ...fresh];
				first = false;
				for (const e of events) s.sent.set(e.id, e);
				eventsPushed += events.length;
				eventsResent += resend.length;
				s.previous = fresh;
				inFlight++;
				peakInFlight = Math.max(peakInFlight, inFlight);
				try {
					const r = await push(s, events);
					latencies.push(r.ms);
					statuses[r.status] = (statuses[r.status] ?? 0) + 1;
					if (r.status !== 200) {
						errors++;
						if (errorSamples.length < 5) errorSamples.push(`${r.status} ${r.body.slice(0, 200)}`);
					}
				} catch (e) {
					errors++;
					statuses.network = (statuses.network ?? 0) + 1;
					if (errorSamples.length < 5) errorSamples.push(String(e));
				} finally {
					inFlight--;
				}
				due += period * 1000 * (0.8 + 0.4 * rand());
			}
		})
	);
	const elapsed = (performance.now() - started) / 1000;

	// The outbox: whatever was not acknowledged is sent again, as the phone would.
	let flushPushes = 0;
	for (const s of states) {
		for (let round = 0; round < 3; round++) {
			const pending = [...s.sent.values()].filter((e) => !s.acked.has(e.id));
			if (!pending.length) break;
			for (let i = 0; i < pending.length; i += 1000) {
				flushPushes++;
				await push(s, pending.slice(i, i + 1000)).catch(() => undefined);
			}
		}
	}

	// Count through the API: a second device of each participant pulls the whole log.
	const mismatch: string[] = [];
	let storedCounted = 0;
	const checkers = Array.from({ length: 8 }, async (_, w) => {
		for (let i = w; i < states.length; i += 8) {
			const s = states[i]!;
			const seen = new Map<string, number>();
			let cursor = 0;
			for (;;) {
				const r = await postJson(agent, url, '/api/sync', { deviceId: `${s.phone.deviceId}-check`, cursor, events: [] }, s.phone.cookie);
				if (r.status !== 200) {
					mismatch.push(`phone ${i + 1}: check pull got ${r.status}`);
					break;
				}
				const body = JSON.parse(r.body) as SyncResponse;
				for (const e of body.events) seen.set(e.id, (seen.get(e.id) ?? 0) + 1);
				if (body.events.length < 5000 || body.cursor === cursor) break;
				cursor = body.cursor;
			}
			storedCounted += [...seen.values()].reduce((a, b) => a + b, 0);
			const twice = [...seen.values()].filter((n) => n > 1).length;
			const missing = [...s.sent.keys()].filter((id) => !seen.has(id)).length;
			const extra = [...seen.keys()].filter((id) => !s.sent.has(id)).length;
			if (twice || missing || extra) mismatch.push(`phone ${i + 1}: ${missing} missing, ${extra} not sent, ${twice} twice`);
		}
	});
	await Promise.all(checkers);
	agent.destroy();

	const sortedMs = [...latencies].sort((a, b) => a - b);
	const distinctSent = states.reduce((n, s) => n + s.sent.size, 0);
	return {
		phones: phones.length,
		seconds: elapsed,
		requests: latencies.length + (statuses.network ?? 0),
		errors,
		errorSamples,
		statuses,
		latencyMs: { p50: pct(sortedMs, 0.5), p95: pct(sortedMs, 0.95), p99: pct(sortedMs, 0.99), max: sortedMs.at(-1) ?? 0 },
		throughput: latencies.length / elapsed,
		peakInFlight,
		eventsPushed,
		eventsResent,
		distinctSent,
		flushPushes,
		storedCounted,
		exactlyOnce: mismatch.length === 0 && storedCounted === distinctSent,
		mismatch,
		joined: phones
	};
}

export function describeLoad(r: LoadResult): string {
	const f = (x: number) => `${x.toFixed(0)} ms`;
	return [
		`${r.phones} phones, ${r.seconds.toFixed(1)} s: ${r.requests} pushes (${r.throughput.toFixed(0)}/s, at most ${r.peakInFlight} in flight), ${r.errors} errors ${JSON.stringify(r.statuses)}`,
		`latency p50 ${f(r.latencyMs.p50)}, p95 ${f(r.latencyMs.p95)}, p99 ${f(r.latencyMs.p99)}, max ${f(r.latencyMs.max)}`,
		`events: ${r.eventsPushed} pushed (${r.eventsResent} of them resent), ${r.distinctSent} distinct, ${r.storedCounted} stored (counted through the API), ${r.flushPushes} outbox pushes afterwards`,
		r.exactlyOnce ? 'every event stored exactly once' : `NOT exactly once: ${r.mismatch.slice(0, 5).join('; ')}`,
		...r.errorSamples.map((e) => `error: ${e}`)
	].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const { values } = parseArgs({
		options: {
			url: { type: 'string' },
			phones: { type: 'string', default: '500' },
			seconds: { type: 'string', default: '30' },
			requests: { type: 'string' },
			period: { type: 'string', default: '5' },
			code: { type: 'string', default: 'DEMO24' }
		}
	});
	if (!values.url) {
		console.error('usage: npx tsx scripts/load-test.ts --url http://localhost:3000 [--phones 500] [--seconds 30] [--period 5] [--requests N] [--code DEMO24]');
		process.exit(2);
	}
	const result = await runLoad({
		url: values.url,
		phones: Number(values.phones),
		seconds: Number(values.seconds),
		requests: values.requests ? Number(values.requests) : undefined,
		period: Number(values.period),
		code: values.code,
		log: (m) => console.log(m)
	});
	console.log(describeLoad(result));
	process.exit(result.errors === 0 && result.exactlyOnce ? 0 : 1);
}
