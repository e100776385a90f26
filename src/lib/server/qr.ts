import { renderSVG } from 'uqr';

/** The link a participant's phone opens from a join-code QR: the app, with the code filled in. */
export const joinLink = (origin: string, code: string) => `${origin}/me?join=${encodeURIComponent(code)}`;

/**
 * A QR code as inline SVG (no script, no external image, so the strict CSP holds). The input is
 * always a link we built; never a text someone typed.
 */
export function qrSvg(link: string): string {
	return renderSVG(link, { border: 2, ecc: 'M' }).replace('<svg ', '<svg role="img" aria-hidden="true" width="160" height="160" ');
}

/** A join code as staff pages show it: the code, its link and its QR. */
export function joinCodeView(origin: string, code: string) {
	const link = joinLink(origin, code);
	return { code, link, qr: qrSvg(link) };
}
