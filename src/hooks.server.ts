import type { Handle, ServerInit } from '@sveltejs/kit';
import { error, json } from '@sveltejs/kit';
import { building } from '$app/environment';
import { closeDatabase, database } from '$lib/server/database';
import { housekeeping } from '$lib/server/housekeeping';
import { SESSION_COOKIE, validateSession } from '$lib/server/auth/sessions';
import { MAX_JSON_BYTES, MAX_UPLOAD_BYTES } from '$lib/server/http/limits';
import { formProblem } from '$lib/server/http/text';

/** Migrate (and seed an empty demo database) before the first request; never while building. */
export const init: ServerInit = async () => {
	if (building) return;
	const db = await database();
	// Expired sessions, old codes and invites, and rate-limit rows (which hold IP addresses) are
	// deleted at start and then hourly (docs/privacy.md). A failed round is retried next hour.
	// Not awaited: requests need not wait for it.
	const tidy = () => housekeeping(db).catch((e) => console.error('housekeeping failed:', e));
	void tidy();
	const timer = setInterval(tidy, 3_600_000);
	timer.unref();
	// adapter-node stops taking requests on SIGTERM/SIGINT, then emits this: close the database
	// cleanly (PGlite checkpoints and releases its lock) so the process can end.
	process.once('sveltekit:shutdown' as never, () => {
		clearInterval(timer);
		void closeDatabase();
	});
};


const SECURITY_HEADERS: Record<string, string> = {
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'strict-origin-when-cross-origin',
	'Permissions-Policy': 'microphone=(self), camera=(self), geolocation=(), payment=(), usb=()',
	'X-Frame-Options': 'DENY',
	'Cross-Origin-Opener-Policy': 'same-origin'
};

export const handle: Handle = async ({ event, resolve }) => {
	const { request, url } = event;
	// SvelteKit checks the origin of form posts; JSON is ours to check. A cross-site page cannot
	// send application/json without a preflight we never grant, and must send its Origin.
	if (url.pathname.startsWith('/api/') && request.method !== 'GET' && request.method !== 'HEAD') {
		if (request.headers.get('origin') !== url.origin) return json({ error: 'cross-origin requests are not allowed' }, { status: 403 });
		// Uploads are raw bytes (checked by content in the endpoint); everything else is JSON.
		const upload = url.pathname === '/api/media' || url.pathname === '/api/recordings';
		// The media type exactly (`application/json; charset=utf-8` is JSON, `application/jsonx` is not).
		if (!upload && request.headers.get('content-type')?.split(';')[0]!.trim().toLowerCase() !== 'application/json') {
			return json({ error: 'the body must be application/json' }, { status: 415 });
		}
		const limit = upload ? MAX_UPLOAD_BYTES : MAX_JSON_BYTES;
		if (Number(request.headers.get('content-length') ?? 0) > limit) {
			return json({ error: `the body is larger than ${limit} bytes` }, { status: 413 });
		}
	}

	// Form actions: a body that is not a form, a file where text belongs or text the database
	// cannot hold is a 400 naming the field, before any action reads it.
	if (request.method === 'POST' && !url.pathname.startsWith('/api/') && /^(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)/i.test(request.headers.get('content-type') ?? '')) {
		const problem = await formProblem(request);
		if (problem) error(400, problem);
	}

	event.locals.user = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const found = await validateSession(await database(), token);
		if (found) {
			event.locals.user = found.user;
			event.cookies.set(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', expires: found.session.expiresAt });
		} else {
			event.cookies.delete(SESSION_COOKIE, { path: '/' });
		}
	}

	const response = await resolve(event);
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
	if (url.pathname.startsWith('/api/')) response.headers.set('Cache-Control', 'no-store');
	return response;
};

