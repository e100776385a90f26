import { describe, expect, it } from 'vitest';
import { deflateSync, inflateSync } from 'node:zlib';
import { AUDIO_MAX_BYTES, PHOTO_MAX_BYTES, inspectUpload } from '../../src/lib/server/media/inspect';

// Every test file is built here as bytes, so each one shows exactly what it contains.

type Part = number[] | string | Uint8Array;
/** Joins byte arrays and strings (one byte per character). */
const bytes = (...parts: Part[]) => new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p)))));
const u16be = (n: number) => [n >> 8, n & 0xff];
const u32be = (n: number) => [n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
const u32le = (n: number) => u32be(n).reverse();
const contains = (haystack: Uint8Array, needle: string) => Buffer.from(haystack).includes(Buffer.from(needle, 'latin1'));

function ok(result: ReturnType<typeof inspectUpload>) {
	if (!result.ok) throw new Error(`refused: ${result.status} ${result.message}`);
	return result;
}

// ---------------------------------------------------------------- JPEG

/** A JPEG segment: marker, length (which counts itself), payload. */
const segment = (code: number, ...payload: Part[]) => {
	const body = bytes(...payload);
	return bytes([0xff, code], u16be(body.length + 2), body);
};

/**
 * A real, decodable 48×8 grey JPEG, small enough to read: quantisation all 1, a DC table with
 * three 2-bit codes (00 = category 0, 01 = category 7, 10 = category 1) and an AC table whose
 * only code, 0, is end-of-block. A restart marker every 3 blocks. The scan data A0 FF 00 7F is
 * "10 1 0 | 00 0 | 01 1111111 0" plus padding: DC +1, +0, +127; its 0xFF is byte-stuffed.
 */
const jpegParts = {
	soi: bytes([0xff, 0xd8]),
	jfif: segment(0xe0, 'JFIF\0', [1, 1, 0], u16be(1), u16be(1), [0, 0]),
	icc: segment(0xe2, 'ICC_PROFILE\0', [1, 1], 'pretend sRGB profile'),
	dqt: segment(0xdb, [0], new Array(64).fill(1)),
	sof: segment(0xc0, [8], u16be(8), u16be(48), [1, 1, 0x11, 0]),
	dhtDc: segment(0xc4, [0x00], [0, 3, ...new Array(14).fill(0)], [0x00, 0x07, 0x01]),
	dhtAc: segment(0xc4, [0x10], [1, ...new Array(15).fill(0)], [0x00]),
	dri: segment(0xdd, u16be(3)),
	sos: segment(0xda, [1, 1, 0x00, 0, 63, 0]),
	scan: bytes([0xa0, 0xff, 0x00, 0x7f, 0xff, 0xd0, 0xa0, 0xff, 0x00, 0x7f]),
	eoi: bytes([0xff, 0xd9])
};

/** An Exif block as a phone writes it: camera make, a description, a GPS IFD, and a thumbnail. */
const exifTiff = bytes(
	'MM\0\x2a', u32be(8), // big-endian TIFF, IFD0 at 8
	u16be(3), // IFD0: 3 entries
	u16be(0x010f), u16be(2), u32be(6), u32be(50), // Make → "Canon\0" at 50
	u16be(0x010e), u16be(2), u32be(20), u32be(56), // ImageDescription at 56
	u16be(0x8825), u16be(4), u32be(1), u32be(76), // GPSInfo IFD pointer → 76
	u32be(0), // no next IFD
	'Canon\0', 'GPS 59.9139 N 10.75\0', // 50, 56
	u16be(1), u16be(0x0002), u16be(5), u32be(3), u32be(94), u32be(0), // GPS IFD at 76: GPSLatitude → 94
	u32be(59), u32be(1), u32be(54), u32be(1), u32be(50), u32be(1), // 59° 54' 50"
	[0xff, 0xd8, 0xff, 0xd9] // a thumbnail JPEG: its markers must not confuse the walk
);

const dirtyJpeg = bytes(
	jpegParts.soi,
	segment(0xe0, 'JFIF\0', [1, 1, 0], u16be(1), u16be(1), [1, 1], [0x12, 0x34, 0x56]), // 1×1 thumbnail
	segment(0xe1, 'Exif\0\0', exifTiff),
	segment(0xe1, 'http://ns.adobe.com/xap/1.0/\0', '<x:xmpmeta><tiff:Make>Canon</tiff:Make></x:xmpmeta>'),
	jpegParts.icc,
	segment(0xed, 'Photoshop 3.0\0', '8BIM', 'By-line: Kari Nordmann'),
	segment(0xfe, 'Taken at Kari Nordmann AS, Storgata 5'),
	jpegParts.dqt,
	jpegParts.sof,
	jpegParts.dhtDc,
	segment(0xe2, 'MPF\0', 'second image follows'),
	jpegParts.dhtAc,
	jpegParts.dri,
	[0xff, 0xff, 0xff], // fill bytes before a marker are allowed
	jpegParts.sos,
	jpegParts.scan,
	[0xff, 0xff], // and before the end marker
	jpegParts.eoi,
	'<html><script>alert(1)</script></html>' // anything after the end
);

const cleanJpeg = bytes(...Object.values(jpegParts));

describe('JPEG', () => {
	it('keeps the image and the colour profile and drops Exif, XMP, IPTC, MPF, comments, the thumbnail and trailing bytes', () => {
		const result = ok(inspectUpload(dirtyJpeg, 'photo'));
		expect(result.mime).toBe('image/jpeg');
		// Exactly the clean JPEG: the pixels' segments are untouched, only the metadata is gone.
		expect(Buffer.from(result.bytes).toString('hex')).toBe(Buffer.from(cleanJpeg).toString('hex'));
		for (const secret of ['Exif', 'GPS', 'Canon', 'Kari', 'Storgata', 'xmpmeta', '<html', 'MPF']) expect(contains(result.bytes, secret), secret).toBe(false);
		expect([...result.bytes.subarray(0, 2)]).toEqual([0xff, 0xd8]);
		expect([...result.bytes.subarray(-2)]).toEqual([0xff, 0xd9]);
		expect(contains(result.bytes, '\xff\xc0')).toBe(true); // SOF0
		expect(contains(result.bytes, '\xff\xda')).toBe(true); // SOS
	});

	it('leaves a JPEG without metadata as it was', () => {
		expect(ok(inspectUpload(cleanJpeg, 'photo')).bytes).toEqual(cleanJpeg);
	});

	it('reads a JPEG that is a view into a larger buffer', () => {
		const larger = bytes('junk', dirtyJpeg, 'junk');
		const view = larger.subarray(4, 4 + dirtyJpeg.length);
		expect(ok(inspectUpload(view, 'photo')).bytes).toEqual(cleanJpeg);
	});

	it('refuses a truncated or malformed JPEG with 400', () => {
		const scanAt = cleanJpeg.length - jpegParts.eoi.length - jpegParts.scan.length;
		const cases = {
			'cut in the scan': cleanJpeg.subarray(0, scanAt + 3),
			'cut before the end marker': cleanJpeg.subarray(0, cleanJpeg.length - 2),
			'cut in a segment': dirtyJpeg.subarray(0, 40),
			'only a header': bytes([0xff, 0xd8, 0xff]),
			'no scan': bytes(jpegParts.soi, jpegParts.jfif, jpegParts.eoi),
			'scan without frame': bytes(jpegParts.soi, jpegParts.sos, jpegParts.scan, jpegParts.eoi),
			'garbage between segments': bytes(jpegParts.soi, jpegParts.dqt, 'xx', jpegParts.sof),
			'segment length past the end': bytes(jpegParts.soi, [0xff, 0xdb, 0x10, 0x00, 1, 2, 3])
		};
		for (const [name, file] of Object.entries(cases)) {
			const result = inspectUpload(file, 'photo');
			expect(result, name).toMatchObject({ ok: false, status: 400 });
		}
	});
});

// ---------------------------------------------------------------- PNG

/** CRC-32 written out separately from the one under test, checked against a known value below. */
function crc32(data: Uint8Array): number {
	let crc = 0xffffffff;
	for (const byte of data) {
		crc ^= byte;
		for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
	}
	return (crc ^ 0xffffffff) >>> 0;
}

const chunk = (type: string, ...data: Part[]) => {
	const body = bytes(type, ...data);
	return bytes(u32be(body.length - 4), body, u32be(crc32(body)));
};

/** Splits a PNG into chunks, checking each CRC. */
function pngChunks(png: Uint8Array) {
	expect(Buffer.from(png.subarray(0, 8)).toString('hex')).toBe('89504e470d0a1a0a');
	const chunks: { type: string; data: Buffer }[] = [];
	const b = Buffer.from(png);
	for (let at = 8; at < b.length; ) {
		const length = b.readUInt32BE(at);
		const type = b.toString('latin1', at + 4, at + 8);
		expect(b.readUInt32BE(at + 8 + length), `CRC of ${type}`).toBe(crc32(b.subarray(at + 4, at + 8 + length)));
		chunks.push({ type, data: b.subarray(at + 8, at + 8 + length) });
		at += 12 + length;
	}
	return chunks;
}

// A real 2×1 RGB image: one red and one green pixel, each row behind filter byte 0.
const pixels = [0, 255, 0, 0, 0, 255, 0];
const pngParts = {
	signature: bytes('\x89PNG\r\n\x1a\n'),
	ihdr: chunk('IHDR', u32be(2), u32be(1), [8, 2, 0, 0, 0]),
	phys: chunk('pHYs', u32be(2835), u32be(2835), [1]),
	idat: chunk('IDAT', deflateSync(Buffer.from(pixels))),
	iend: chunk('IEND')
};
const cleanPng = bytes(...Object.values(pngParts));
const dirtyPng = bytes(
	pngParts.signature,
	pngParts.ihdr,
	chunk('tEXt', 'Author\0Kari Nordmann'),
	chunk('eXIf', exifTiff),
	chunk('iTXt', 'Description\0\0\0\0\0GPS 59.91 N, Canon'),
	chunk('zTXt', 'Comment\0\0', deflateSync('Storgata 5')),
	chunk('tIME', u16be(2024), [5, 17, 12, 0, 0]),
	pngParts.phys,
	pngParts.idat,
	chunk('caBX', 'vendor provenance: Kari'),
	pngParts.iend,
	'trailing bytes'
);

describe('PNG', () => {
	it('the test CRC agrees with the PNG specification', () => {
		expect(crc32(bytes('IEND'))).toBe(0xae426082);
	});

	it('drops text, Exif, time and unknown ancillary chunks; keeps the image with valid CRCs', () => {
		const result = ok(inspectUpload(dirtyPng, 'photo'));
		expect(result.mime).toBe('image/png');
		const chunks = pngChunks(result.bytes);
		expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'pHYs', 'IDAT', 'IEND']);
		expect(result.bytes).toEqual(cleanPng);
		expect([...inflateSync(chunks[2]!.data)]).toEqual(pixels);
		for (const secret of ['Kari', 'GPS', 'Canon', 'Storgata', 'trailing']) expect(contains(result.bytes, secret), secret).toBe(false);
	});

	it('refuses a damaged or truncated PNG with 400', () => {
		const badCrc = bytes(dirtyPng);
		const inText = 8 + pngParts.ihdr.length + 10;
		badCrc[inText] = badCrc[inText]! ^ 1; // one bit inside the tEXt chunk
		const cases = {
			'bad CRC': badCrc,
			'cut in IDAT': cleanPng.subarray(0, cleanPng.length - pngParts.iend.length - 5),
			'no IEND': cleanPng.subarray(0, cleanPng.length - pngParts.iend.length),
			'only the signature': pngParts.signature,
			'no IHDR first': bytes(pngParts.signature, pngParts.phys, pngParts.ihdr, pngParts.idat, pngParts.iend),
			'no IDAT': bytes(pngParts.signature, pngParts.ihdr, pngParts.iend)
		};
		for (const [name, file] of Object.entries(cases)) {
			const result = inspectUpload(file, 'photo');
			expect(result, name).toMatchObject({ ok: false, status: 400 });
			if (name === 'bad CRC' && !result.ok) expect(result.message).toContain('tEXt');
		}
	});
});

// ---------------------------------------------------------------- WebP

const riffChunk = (fourcc: string, ...data: Part[]) => {
	const body = bytes(...data);
	return bytes(fourcc, u32le(body.length), body, body.length % 2 ? [0] : []);
};
const webp = (...chunks: Uint8Array[]) => {
	const body = bytes(...chunks);
	return bytes('RIFF', u32le(body.length + 4), 'WEBP', body);
};
/** VP8X: flags, 3 reserved bytes, canvas width − 1 and height − 1 in 24 bits each. */
const vp8x = (flags: number) => riffChunk('VP8X', [flags, 0, 0, 0], [1, 0, 0], [1, 0, 0]);
/** A real lossless 2×2 bitstream as Chromium's canvas encodes it: 17 bytes, so padded. */
const vp8l = riffChunk('VP8L', Buffer.from('2f014000000750980217a4ff8188e87f00', 'hex'));

/** Splits a WebP into its chunks, checking the RIFF size and the padding. */
function webpChunks(file: Uint8Array) {
	const b = Buffer.from(file);
	expect(b.toString('latin1', 0, 4)).toBe('RIFF');
	expect(b.readUInt32LE(4)).toBe(b.length - 8);
	expect(b.toString('latin1', 8, 12)).toBe('WEBP');
	const chunks: { fourcc: string; data: Buffer }[] = [];
	for (let at = 12; at < b.length; ) {
		const size = b.readUInt32LE(at + 4);
		chunks.push({ fourcc: b.toString('latin1', at, at + 4), data: b.subarray(at + 8, at + 8 + size) });
		at += 8 + size + (size % 2);
		expect(at).toBeLessThanOrEqual(b.length);
	}
	return chunks;
}

describe('WebP', () => {
	const dirty = webp(
		vp8x(0x08 | 0x04), // EXIF and XMP flags set
		vp8l,
		riffChunk('EXIF', exifTiff),
		riffChunk('XMP ', '<x:xmpmeta>GPS Kari</x:xmpmeta>'),
		riffChunk('ZZZZ', 'unknown vendor chunk')
	);

	it('drops EXIF, XMP and unknown chunks, clears their VP8X flags and fixes the RIFF size', () => {
		const result = ok(inspectUpload(bytes(dirty, 'trailing'), 'photo'));
		expect(result.mime).toBe('image/webp');
		const chunks = webpChunks(result.bytes);
		expect(chunks.map((c) => c.fourcc)).toEqual(['VP8X', 'VP8L']);
		expect(chunks[0]!.data[0]).toBe(0);
		expect(result.bytes).toEqual(webp(vp8x(0), vp8l));
		for (const secret of ['GPS', 'Canon', 'Kari', 'xmpmeta', 'unknown', 'trailing']) expect(contains(result.bytes, secret), secret).toBe(false);
	});

	it('keeps the other VP8X flags and a simple WebP as it was', () => {
		const withIcc = webp(riffChunk('VP8X', [0x20 | 0x10 | 0x08, 0, 0, 0], [1, 0, 0], [1, 0, 0]), riffChunk('ICCP', 'profile'), vp8l);
		expect(webpChunks(ok(inspectUpload(withIcc, 'photo')).bytes)[0]!.data[0]).toBe(0x20 | 0x10);
		expect(ok(inspectUpload(webp(vp8l), 'photo')).bytes).toEqual(webp(vp8l));
	});

	it('refuses a truncated WebP with 400', () => {
		for (const file of [dirty.subarray(0, dirty.length - 10), dirty.subarray(0, 20), webp(vp8x(0)), webp(riffChunk('VP8L', 'x').subarray(0, 6))]) {
			expect(inspectUpload(file, 'photo')).toMatchObject({ ok: false, status: 400 });
		}
	});
});

// ---------------------------------------------------------------- types and sizes

const audio = {
	'audio/webm': bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84], 'webm'),
	'audio/ogg': bytes('OggS', [0, 2], new Array(22).fill(0), 'OpusHead'),
	'audio/mp4': bytes(u32be(20), 'ftyp', 'iso5', u32be(1), 'isom', u32be(8), 'mdat'),
	'audio/wav': bytes('RIFF', u32le(36), 'WAVE', 'fmt ', u32le(16)),
	'audio/mpeg': bytes('ID3', [4, 0, 0, 0, 0, 0, 0]),
	'audio/mpeg (frame)': bytes([0xff, 0xfb, 0x90, 0x64], new Array(100).fill(0))
};

describe('audio', () => {
	it('is recognised by its first bytes and stored unchanged', () => {
		for (const [mime, file] of Object.entries(audio)) {
			const result = ok(inspectUpload(file, 'audio'));
			expect(result.mime).toBe(mime.replace(' (frame)', ''));
			expect(result.bytes).toBe(file);
		}
	});

	it('a Safari-style M4A brand is audio too', () => {
		const m4a = bytes(u32be(24), 'ftyp', 'M4A ', u32be(0), 'M4A ', 'isom', u32be(8), 'mdat');
		expect(ok(inspectUpload(m4a, 'audio')).mime).toBe('audio/mp4');
	});
});

describe('refused types', () => {
	const notPhotos = {
		'HTML named .jpg': bytes('<!DOCTYPE html><html><body><script>fetch("/api/me/export")</script>'),
		SVG: bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
		'SVG with XML declaration': bytes('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'),
		GIF: bytes('GIF89a', [1, 0, 1, 0, 0, 0, 0], ',', [0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0], ';'),
		'iPhone HEIC': bytes(u32be(24), 'ftyp', 'heic', u32be(0), 'mif1', 'heic'),
		PDF: bytes('%PDF-1.7\n')
	};

	it('refuses anything but JPEG, PNG and WebP as a photo with 415, naming what is allowed', () => {
		for (const [name, file] of Object.entries(notPhotos)) {
			const result = inspectUpload(file, 'photo');
			expect(result, name).toMatchObject({ ok: false, status: 415 });
			if (!result.ok) expect(result.message).toContain('JPEG, PNG eller WebP');
		}
	});

	it('refuses those and AAC without a container as a recording', () => {
		for (const file of [...Object.values(notPhotos), bytes([0xff, 0xf1, 0x50, 0x80, 0, 0x1f, 0xfc])]) {
			const result = inspectUpload(file, 'audio');
			expect(result).toMatchObject({ ok: false, status: 415 });
			if (!result.ok) expect(result.message).toContain('WebM, Ogg, MP4/M4A, WAV eller MP3');
		}
	});

	it('refuses a recording posted as a photo and a photo posted as a recording', () => {
		for (const file of Object.values(audio)) {
			const result = inspectUpload(file, 'photo');
			expect(result).toMatchObject({ ok: false, status: 415 });
			if (!result.ok) expect(result.message).toContain('lydopptak, ikke et bilde');
		}
		for (const file of [cleanJpeg, cleanPng, webp(vp8l)]) {
			const result = inspectUpload(file, 'audio');
			expect(result).toMatchObject({ ok: false, status: 415 });
			if (!result.ok) expect(result.message).toContain('bilde, ikke et lydopptak');
		}
	});
});

describe('sizes', () => {
	it('refuses an empty file with 400', () => {
		expect(inspectUpload(new Uint8Array(0), 'photo')).toMatchObject({ ok: false, status: 400 });
		expect(inspectUpload(new Uint8Array(0), 'audio')).toMatchObject({ ok: false, status: 400 });
	});

	it('allows a photo of exactly 2 MiB and refuses one byte more with 413', () => {
		expect(PHOTO_MAX_BYTES).toBe(2 * 1024 * 1024);
		const atLimit = new Uint8Array(PHOTO_MAX_BYTES);
		atLimit.set(cleanJpeg); // the rest is zeros after the end marker, dropped
		expect(ok(inspectUpload(atLimit, 'photo')).bytes).toEqual(cleanJpeg);
		const over = inspectUpload(new Uint8Array(PHOTO_MAX_BYTES + 1).fill(0xff), 'photo');
		expect(over).toMatchObject({ ok: false, status: 413 });
		if (!over.ok) expect(over.message).toContain('2 MB');
	});

	it('allows a recording of exactly 1 MiB and refuses one byte more with 413', () => {
		expect(AUDIO_MAX_BYTES).toBe(1024 * 1024);
		const atLimit = new Uint8Array(AUDIO_MAX_BYTES);
		atLimit.set(audio['audio/webm']);
		expect(ok(inspectUpload(atLimit, 'audio')).mime).toBe('audio/webm');
		const over = new Uint8Array(AUDIO_MAX_BYTES + 1);
		over.set(audio['audio/webm']);
		const result = inspectUpload(over, 'audio');
		expect(result).toMatchObject({ ok: false, status: 413 });
		if (!result.ok) expect(result.message).toContain('1 MB');
	});
});
