import { expect, test } from '@playwright/test';
import { DEMO } from '../../src/lib/server/seed';
import { LIMITS } from '../../src/lib/server/auth/rate-limit';
import { freePort, startServer, type RunningServer } from './server';

/**
 * Staff sessions over HTTP, as a browser sends them: a new token at each login, none valid after
 * logout, "log out everywhere" or a password change, cookie flags, and the login rate limit with
 * its real figures. The server's origin is 127.0.0.1, not localhost, so that SvelteKit sets the
 * Secure flag as it does on a real https site (it leaves it off only for http://localhost).
 */
let server: RunningServer;
let base: string;
async function start() {
	const port = await freePort();
	base = `http://127.0.0.1:${port}`;
	server = await startServer({ port, env: { ORIGIN: base } });
}
test.beforeAll(start);
test.afterAll(async () => {
	await server?.stop();
});

function form(path: string, fields: Record<string, string>, cookie = '') {
	return fetch(base + path, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, cookie, accept: 'text/html' },
		body: new URLSearchParams(fields)
	});
}
const cookieOf = (res: Response) => res.headers.get('set-cookie')?.split(';')[0] ?? '';

async function login(email: string, password: string = DEMO.password) {
	const res = await form('/login', { email, password });
	return { status: res.status, cookie: cookieOf(res), header: res.headers.get('set-cookie') ?? '', location: res.headers.get('location') };
}

/** Whether a cookie still opens a staff page (a redirect to /login means it does not). */
async function signedIn(cookie: string) {
	const res = await fetch(base + '/teach', { redirect: 'manual', headers: { cookie } });
	return res.status === 200;
}

test('each login makes a new session token with safe cookie flags; logout ends it', async () => {
	const first = await login(DEMO.teacher);
	expect(first.status).toBe(303);
	expect(first.header).toMatch(/^an_session=[A-Za-z0-9_-]{43};/);
	expect(first.header).toMatch(/; HttpOnly/i);
	expect(first.header).toMatch(/; SameSite=Lax/i);
	expect(first.header).toMatch(/; Secure/i);
	expect(first.header).toMatch(/; Path=\//i);
	// Expires within the staff lifetime (12 idle hours), never a year.
	const expires = Date.parse(/Expires=([^;]+)/i.exec(first.header)![1]!);
	expect(expires - Date.now()).toBeLessThanOrEqual(12 * 3_600_000 + 60_000);
	expect(expires - Date.now()).toBeGreaterThan(11 * 3_600_000);

	// Logging in again, even from a browser that still has a session, gives a new token.
	const res = await form('/login', { email: DEMO.teacher, password: DEMO.password }, first.cookie);
	const second = cookieOf(res);
	expect(second).not.toBe(first.cookie);
	expect(await signedIn(first.cookie)).toBe(true);
	expect(await signedIn(second)).toBe(true);

	const out = await form('/logout?/here', {}, second);
	expect(out.status).toBe(303);
	expect(out.headers.get('set-cookie')).toMatch(/an_session=;.*Max-Age=0/i);
	expect(await signedIn(second)).toBe(false);
	// Only that session: the other one is still in.
	expect(await signedIn(first.cookie)).toBe(true);

	await form('/logout?/everywhere', {}, first.cookie);
	expect(await signedIn(first.cookie)).toBe(false);
	// A token sent after logout is not just refused, it is removed from the browser.
	const gone = await fetch(base + '/teach', { redirect: 'manual', headers: { cookie: first.cookie } });
	expect(gone.headers.get('set-cookie')).toMatch(/an_session=;/);
});

test('a new password ends every other session and the old password; this browser stays in with a new token', async () => {
	const email = DEMO.specialist;
	const laptop = (await login(email)).cookie;
	const phone = (await login(email)).cookie;
	expect(await signedIn(laptop)).toBe(true);

	// Bad input changes nothing and says what is wrong.
	for (const [fields, message] of [
		[{ current: DEMO.password, next: 'kort', repeat: 'kort' }, 'minst 10 tegn'],
		[{ current: DEMO.password, next: 'et-langt-passord-1', repeat: 'et-langt-passord-2' }, 'ikke like'],
		[{ current: 'feil-passord-123', next: 'et-langt-passord-1', repeat: 'et-langt-passord-1' }, 'feil'],
		[{ next: 'et-langt-passord-1', repeat: 'et-langt-passord-1' }, 'Skriv passordet du har nå']
	] as const) {
		const res = await form('/account?/password', fields, laptop);
		expect(res.status).toBe(400);
		expect(await res.text()).toContain(message);
	}
	expect(await signedIn(phone)).toBe(true);

	const changed = await form('/account?/password', { current: DEMO.password, next: 'nytt-passord-2026', repeat: 'nytt-passord-2026' }, laptop);
	expect(changed.status).toBe(200);
	const fresh = cookieOf(changed);
	expect(fresh).not.toBe(laptop);
	expect(await signedIn(fresh)).toBe(true);
	expect(await signedIn(laptop)).toBe(false);
	expect(await signedIn(phone)).toBe(false);

	expect((await login(email)).status).toBe(400);
	expect((await login(email, 'nytt-passord-2026')).status).toBe(303);
});

test('after login, only a path on this site is followed', async () => {
	for (const next of ['//evil.example', '/\\evil.example', 'https://evil.example']) {
		const res = await form(`/login?next=${encodeURIComponent(next)}`, { email: DEMO.teacher, password: DEMO.password });
		expect(res.headers.get('location')).toBe('/teach');
	}
	const res = await form(`/login?next=${encodeURIComponent('/teach/sets')}`, { email: DEMO.teacher, password: DEMO.password });
	expect(res.headers.get('location')).toBe('/teach/sets');
});

test(`logins: after ${LIMITS.login.max} wrong passwords for an account, even the right one must wait`, async () => {
	// A fresh server: the earlier tests' wrong passwords count against this address too.
	await server.stop();
	await start();
	const email = DEMO.otherTeacher;
	for (let i = 0; i < LIMITS.login.max; i++) expect((await login(email, `wrong-${i}-password`)).status).toBe(400);
	const blocked = await login(email);
	expect(blocked.status).toBe(429);
	expect(blocked.cookie).toBe('');
});
