/**
 * Checks an uploaded photo or recording before it is stored.
 *
 * The type is read from the bytes themselves, never from the file name or the Content-Type
 * header: both are only what the client claims. We only store types we can serve back safely
 * (no SVG or HTML, which a browser would run as a page).
 *
 * Photos lose their metadata. Teachers and workplace contacts take them at work with their own
 * phones, so an Exif block would tell every participant who sees "gaffeltruck" where the
 * photographer was (GPS), with which phone, and sometimes the owner's name; an Exif thumbnail can
 * even show the picture as it was before it was cropped. We keep only what is needed to show the
 * pixels in the right colours.
 *
 * Dropping Exif also drops the orientation tag. That is safe because the browser resizes each
 * photo on a canvas before upload, and drawing onto a canvas applies the orientation to the
 * pixels themselves: what arrives here is already the right way up.
 *
 * Recordings are stored as they are. What the browser's MediaRecorder makes (WebM from Chrome and
 * Firefox, MP4 from Safari) has no location or owner, at most the encoder's name.
 */

/** The browser resizes photos to a few hundred KB before upload; more means something is wrong. */
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
/** A word or a phrase is a few seconds of sound: well under 100 KB in Opus or AAC. */
export const AUDIO_MAX_BYTES = 1024 * 1024;

type Kind = 'photo' | 'audio';

const ALLOWED: Record<Kind, string> = {
	photo: 'Bare bilder i JPEG, PNG eller WebP kan lastes opp.',
	audio: 'Bare lydopptak i WebM, Ogg, MP4/M4A, WAV eller MP3 kan lastes opp.'
};

/**
 * Decides what an upload is and returns the bytes to store (for photos: without metadata), or
 * the status and message to answer with. Messages are in Norwegian for the staff who upload.
 */
export function inspectUpload(
	bytes: Uint8Array,
	expected: Kind
): { ok: true; mime: string; bytes: Uint8Array } | { ok: false; status: 413 | 415 | 400; message: string } {
	if (bytes.length === 0) return { ok: false, status: 400, message: 'Filen er tom.' };
	const max = expected === 'photo' ? PHOTO_MAX_BYTES : AUDIO_MAX_BYTES;
	if (bytes.length > max) {
		const what = expected === 'photo' ? 'Bildet' : 'Opptaket';
		return { ok: false, status: 413, message: `${what} er større enn ${max / 1024 / 1024} MB.` };
	}

	const found = sniff(bytes);
	if (found?.kind !== expected) {
		const mixUp = !found ? '' : found.kind === 'photo' ? 'Dette er et bilde, ikke et lydopptak. ' : 'Dette er et lydopptak, ikke et bilde. ';
		return { ok: false, status: 415, message: mixUp + ALLOWED[expected] };
	}
	if (found.kind === 'audio') return { ok: true, mime: found.mime, bytes };

	try {
		const clean = found.mime === 'image/jpeg' ? cleanJpeg(bytes) : found.mime === 'image/png' ? cleanPng(bytes) : cleanWebp(bytes);
		return { ok: true, mime: found.mime, bytes: clean };
	} catch (e) {
		if (e instanceof Malformed) return { ok: false, status: 400, message: `Bildet er ødelagt eller ufullstendig (${e.message}).` };
		throw e;
	}
}

// ---------------------------------------------------------------- type by content

/** Does `text` (one char per byte) appear in `b` at `at`? */
function has(b: Uint8Array, at: number, text: string): boolean {
	if (b.length < at + text.length) return false;
	for (let i = 0; i < text.length; i++) if (b[at + i] !== text.charCodeAt(i)) return false;
	return true;
}

/** ISO BMFF brands of still images (iPhone HEIC, AVIF): an `ftyp` box that is not sound. */
const IMAGE_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1', 'avif', 'avis']);

function sniff(b: Uint8Array): { kind: Kind; mime: string } | undefined {
	const photo = (mime: string) => ({ kind: 'photo' as const, mime });
	const audio = (mime: string) => ({ kind: 'audio' as const, mime });
	if (has(b, 0, '\xff\xd8\xff')) return photo('image/jpeg');
	if (has(b, 0, '\x89PNG\r\n\x1a\n')) return photo('image/png');
	if (has(b, 0, 'RIFF') && has(b, 8, 'WEBP')) return photo('image/webp');
	if (has(b, 0, 'RIFF') && has(b, 8, 'WAVE')) return audio('audio/wav');
	if (has(b, 0, '\x1a\x45\xdf\xa3')) return audio('audio/webm'); // EBML: Chrome's and Firefox's MediaRecorder
	if (has(b, 0, 'OggS')) return audio('audio/ogg');
	if (has(b, 4, 'ftyp')) return isImageBox(b) ? undefined : audio('audio/mp4'); // Safari's MediaRecorder
	if (has(b, 0, 'ID3') || isMpegFrame(b)) return audio('audio/mpeg');
	return undefined;
}

/** The major and compatible brands of the leading `ftyp` box. */
function isImageBox(b: Uint8Array): boolean {
	const size = Math.min(new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(0), b.length);
	for (let at = 8; at + 4 <= size; at += 4) {
		if (at === 12) continue; // minor version, not a brand
		if (IMAGE_BRANDS.has(String.fromCharCode(...b.subarray(at, at + 4)))) return true;
	}
	return false;
}

/** An MPEG audio frame header: 11 sync bits, then no reserved version, layer, bitrate or rate. */
function isMpegFrame(b: Uint8Array): boolean {
	const [b0 = 0, b1 = 0, b2 = 0] = b;
	return b0 === 0xff && (b1 & 0xe0) === 0xe0 && ((b1 >> 3) & 3) !== 1 && ((b1 >> 1) & 3) !== 0 && b2 >> 4 !== 15 && ((b2 >> 2) & 3) !== 3;
}

// ---------------------------------------------------------------- metadata removal

class Malformed extends Error {}

function need(condition: boolean, problem: string): asserts condition {
	if (!condition) throw new Malformed(problem);
}

function concat(parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
	let at = 0;
	for (const part of parts) {
		out.set(part, at);
		at += part.length;
	}
	return out;
}

/**
 * JPEG: keep the image segments (tables, frame, scans) and of the APPn segments only JFIF (without
 * its thumbnail), the ICC colour profile and Adobe's colour-transform flag (without it, CMYK
 * JPEGs decode with wrong colours; it holds nothing else). Exif, XMP, IPTC, MPF (extra images
 * appended after the end) and comments go, as does anything after the end marker.
 */
function cleanJpeg(b: Uint8Array): Uint8Array {
	const out: Uint8Array[] = [b.subarray(0, 2)];
	const short = 'JPEG slutter for tidlig';
	let at = 2;
	let sawFrame = false;
	let sawScan = false;
	for (;;) {
		need(at < b.length, short);
		need(b[at] === 0xff, 'JPEG har et ugyldig segment');
		while (b[at] === 0xff) at++; // extra 0xFF before a marker are fill bytes
		need(at < b.length, short);
		const code = b[at++]!;
		if (code === 0xd9) break;
		if ((code >= 0xd0 && code <= 0xd7) || code === 0x01) {
			out.push(Uint8Array.of(0xff, code)); // RSTn and TEM have no length
			continue;
		}
		need(code !== 0x00 && code !== 0xd8, 'JPEG har et ugyldig segment');
		need(at + 2 <= b.length, short);
		const length = (b[at]! << 8) | b[at + 1]!;
		need(length >= 2 && at + length <= b.length, short);
		const segment = b.subarray(at - 2, at + length); // marker, length, payload
		at += length;

		if (code >= 0xe0 && code <= 0xef) {
			const kept = keptAppSegment(code, segment);
			if (kept) out.push(kept);
		} else if (code !== 0xfe) out.push(segment); // 0xFE is a comment: dropped

		// SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range
		if (code >= 0xc0 && code <= 0xcf && code !== 0xc4 && code !== 0xc8 && code !== 0xcc) sawFrame = true;
		if (code === 0xda) {
			need(sawFrame, 'JPEG mangler bildehode');
			sawScan = true;
			const end = scanEnd(b, at);
			out.push(b.subarray(at, end));
			at = end;
		}
	}
	need(sawScan, 'JPEG mangler bildedata');
	out.push(Uint8Array.of(0xff, 0xd9));
	return concat(out);
}

/** Entropy-coded data runs to the first 0xFF that is neither stuffing (FF 00) nor a restart (FF D0–D7). */
function scanEnd(b: Uint8Array, from: number): number {
	for (let i = from; i + 1 < b.length; i++) {
		if (b[i] !== 0xff) continue;
		const next = b[i + 1]!;
		if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) i++;
		else return i;
	}
	throw new Malformed('JPEG slutter for tidlig');
}

function keptAppSegment(code: number, segment: Uint8Array): Uint8Array | undefined {
	const payload = segment.subarray(4);
	// JFIF: identifier, version, units, density (12 bytes), then thumbnail size and pixels: cut to none.
	if (code === 0xe0 && has(payload, 0, 'JFIF\0') && payload.length >= 14) {
		return concat([Uint8Array.of(0xff, 0xe0, 0, 16), payload.subarray(0, 12), Uint8Array.of(0, 0)]);
	}
	if (code === 0xe2 && has(payload, 0, 'ICC_PROFILE\0')) return segment;
	if (code === 0xee && has(payload, 0, 'Adobe')) return segment;
	return undefined;
}

/**
 * PNG ancillary chunks that decide how the pixels look. Every other ancillary chunk is dropped:
 * the text chunks (tEXt, zTXt, iTXt: author, software, comments), eXIf, tIME, and whatever a
 * vendor invents. Decoders must cope without any ancillary chunk, so dropping one is always safe.
 */
const PNG_KEPT = new Set(['tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'cICP', 'sBIT', 'pHYs', 'bKGD', 'acTL', 'fcTL', 'fdAT']);

/** PNG: every chunk's CRC is checked (a bad one means a damaged file), then chunks are kept whole. */
function cleanPng(b: Uint8Array): Uint8Array {
	const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
	const out: Uint8Array[] = [b.subarray(0, 8)];
	const short = 'PNG slutter for tidlig';
	let at = 8;
	let sawData = false;
	for (;;) {
		need(at + 12 <= b.length, short);
		const length = view.getUint32(at);
		need(length <= b.length - at - 12, short);
		const end = at + 12 + length;
		const type = String.fromCharCode(...b.subarray(at + 4, at + 8));
		need(/^[A-Za-z]{4}$/.test(type), 'PNG har en ugyldig blokk');
		need(crc32(b.subarray(at + 4, end - 4)) === view.getUint32(end - 4), `PNG har feil kontrollsum i ${type}`);
		need(at > 8 || type === 'IHDR', 'PNG begynner ikke med IHDR');
		const critical = type.charCodeAt(0) < 0x60; // upper-case first letter
		if (critical || PNG_KEPT.has(type)) out.push(b.subarray(at, end));
		if (type === 'IDAT') sawData = true;
		at = end;
		if (type === 'IEND') break; // anything after it is dropped
	}
	need(sawData, 'PNG mangler bildedata');
	return concat(out);
}

const CRC_TABLE = Int32Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c;
});

/** CRC-32 as PNG uses it (ISO 3309); `zlib.crc32` only exists from Node 22. */
function crc32(bytes: Uint8Array): number {
	let c = -1;
	for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
	return (c ^ -1) >>> 0;
}

/**
 * WebP chunks that hold the image: VP8/VP8L bitstreams, alpha, animation, the extended header and
 * the colour profile. EXIF, XMP and unknown chunks go (readers must ignore unknown chunks anyway).
 */
const WEBP_KEPT = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF', 'ICCP']);
const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

function cleanWebp(b: Uint8Array): Uint8Array {
	const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
	const short = 'WebP slutter for tidlig';
	need(b.length >= 12, short);
	const riffEnd = 8 + view.getUint32(4, true);
	need(riffEnd <= b.length, short); // bytes after the RIFF end are dropped
	const chunks: Uint8Array[] = [];
	let sawImage = false;
	let at = 12;
	while (at < riffEnd) {
		need(at + 8 <= riffEnd, short);
		const fourcc = String.fromCharCode(...b.subarray(at, at + 4));
		const size = view.getUint32(at + 4, true);
		need(size <= riffEnd - at - 8, short);
		if (WEBP_KEPT.has(fourcc)) {
			const chunk = b.slice(at, at + 8 + size);
			if (fourcc === 'VP8X') {
				need(size >= 10, 'WebP har et ugyldig VP8X-hode');
				chunk[8] = chunk[8]! & ~(VP8X_EXIF | VP8X_XMP); // no longer promise the chunks we removed
			}
			chunks.push(chunk);
			if (size % 2) chunks.push(new Uint8Array(1)); // chunks are padded to an even length
			sawImage ||= fourcc === 'VP8 ' || fourcc === 'VP8L' || fourcc === 'ANMF';
		}
		at += 8 + size + (size % 2);
	}
	need(sawImage, 'WebP mangler bildedata');
	const body = concat(chunks);
	const header = new Uint8Array(12);
	header.set([0x52, 0x49, 0x46, 0x46]); // RIFF
	new DataView(header.buffer).setUint32(4, 4 + body.length, true);
	header.set([0x57, 0x45, 0x42, 0x50], 8); // WEBP
	return concat([header, body]);
}
