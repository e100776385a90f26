/**
 * Requests from the phone to the server: same-origin JSON with the session cookie. A network
 * failure is `null` (offline), never a thrown error, so callers can say "waiting for network".
 */
export async function postJson(path: string, body: unknown, send: typeof fetch = fetch): Promise<Response | null> {
	try {
		return await send(path, {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			credentials: 'same-origin',
			body: JSON.stringify(body)
		});
	} catch {
		return null;
	}
}

export async function getJson(path: string, send: typeof fetch = fetch): Promise<Response | null> {
	try {
		return await send(path, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
	} catch {
		return null;
	}
}
