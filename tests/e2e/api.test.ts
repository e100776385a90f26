import { expect, test } from '@playwright/test';
import { uuidv7 } from 'uuidv7';
import { startServer, type RunningServer } from './server';

let server: RunningServer;
test.beforeAll(async () => {
	server = await startServer();
});
test.afterAll(async () => {
	await server?.stop();
});

/** A phone's session cookie, by joining the demo group. */
async function joinDemo(name = 'Test'): Promise<string> {
	const res = await post('/api/join', { code: 'DEMO24', name });
	expect(res.status).toBe(200);
	return res.headers.get('set-cookie')!.split(';')[0]!;
}

function post(path: string, body: unknown, { cookie = '', origin = server.url, type = 'application/json', raw }: { cookie?: string; origin?: string; type?: string; raw?: string } = {}) {
	return fetch(server.url + path, {
		method: 'POST',
		headers: { 'content-type': type, accept: 'application/json', origin, cookie },
		body: raw ?? JSON.stringify(body)
	});
}

const event = (over: Record<string, unknown> = {}) => ({ id: uuidv7(), itemId: 'safety.stop', direction: 'recognise', kind: 'listen-choose', grade: 3, at: Date.now() - 1000, durationMs: 1200, deviceId: 'p1', ...over });

test('sync: a malformed body gets 400 naming the wrong field, and stores nothing', async () => {
	const cookie = await joinDemo();
	const good = event();
	const cases: [unknown, RegExp][] = [
		[{ deviceId: 'p1', cursor: 0, events: [good, event({ grade: 7 })] }, /events\.1\.grade/],
		[{ deviceId: 'p1', cursor: -1, events: [] }, /cursor/],
		[{ deviceId: 'p1', cursor: 0, events: [event({ id: 'not-a-uuid' })] }, /events\.0\.id/],
		[{ deviceId: 'p1', cursor: 0, events: [event({ itemId: '<script>' })] }, /events\.0\.itemId/],
		[{ deviceId: 'p1', cursor: 0 }, /events/],
		[{ deviceId: 'p1', cursor: 0, events: [], extra: 1 }, /extra/]
	];
	for (const [body, field] of cases) {
		const res = await post('/api/sync', body, { cookie });
		expect(res.status).toBe(400);
		expect(((await res.json()) as { message: string }).message).toMatch(field);
	}
	const bad = await post('/api/sync', null, { cookie, raw: '{"deviceId":' });
	expect(bad.status).toBe(400);
	// Nothing of the half-good batch was stored: a fresh pull from another device finds nothing.
	const pull = await post('/api/sync', { deviceId: 'other', cursor: 0, events: [] }, { cookie });
	expect(((await pull.json()) as { events: unknown[] }).events).toEqual([]);
});

test('sync: more than 1,000 events or 1 MB is refused whole', async () => {
	const cookie = await joinDemo();
	const tooMany = await post('/api/sync', { deviceId: 'p1', cursor: 0, events: Array.from({ length: 1001 }, () => event()) }, { cookie });
	expect(tooMany.status).toBe(400);
	expect(((await tooMany.json()) as { message: string }).message).toMatch(/events: at most 1000/);
	const huge = await post('/api/sync', null, { cookie, raw: JSON.stringify({ deviceId: 'x'.repeat(2_000_000), cursor: 0, events: [] }) });
	expect(huge.status).toBe(413);
});

test('sync: the same push twice stores each event once', async () => {
	const cookie = await joinDemo();
	const events = [event(), event({ itemId: 'safety.helmet' })];
	for (let i = 0; i < 2; i++) {
		const res = await post('/api/sync', { deviceId: 'p1', cursor: 0, events }, { cookie });
		expect(res.status).toBe(200);
		expect(((await res.json()) as { accepted: string[] }).accepted.sort()).toEqual(events.map((e) => e.id).sort());
	}
	const other = (await (await post('/api/sync', { deviceId: 'p2', cursor: 0, events: [] }, { cookie })).json()) as { events: { id: string }[] };
	expect(other.events.map((e) => e.id).sort()).toEqual(events.map((e) => e.id).sort());
});

test('JSON endpoints refuse other origins, other content types and missing sessions', async () => {
	const cookie = await joinDemo();
	expect((await post('/api/sync', { deviceId: 'p', cursor: 0, events: [] }, { cookie, origin: 'https://evil.example' })).status).toBe(403);
	expect((await post('/api/sync', { deviceId: 'p', cursor: 0, events: [] }, { cookie, type: 'text/plain' })).status).toBe(415);
	expect((await post('/api/sync', { deviceId: 'p', cursor: 0, events: [] })).status).toBe(401);
	expect((await post('/api/sharing', { audience: 'teacher', scope: 'activity', granted: true })).status).toBe(401);
});

test('session cookies are httpOnly and SameSite=Lax; pages carry security headers', async () => {
	const res = await post('/api/join', { code: 'DEMO24', name: 'Cookie' });
	const cookie = res.headers.get('set-cookie')!;
	expect(cookie).toMatch(/HttpOnly/i);
	expect(cookie).toMatch(/SameSite=Lax/i);
	const page = await fetch(server.url + '/login');
	expect(page.headers.get('x-content-type-options')).toBe('nosniff');
	expect(page.headers.get('permissions-policy')).toContain('microphone=(self)');
	expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
	expect(page.headers.get('content-security-policy')).not.toMatch(/script-src[^;]*unsafe-inline/);
});

test('join codes cannot be guessed: after 10 wrong codes an address must wait, right codes never count', async () => {
	const own = await startServer();
	const send = (code: string) =>
		fetch(own.url + '/api/join', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', origin: own.url }, body: JSON.stringify({ code, name: 'X' }) }).then((r) => r.status);
	// A whole class joins from one school network.
	for (let i = 0; i < 15; i++) expect(await send('DEMO24')).toBe(200);
	const wrong: number[] = [];
	for (let i = 0; i < 11; i++) wrong.push(await send(`WRONG${i}`));
	expect(wrong.slice(0, 10)).toEqual(Array(10).fill(400));
	expect(wrong[10]).toBe(429);
	// Locked out now, even with the right code, until the window passes.
	expect(await send('DEMO24')).toBe(429);
	await own.stop();
});

test('a participant downloads everything stored about them, and can delete it all', async () => {
	const cookie = await joinDemo('Sletter');
	const e = event();
	expect((await post('/api/sync', { deviceId: 'p1', cursor: 0, events: [e] }, { cookie })).status).toBe(200);
	const exported = await fetch(server.url + '/api/me/export', { headers: { cookie, accept: 'application/json' } });
	expect(exported.status).toBe(200);
	expect(exported.headers.get('content-disposition')).toMatch(/attachment/);
	expect(((await exported.json()) as { reviewEvents: { id: string }[] }).reviewEvents.map((r) => r.id)).toEqual([e.id]);

	const unconfirmed = await post('/api/me/delete', { confirm: 'yes' }, { cookie });
	expect(unconfirmed.status).toBe(400);
	expect(((await unconfirmed.json()) as { message: string }).message).toMatch(/confirm/);

	const deleted = await post('/api/me/delete', { confirm: 'DELETE' }, { cookie });
	expect(deleted.status).toBe(200);
	expect(deleted.headers.get('clear-site-data')).toContain('storage');
	expect((await fetch(server.url + '/api/me/export', { headers: { cookie, accept: 'application/json' } })).status).toBe(401);
	expect((await post('/api/sync', { deviceId: 'p1', cursor: 0, events: [] }, { cookie })).status).toBe(401);
});
