/**
 * A join-code QR opens `/me?join=CODE`. The code is kept for this tab until the participant has
 * chosen their language and connected, so a first-time scan still ends on the filled-in form.
 */
const KEY = 'arbeidsnorsk.join';

export function rememberJoinCode(url: URL): void {
	const code = url.searchParams.get('join');
	if (code && /^[A-Za-z0-9 -]{4,32}$/.test(code)) sessionStorage.setItem(KEY, code);
}

export const pendingJoinCode = (): string | null => sessionStorage.getItem(KEY);

export const forgetJoinCode = (): void => sessionStorage.removeItem(KEY);
