import { expect, test } from '@playwright/test';
import { uuidv7 } from 'uuidv7';
import { createScratchDatabase, postgresAnswers, type ScratchDatabase } from '../../scripts/scratch-postgres';
import { startServer, type RunningServer } from './server';

/**
 * Two server processes on one PostgreSQL behave as one server: sessions, rate limits, grants and
 * the review log live in the database, not in either process. Both are started at once on an
 * empty database (so migrations and the demo seed must not race), and every step crosses from
 * one to the other.
 *
 * `scripts/scale-out.ts` runs this file against two `node build` processes it starts itself
 * (SCALE_OUT_URLS=a,b); on its own the test starts them. Needs PostgreSQL at 127.0.0.1:5432
 * (or TEST_DATABASE_URL), as CI has; skipped where none answers.
 */
const PG = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PASSWORD = 'demo-passord-2026';
const given = process.env.SCALE_OUT_URLS?.split(',');
const reachable = given ? true : await postgresAnswers(PG);

let a: string;
let b: string;
let scratch: ScratchDatabase | undefined;
let servers: RunningServer[] = [];

test.skip(!reachable, `PostgreSQL does not answer at ${PG.replace(/\/\/[^@]*@/, '//')}: two processes need a shared database (the embedded one is single-process)`);

test.beforeAll(async () => {
	test.setTimeout(90_000);
	if (given) {
		[a, b] = given as [string, string];
		return;
	}
	scratch = await createScratchDatabase(PG, 'an_scale');
	servers = await Promise.all([startServer({ databaseUrl: scratch.url }), startServer({ databaseUrl: scratch.url })]);
	[a, b] = servers.map((s) => s.url) as [string, string];
});
test.afterAll(async () => {
	await Promise.all(servers.map((s) => s.stop()));
	await scratch?.drop();
});

const cookieOf = (r: Response) => r.headers.get('set-cookie')!.split(';')[0]!;
const post = (server: string, path: string, body: unknown, cookie = '') =>
	fetch(server + path, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', origin: server, cookie }, body: JSON.stringify(body) });
const form = (server: string, path: string, fields: Record<string, string>, cookie = '') =>
	fetch(server + path, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: server, cookie },
		body: new URLSearchParams(fields)
	});
const page = async (server: string, path: string, cookie: string) => {
	const r = await fetch(server + path, { redirect: 'manual', headers: { cookie, accept: 'text/html' } });
	return { status: r.status, location: r.headers.get('location'), html: await r.text() };
};

function events(n: number, deviceId: string) {
	const t0 = Date.now() - 10 * 86_400_000;
	return Array.from({ length: n }, (_, i) => ({ id: uuidv7(), itemId: `safety.item-${i % 12}`, direction: 'recognise', kind: 'listen-choose', grade: 1 + (i % 4), at: t0 + i * 60_000, durationMs: 1500, deviceId }));
}

/** Every event of the participant, pulled by a device that pushed none. */
async function pullAll(server: string, cookie: string): Promise<string[]> {
	const r = await post(server, '/api/sync', { deviceId: `counter-${uuidv7()}`, cursor: 0, events: [] }, cookie);
	expect(r.status).toBe(200);
	return ((await r.json()) as { events: { id: string }[] }).events.map((e) => e.id);
}

test('two processes on one PostgreSQL: sessions, sync, sharing, logout and rate limits cross between them', async () => {
	test.setTimeout(120_000);
	// A phone joins on A and syncs through A while its teacher logs in on B.
	const joined = await post(a, '/api/join', { code: 'DEMO24', name: 'Amina' });
	expect(joined.status).toBe(200);
	const phone = cookieOf(joined);
	const participantId = ((await joined.json()) as { participant: { id: string } }).participant.id;
	const first = events(50, 'phone-1');
	const [pushed, login] = await Promise.all([post(a, '/api/sync', { deviceId: 'phone-1', cursor: 0, events: first }, phone), form(b, '/login', { email: 'larer@demo.no', password: PASSWORD })]);
	expect(pushed.status).toBe(200);
	expect(((await pushed.json()) as { accepted: string[] }).accepted).toHaveLength(50);
	expect(login.status).toBe(303);
	const teacher = cookieOf(login);

	// The phone's session from A works on B, and B serves what was pushed through A.
	expect((await pullAll(b, phone)).sort()).toEqual(first.map((e) => e.id).sort());

	// The teacher (signed in on B) sees the participant on both, but not their activity: not shared.
	const participantPage = `/teach/participants/${participantId}`;
	for (const server of [b, a]) {
		const view = await page(server, participantPage, teacher);
		expect(view.status).toBe(200);
		expect(view.html).toContain('data-testid="activity-not-shared"');
	}

	// Shared through A: the teacher's view through B shows it. Revoked through B: gone on A.
	expect((await post(a, '/api/sharing', { audience: 'teacher', scope: 'activity', granted: true }, phone)).status).toBe(200);
	const shared = await page(b, participantPage, teacher);
	expect(shared.html).toContain('data-testid="activity"');
	expect(shared.html).not.toContain('activity-not-shared');
	expect((await post(b, '/api/sharing', { audience: 'teacher', scope: 'activity', granted: false }, phone)).status).toBe(200);
	expect((await page(a, participantPage, teacher)).html).toContain('data-testid="activity-not-shared"');

	// The same push reaches A and B at the same moment (a retry racing the original): stored once.
	const twice = events(300, 'phone-1');
	const both = await Promise.all([a, b].map((s) => post(s, '/api/sync', { deviceId: 'phone-1', cursor: 0, events: twice }, phone)));
	for (const r of both) {
		expect(r.status).toBe(200);
		expect(((await r.json()) as { accepted: string[] }).accepted.sort()).toEqual(twice.map((e) => e.id).sort());
	}
	const stored = await pullAll(a, phone);
	expect(stored).toHaveLength(350);
	expect(new Set(stored).size).toBe(350);

	// Logging out on A ends the session on B too: the phone's and the teacher's.
	expect((await post(a, '/api/logout', {}, phone)).status).toBe(200);
	expect((await post(b, '/api/sync', { deviceId: 'phone-1', cursor: 0, events: [] }, phone)).status).toBe(401);
	expect((await form(a, '/logout?/here', {}, teacher)).status).toBe(303);
	const after = await page(b, participantPage, teacher);
	expect(after.status).toBe(303);
	expect(after.location).toMatch(/^\/login/);
});

test('wrong join codes split across both processes meet one shared limit', async () => {
	// LIMITS.joinCode: 10 wrong codes per address in 15 minutes, counted in the database.
	for (let i = 0; i < 10; i++) {
		const r = await post(i % 2 ? b : a, '/api/join', { code: `WRONG${i}X`, name: 'Guess' });
		expect(r.status, `wrong code ${i + 1} on ${i % 2 ? 'B' : 'A'}`).toBe(400);
	}
	for (const server of [a, b]) expect((await post(server, '/api/join', { code: 'WRONG99X', name: 'Guess' })).status).toBe(429);
});
