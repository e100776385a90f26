import { randomUUID } from 'node:crypto';
import { parse as devalue } from 'devalue';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { expect, test } from '@playwright/test';
import { openDatabase } from '../../src/lib/server/db';
import { startServer, type RunningServer } from './server';
import { http, makeCast, PASSWORD, WEBM_HEADER, type Caller, type Http, type Ids } from './callers';

/**
 * Property-based fuzzing (issue 9, "bad input handled"): malformed, huge, deeply nested and
 * wrongly typed bodies at every JSON endpoint and every form action. Every generated request is
 * wrong on purpose, so for each one: never a 5xx, a 4xx whose message names the problem, and
 * nothing written. The last test stops the server and compares every table (contents, not only
 * counts) with a snapshot taken after the callers were set up and before any fuzzing.
 *
 * Runs are seeded (FUZZ_SEED, FUZZ_RUNS to try others): a failure prints the request and what
 * the server printed; the same seed gives the same requests.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20269);
const RUNS = Number(process.env.FUZZ_RUNS ?? 50);

let server: RunningServer;
let h: Http;
let cookies: Record<Caller, string>;
let ids: Ids & Extra;
let before: Map<string, string>;

/** What the fuzzing needs beyond the authorization cast. */
interface Extra {
	otherGroup: string;
	otherSet: string;
	/** Items of the teacher's set: never named by a generated request that must fail. */
	setItems: string[];
	assignment: string;
	caseloadParticipant: string;
	inviteToken: string;
	suggestionId: string;
	caseloadCodeOfSpecialist: string;
}

/** Tables written by design when input is rejected (attempt counters), so left out of the comparison. */
const COUNTERS = new Set(['rate_limits']);

async function fingerprint(databaseUrl: string): Promise<Map<string, string>> {
	const open = await openDatabase(databaseUrl);
	try {
		const tables = (await open.db.execute(sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`)) as unknown as { rows: { name: string }[] };
		const out = new Map<string, string>();
		for (const { name } of tables.rows) {
			if (COUNTERS.has(name)) continue;
			const t = sql.identifier(name);
			const res = (await open.db.execute(sql`select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from ${t} t`)) as unknown as { rows: { n: number; h: string }[] };
			out.set(name, `${res.rows[0]!.n} rows, ${res.rows[0]!.h}`);
		}
		return out;
	} finally {
		await open.close();
	}
}

test.beforeAll(async () => {
	test.setTimeout(120_000);
	// Each request comes from its own address, so the per-address limits (join codes, logins)
	// do not turn the fuzzing into a run of 429s.
	const env = { ADDRESS_HEADER: 'x-forwarded-for' };
	const first = await startServer({ env });
	h = http(first.url, () => ({ 'x-forwarded-for': nextAddress() }));
	const cast = await makeCast(h);
	cookies = cast.cookies;
	const made = await h.postForm('/teach?/group', cookies['other-teacher'], { name: 'Andre gruppe' });
	const otherSet = await h.postForm('/teach/sets?/copy', cookies['other-teacher'], { basedOn: 'safety', title: 'Ikke din' });
	await h.postForm(`/teach/groups/${cast.ids.group}?/assign`, cookies.teacher, { setId: 'safety', dueDate: '', goal: '' });
	const groupPage = await (await h.get(`/teach/groups/${cast.ids.group}`, cookies.teacher)).text();
	const setPage = await (await h.get(`/teach/sets/${cast.ids.set}`, cookies.teacher)).text();
	const caseloadCode = await cast.ids.caseloadCode();
	const placed = await h.join('Caseload', caseloadCode);
	const invited = await (await h.postForm(`/teach/workplaces/${cast.ids.workplace}?/invite`, cookies.specialist, { name: 'Leder', email: 'leder@matrise.example' })).text();
	ids = {
		...cast.ids,
		otherGroup: made.headers.get('location')!.split('/').at(-1)!,
		otherSet: otherSet.headers.get('location')!.split('/').at(-1)!,
		setItems: [...new Set([...setPage.matchAll(/name="item" value="([^"]+)"/g)].map((m) => m[1]!))],
		assignment: /name="assignment" value="([0-9a-f-]{36})"/.exec(groupPage)![1]!,
		caseloadParticipant: placed.id,
		inviteToken: /\/invite\/([A-Za-z0-9_-]+)/.exec(invited)![1]!,
		suggestionId: await cast.ids.suggestion(),
		caseloadCodeOfSpecialist: await cast.ids.caseloadCode()
	};
	expect(ids.setItems.length).toBeGreaterThan(1);
	// The snapshot: everything set up, nothing fuzzed yet. Then the same database again.
	await first.stop();
	before = await fingerprint(first.databaseUrl);
	server = await startServer({ env, port: first.port, databaseUrl: first.databaseUrl });
});

test.afterAll(async () => {
	await server?.stop();
});

const steps: [string, () => Promise<void>][] = [];
const step = (name: string, run: () => Promise<void>) => steps.push([name, run]);

// ---------------------------------------------------------------------------------------------
// Values

const MISSING = Symbol('missing');
type FileValue = { file: Uint8Array; name: string; type: string };
type RawValue = { raw: Uint8Array };
type Value = string | FileValue | RawValue;
type FieldValue = Value | Value[] | typeof MISSING;
type Entries = [string, FieldValue][];
type Encoding = 'url' | 'multipart';

const bytes = (...b: number[]) => Uint8Array.from(b);
/** Byte sequences that are not UTF-8: a lone continuation byte, an overlong form, a surrogate, a truncated sequence, 0xFF. */
const INVALID_UTF8 = [bytes(0xff), bytes(0xc3, 0x28), bytes(0xc0, 0xaf), bytes(0xed, 0xa0, 0x80), bytes(0xe2, 0x82), bytes(0x80), bytes(0xf8, 0x88, 0x80, 0x80, 0x80)];
const invalidUtf8 = fc.tuple(fc.constantFrom(...INVALID_UTF8), fc.string({ maxLength: 6 })).map(([b, s]): RawValue => ({ raw: Buffer.concat([Buffer.from(s), b, Buffer.from(s)]) }));

/** Text that trips up encoders, databases and layout: emoji, RTL and bidi controls, NUL, BOM, combining marks, astral letters. */
const WEIRD = ['😀', '👩🏽‍🔧', '\u202e', '\u200f', 'مرحبا', 'שלום', 'ትግርኛ', '\u0000', '\ufeff', '\u00ad', '\u0301', '𝔘', '\n', '\r\n', '\t', '"', "'", '\\', '<script>', '%00', '&', '=', '+', ';', ',', '|'];
const weirdChar = fc.constantFrom(...WEIRD);
const weirdText = (maxLength = 12) => fc.array(fc.oneof(weirdChar, fc.string({ unit: 'grapheme', maxLength: 3 })), { maxLength }).map((a) => a.join(''));
/** Over 100 KB of one character (emoji, RTL or plain). */
const huge = fc.tuple(fc.integer({ min: 100_001, max: 120_000 }), fc.constantFrom('x', 'ø', '😀', 'م', '\u202e')).map(([n, c]) => c.repeat(Math.ceil(n / c.length)));
/** Longer than `max` characters even after trimming. */
const tooLong = (max: number) => fc.oneof(fc.tuple(weirdText(4), fc.integer({ min: max + 1, max: max + 50 })).map(([w, n]) => 'a'.repeat(n) + w), huge);
/** Contains NUL, which no PostgreSQL text column can hold. */
const withNul = fc.tuple(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 })).map(([a, b]) => `ok${a}\u0000${b}ok`);
const numberish = fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e308', '-1e308', '-0', '0x10', '1_000', '١٢٣', ' 7 ', '5e-324', '9007199254740993');
const fileValue = fc.record({ file: fc.uint8Array({ maxLength: 64 }), name: fc.constantFrom('a.csv', 'x.yaml', 'bilde.png', '', '../../etc/passwd', 'عربي.txt'), type: fc.constantFrom('text/plain', 'application/octet-stream', 'image/png') });

/** Bad values for a free-text field of `min`–`max` characters. */
function badText(enc: Encoding, min: number, max: number): fc.Arbitrary<FieldValue> {
	const options: fc.Arbitrary<FieldValue>[] = [tooLong(max), withNul];
	if (min > 0) options.push(fc.constantFrom<FieldValue>(MISSING, '', '   ', '\t\n'));
	if (min > 1) options.push(fc.constantFrom('a', ' b '));
	if (enc === 'multipart') options.push(fileValue, fc.array(withNul, { minLength: 2, maxLength: 3 }));
	return fc.oneof(...options);
}

/** Bad values for a field that must be one of a few words or match a pattern: anything else. */
function badWord(enc: Encoding, valid: (s: string) => boolean): fc.Arbitrary<FieldValue> {
	const options: fc.Arbitrary<FieldValue>[] = [
		fc.constant<FieldValue>(MISSING),
		fc.oneof(fc.string(), weirdText(), numberish, huge, withNul, fc.constantFrom('', 'null', 'undefined', '[object Object]', "' OR 1=1 --")).filter((s) => !valid(s)),
		invalidUtf8
	];
	if (enc === 'multipart') options.push(fileValue);
	return fc.oneof(...options);
}

/** Ids that do not exist, belong to someone else, or are not ids at all. */
function badId(enc: Encoding, others: string[], mustNotBe: string[] = []): fc.Arbitrary<FieldValue> {
	const not = (s: string) => !mustNotBe.some((m) => m.toLowerCase() === s.trim().toLowerCase());
	const options: fc.Arbitrary<FieldValue>[] = [
		fc.uuid(),
		fc.constantFrom<FieldValue>(MISSING, '', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '0', '-1', 'NaN', '1e308', 'null', "' OR 1=1 --", '../x', `${randomUUID()}x`),
		fc.oneof(fc.string(), weirdText(), huge, withNul).filter(not),
		invalidUtf8
	];
	if (others.length) options.push(fc.constantFrom(...others));
	if (enc === 'multipart') options.push(fileValue);
	return fc.oneof(...options);
}

// ---------------------------------------------------------------------------------------------
// Requests

let address = 0;
/** A new client address for each request (the server reads it from X-Forwarded-For here). */
const nextAddress = () => {
	address++;
	return `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
};

const toBytes = (v: Value): Uint8Array => (typeof v === 'string' ? Buffer.from(v) : 'raw' in v ? v.raw : v.file);
const percent = (b: Uint8Array) => [...b].map((x) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(x)) ? String.fromCharCode(x) : `%${x.toString(16).padStart(2, '0').toUpperCase()}`)).join('');

function flatten(entries: Entries): [string, Value][] {
	return entries.flatMap(([k, v]) => (v === MISSING ? [] : Array.isArray(v) ? v.map((x): [string, Value] => [k, x]) : [[k, v] as [string, Value]]));
}

function encodeForm(entries: Entries, enc: Encoding): { type: string; body: Uint8Array } {
	const flat = flatten(entries);
	if (enc === 'url') return { type: 'application/x-www-form-urlencoded', body: Buffer.from(flat.map(([k, v]) => `${percent(Buffer.from(k))}=${percent(toBytes(v))}`).join('&')) };
	const boundary = `----fuzz${randomUUID()}`;
	const parts: Buffer[] = [];
	for (const [k, v] of flat) {
		const file = typeof v === 'object' && 'file' in v;
		parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k.replace(/["\r\n]/g, '_')}"${file ? `; filename="${v.name}"\r\nContent-Type: ${v.type}` : ''}\r\n\r\n`), Buffer.from(toBytes(v)), Buffer.from('\r\n'));
	}
	parts.push(Buffer.from(`--${boundary}--\r\n`));
	return { type: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(parts) };
}

/** Bodies that are not a form at all, though they say they are. */
const notAForm = fc.oneof(
	fc.constant({ type: 'multipart/form-data; boundary=abc', body: Buffer.from('--abc\r\nContent-Disposition: form-data; name="x"\r\n\r\nno end') }),
	fc.constant({ type: 'multipart/form-data', body: Buffer.from('no boundary at all') }),
	fc.constant({ type: 'multipart/form-data; boundary=abc', body: Buffer.from('') }),
	fc.uint8Array({ maxLength: 200 }).map((b) => ({ type: 'multipart/form-data; boundary=zz', body: Buffer.concat([Buffer.from('--zz\r\n'), b]) })),
	fc.constant({ type: 'multipart/form-data; boundary=abc', body: Buffer.from('--abc\r\nContent-Disposition: form-data\r\n\r\nx\r\n--abc--\r\n') }),
	fc.constant({ type: 'application/json', body: Buffer.from('{"a":1}') }),
	fc.constant({ type: 'text/plain', body: Buffer.from('a=1') })
);
/** URL-encoded junk: read leniently as fields nobody asked for (so not for an action whose fields are all optional). */
const junkUrlencoded = fc.oneof(
	fc.uint8Array({ maxLength: 200 }).map((b) => ({ type: 'application/x-www-form-urlencoded', body: Buffer.from(b) })),
	fc.constant({ type: 'application/x-www-form-urlencoded', body: Buffer.from('%%%=%ZZ&&==&a=%C3%28') })
);

interface Sent {
	status: number;
	text: string;
	what: string;
}

/** The server's own limit on a request body (adapter-node's BODY_SIZE_LIMIT, 512K by default). */
const BODY_SIZE_LIMIT = 512 * 1024;

async function send(method: string, path: string, cookie: string, type: string, body: Uint8Array, extra: Record<string, string> = {}): Promise<Sent> {
	const shown = Buffer.from(body.subarray(0, 200)).toString().replace(/\s+/g, ' ');
	const what = `${method} ${path.slice(0, 120)} [${type.slice(0, 40)}] ${shown}${body.length > 200 ? `… (${body.length} bytes)` : ''}`;
	const printed = server.output().length;
	let res: Response | undefined;
	for (let attempt = 0; !res; attempt++) {
		try {
			res = await fetch(server.url + path, {
				method,
				headers: { cookie, origin: server.url, 'content-type': type, 'x-forwarded-for': nextAddress(), ...extra },
				body: body as BodyInit,
				redirect: 'manual'
			});
		} catch (e) {
			// Over the limit, the server answers 413 and closes the connection while the body is
			// still being sent; the client sees the connection reset, not the answer.
			if (body.length > BODY_SIZE_LIMIT) return { status: 413, text: '{"message":"larger than the body size limit"}', what };
			// A kept-alive connection the server closed after such an answer: once more on a new one.
			if (attempt === 0) continue;
			return { status: 599, text: `no answer: ${(e as Error).cause ?? e}`, what };
		}
	}
	const text = await res.text();
	// A 5xx carries what the server printed about it.
	return { status: res.status, text: res.status >= 500 ? `${text.slice(0, 100)}\n    server: ${server.output().slice(printed).trim().slice(0, 600)}` : text, what };
}

const withRequest = (r: Sent, problem: string | null) => (problem ? `${problem}\n    request: ${r.what}` : null);

/** Messages that say nothing about what was wrong. */
const GENERIC = /^(internal error|error|bad request|invalid|undefined|null|\[object object\])?$/i;

/** A JSON endpoint's answer to a wrong request: 4xx, `{message}` or `{error}` naming the problem. */
function judgeJson(r: Sent, names: RegExp): string | null {
	return withRequest(r, judgeJsonBody(r, names));
}
function judgeJsonBody(r: Sent, names: RegExp): string | null {
	if (r.status >= 500) return `${r.status} ${r.text.slice(0, 200)}`;
	if (r.status < 400) return `accepted with ${r.status}: ${r.text.slice(0, 120)}`;
	let message: unknown;
	try {
		const body = JSON.parse(r.text) as { message?: unknown; error?: unknown };
		message = body.message ?? body.error;
	} catch {
		return `${r.status} but not JSON: ${r.text.slice(0, 120)}`;
	}
	if (typeof message !== 'string' || GENERIC.test(message.trim())) return `${r.status} with a generic message: ${JSON.stringify(message)}`;
	if (!names.test(message)) return `${r.status} but the message does not name the problem (${names}): ${message.slice(0, 200)}`;
	return null;
}

/**
 * A form action's answer, asked as SvelteKit's `enhance` asks (accept JSON, x-sveltekit-action):
 * a failure (`fail(4xx, {problem | message})`) or an error (4xx, `{message}`) naming the problem.
 */
function judgeAction(r: Sent, names: RegExp, options: { redirectOk?: boolean } = {}): string | null {
	return withRequest(r, judgeActionBody(r, names, options));
}
function judgeActionBody(r: Sent, names: RegExp, { redirectOk = false } = {}): string | null {
	if (r.status >= 500) return `${r.status} ${r.text.slice(0, 200)}`;
	let result: { type?: string; status?: number; data?: string; error?: { message?: string }; message?: string; location?: string };
	try {
		result = JSON.parse(r.text);
	} catch {
		return `${r.status} but not JSON: ${r.text.slice(0, 120)}`;
	}
	let message: unknown;
	if (result.type === 'failure') {
		if (!result.status || result.status < 400 || result.status >= 500) return `failure with status ${result.status}`;
		const data = devalue(result.data!) as { problem?: unknown; message?: unknown };
		message = data.problem ?? data.message;
	} else if (result.type === 'error' || !result.type) {
		if (r.status < 400) return `${r.status} ${r.text.slice(0, 120)}`;
		message = result.error?.message ?? result.message;
	} else if (result.type === 'redirect') {
		return redirectOk ? null : `redirect to ${result.location}`;
	} else {
		return `accepted (${result.type}): ${r.text.slice(0, 120)}`;
	}
	if (typeof message !== 'string' || GENERIC.test(message.trim())) return `${r.status} with a generic message: ${JSON.stringify(message)}`;
	if (!names.test(message)) return `${r.status} but the message does not name the problem (${names}): ${message.slice(0, 200)}`;
	return null;
}

/** Runs a seeded property that collects every problem (no shrinking: each run is a real request). */
async function fuzz<T>(name: string, arb: fc.Arbitrary<T>, run: (input: T) => Promise<string | null>, numRuns = RUNS) {
	const problems: string[] = [];
	let n = 0;
	const seed = SEED + [...name].reduce((a, c) => (a * 31 + c.charCodeAt(0)) | 0, 0);
	await fc.assert(
		fc.asyncProperty(arb, async (input) => {
			n++;
			const problem = await run(input);
			if (problem) problems.push(problem);
		}),
		{ numRuns, seed, endOnFailure: true }
	);
	expect.soft(n).toBe(numRuns);
	// One line per distinct problem, with the first request that showed it.
	const seen = new Map<string, string>();
	for (const p of problems) {
		const key = p.split('\n')[0]!.replace(/[0-9a-f-]{36}|\d+/g, '#').slice(0, 100);
		if (!seen.has(key)) seen.set(key, p);
	}
	expect.soft([...seen.values()], `${name}: ${problems.length} of ${numRuns} requests went wrong (seed ${seed})`).toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// JSON endpoints

/** Any JSON value of the wrong kind for a field: the caller says which kinds are wrong. */
const jsonNonString = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.double(), fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }), fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }));
const jsonNonNumber = fc.oneof(fc.constant(null), fc.boolean(), fc.string(), numberish, fc.array(fc.integer(), { maxLength: 3 }), fc.object({ maxDepth: 1 }));
/** Strings no JSON endpoint should store: NUL, lone surrogates. */
const unstorable = fc.oneof(withNul, fc.constantFrom('a\ud800b', '\udfff', 'x\ud83d'));

const deep = (depth: number, kind: 'array' | 'object') => (kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth));

/** Bodies that are wrong as a whole: not an object, nested 1,000+ deep, huge, or not JSON at all. */
function wholeBodies(valid: unknown): fc.Arbitrary<{ text: string | Uint8Array; names: RegExp }> {
	const json = JSON.stringify(valid);
	const type = /type|Invalid|JSON|larger|body/i;
	return fc.oneof(
		fc.constantFrom('null', 'true', '0', '"text"', '[]', '""', '1e308', '-0').map((text) => ({ text, names: type })),
		fc.constant({ text: `[${json}]`, names: type }),
		fc.tuple(fc.integer({ min: 1000, max: 20_000 }), fc.constantFrom<'array' | 'object'>('array', 'object')).map(([d, k]) => ({ text: deep(d, k), names: type })),
		fc.tuple(fc.integer({ min: 1000, max: 5000 }), fc.constantFrom(...Object.keys(valid as object))).map(([d, key]) => ({ text: JSON.stringify({ ...(valid as object), [key]: '@@deep@@' }).replace('"@@deep@@"', deep(d, 'array')), names: new RegExp(key) })),
		huge.map((s) => ({ text: JSON.stringify(s), names: type })),
		fc.integer({ min: 0, max: json.length - 1 }).map((cut) => ({ text: json.slice(0, cut), names: /JSON/ })),
		fc.constantFrom(`${json}x`, `${json}${json}`, json.replace(/"/g, "'"), `{${json.slice(1, -1)},}`, '{"a":NaN}', '{"a":Infinity}', '/* c */' + json, '\ufeff\ufeff' + json, '{"__proto__":{"x":1}}').map((text) => ({ text, names: /JSON|Invalid|__proto__|x/ })),
		fc.tuple(fc.constantFrom(...INVALID_UTF8), fc.integer({ min: 1, max: json.length - 1 })).map(([b, at]) => ({ text: Buffer.concat([Buffer.from(json.slice(0, at)), b, Buffer.from(json.slice(at))]), names: /JSON|Invalid|:/ }))
	);
}

interface JsonSpec {
	path: string;
	caller: Caller;
	valid: Record<string, unknown>;
	/** Per field, values that make the body wrong. */
	bad: Record<string, fc.Arbitrary<unknown>>;
	/** Strict schemas refuse unknown fields. */
	strict: boolean;
	/** Fields that may be left out (so leaving them out is no mistake). */
	optional?: string[];
}

function jsonBodies(spec: JsonSpec): fc.Arbitrary<{ text: string | Uint8Array; names: RegExp }> {
	const fields = Object.keys(spec.bad);
	const oneField = fc.constantFrom(...fields).chain((field) =>
		(spec.optional?.includes(field) ? spec.bad[field]! : fc.oneof(fc.constant(undefined), spec.bad[field]!)).map((value) => {
			const body: Record<string, unknown> = { ...spec.valid };
			if (value === undefined) delete body[field];
			else body[field] = value;
			return { text: JSON.stringify(body), names: new RegExp(`^${field.replace(/\./g, '\\.')}\\b|${field}`) };
		})
	);
	const options = [oneField, oneField, wholeBodies(spec.valid)];
	if (spec.strict) {
		options.push(fc.tuple(fc.string({ minLength: 1 }).filter((k) => !(k in spec.valid) && k !== '__proto__'), fc.jsonValue({ maxDepth: 2 })).map(([k, value]) => ({ text: JSON.stringify({ ...spec.valid, [k]: value }), names: /Invalid key|never/ })));
	}
	return fc.oneof(...options);
}

const validEvent = () => ({ id: randomUUID(), itemId: 'safety.stop', direction: 'recognise', kind: 'listen-choose', grade: 3, at: Date.now() - 1000, durationMs: 1200, deviceId: 'fuzz' });
const EVENT_BAD: Record<string, fc.Arbitrary<unknown>> = {
	id: fc.oneof(jsonNonString, fc.string(), fc.constantFrom('00000000-0000-0000-0000-00000000000g', randomUUID() + ' ')),
	itemId: fc.oneof(jsonNonString, huge, unstorable, fc.constantFrom('', 'ab', 'Safety.Stop', '<script>', 'a b', 'ø.å', '../../x')),
	direction: fc.oneof(jsonNonString, fc.string().filter((s) => s !== 'recognise' && s !== 'produce')),
	kind: fc.oneof(jsonNonString, weirdText(), huge),
	grade: fc.oneof(jsonNonNumber, fc.constantFrom(0, 5, 2.5, -0.5, 1e308, -1e308)),
	at: fc.oneof(jsonNonNumber, fc.constantFrom(0, -1, 1.5, 1e308, Date.UTC(2023, 11, 31))),
	durationMs: fc.oneof(jsonNonNumber, fc.constantFrom(-1, 0.5, 3_600_001, 1e308)),
	deviceId: fc.oneof(jsonNonString, unstorable, huge, fc.constantFrom('', 'x'.repeat(65)))
};

const JSON_SPECS: JsonSpec[] = [
	{
		path: '/api/join',
		caller: 'anonymous',
		valid: { code: 'DEMO24', name: 'Fuzz' },
		strict: true,
		optional: ['pin'],
		bad: {
			code: fc.oneof(
				jsonNonString,
				huge,
				unstorable,
				fc.oneof(fc.string(), weirdText(), numberish).filter((s) => s.replace(/[\s-]/g, '').toUpperCase() !== 'DEMO24')
			),
			name: fc.oneof(jsonNonString, unstorable, tooLong(60), fc.constantFrom('', '   ', '\u200b'.repeat(0))),
			pin: fc.oneof(fc.integer(), fc.constant(null), fc.array(fc.string()), fc.constantFrom('123', '123456789', 'abcd', '١٢٣٤', ' 1234', '1234\u0000', '12.5', '-123', '1e10'), huge)
		}
	},
	{
		path: '/api/sync',
		caller: 'participant',
		valid: { deviceId: 'fuzz', cursor: 0, events: [validEvent()] },
		strict: true,
		optional: ['checkins'],
		bad: {
			deviceId: EVENT_BAD.deviceId!,
			cursor: fc.oneof(jsonNonNumber, fc.constantFrom(-1, 0.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 63)),
			events: fc.oneof(
				jsonNonString.filter((v) => !Array.isArray(v) || v.length > 0),
				fc.constantFrom(...Object.keys(EVENT_BAD)).chain((f) => EVENT_BAD[f]!.map((value) => [validEvent(), { ...validEvent(), [f]: value }])),
				fc.constantFrom(...Object.keys(EVENT_BAD)).map((f) => [validEvent(), Object.fromEntries(Object.entries(validEvent()).filter(([k]) => k !== f))]),
				fc.constant(null).map(() => Array.from({ length: 1001 }, validEvent)),
				fc.constant([{ ...validEvent(), extra: true }])
			),
			checkins: fc.oneof(
				jsonNonString.filter((v) => v !== null && (!Array.isArray(v) || v.length > 0)),
				fc.constant([{ id: randomUUID(), point: 'week-1', at: Date.now(), scores: { sure: 11, pace: 5, help: 5, belonging: 5 }, hard: [] }]),
				fc.constant([{ id: randomUUID(), point: 'Week 1!', at: Date.now(), scores: { sure: 5, pace: 5, help: 5, belonging: 5 }, hard: ['free text'] }]),
				fc.constant([{ id: randomUUID(), point: 'week-1', at: Date.now(), scores: { sure: 5, pace: 5, help: 5, belonging: 5 }, hard: [], note: 'I am ill' }])
			)
		}
	},
	{
		path: '/api/sharing',
		caller: 'participant',
		valid: { audience: 'teacher', scope: 'activity', granted: true },
		strict: true,
		bad: {
			audience: fc.oneof(jsonNonString, fc.string().filter((s) => !['teacher', 'specialist', 'workplace'].includes(s)), huge, unstorable),
			scope: fc.oneof(jsonNonString, fc.constantFrom('Sets', 'all', '*', '', 'sets ')),
			granted: fc.oneof(fc.constant(null), fc.integer(), fc.constantFrom('true', 'false', 'yes', 1, 0, []))
		}
	},
	{
		path: '/api/me/pin',
		caller: 'participant',
		valid: { pin: '2468' },
		strict: true,
		bad: { pin: fc.oneof(fc.integer(), fc.boolean(), fc.array(fc.string()), fc.object({ maxDepth: 1 }), fc.constantFrom('123', '123456789', 'abcd', '١٢٣٤', ' 1234', '1234\u0000', '12.5', '', '1e10'), huge) }
	},
	{
		path: '/api/me/delete',
		caller: 'participant',
		valid: { confirm: 'DELETE' },
		strict: true,
		bad: { confirm: fc.oneof(jsonNonString, fc.string().filter((s) => s !== 'DELETE'), fc.constantFrom('delete', ' DELETE', 'DELETE ', 'DELETE\u0000', 'ＤＥＬＥＴＥ'), huge) }
	}
];

for (const spec of JSON_SPECS) {
	step(`JSON ${spec.path}: wrong bodies get 4xx naming the problem, never 5xx`, async () => {
		await fuzz(spec.path, jsonBodies(spec), async ({ text, names }) => {
			const body = typeof text === 'string' ? Buffer.from(text) : text;
			return judgeJson(await send('POST', spec.path, cookies[spec.caller], 'application/json', body, { accept: 'application/json' }), names);
		});
	});
}

step('JSON: wrong content types, origins and methods are refused before the body is read', async () => {
	const bodies = fc.record({
		path: fc.constantFrom(...JSON_SPECS.map((s) => s.path), '/api/logout', '/api/media?kind=photo', '/api/recordings?item=a.b&nb=x'),
		type: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '', 'application/jsonx', 'json', 'application/json-patch+json'),
		body: fc.oneof(fc.uint8Array({ maxLength: 200 }), fc.constant(Buffer.from('{"code":"DEMO24","name":"X"}')))
	});
	await fuzz('content types', bodies, async ({ path, type, body }) => {
		const r = await send('POST', path, cookies.participant, type, body, { accept: 'application/json' });
		// Uploads take raw bytes of any declared type: they judge the bytes instead.
		return judgeJson(r, /application\/json|staff only|kind|item|nb|recording|type|file|audio|lydopptak|bilde/i);
	});
});

step('JSON /api/logout: whatever the body, no 5xx and nothing written (it ends only the session it is sent with)', async () => {
	await fuzz('/api/logout', wholeBodies({ a: 1 }), async ({ text }) => {
		const r = await send('POST', '/api/logout', 'an_session=not-a-real-session', 'application/json', typeof text === 'string' ? Buffer.from(text) : text, { accept: 'application/json' });
		return withRequest(r, r.status >= 500 ? `${r.status} ${r.text.slice(0, 200)}` : null);
	});
});

step('uploads /api/media and /api/recordings: bytes that are no photo or recording, and bad queries', async () => {
	const notMedia = fc.uint8Array({ minLength: 0, maxLength: 2000 }).map((b) => Buffer.concat([Buffer.from('X'), b]));
	const requests = fc.oneof(
		fc.record({ path: fc.constantFrom('/api/media?kind=photo', '/api/media?kind=audio'), body: notMedia, caller: fc.constant<Caller>('teacher') }),
		fc.record({ path: fc.oneof(fc.constantFrom('/api/media', '/api/media?kind=video', '/api/media?kind=', '/api/media?kind=photo&kind=audio'), fc.string().map((k) => `/api/media?kind=${encodeURIComponent(k)}`)), body: fc.constant(Buffer.from(WEBM_HEADER)), caller: fc.constant<Caller>('teacher') }),
		fc.record({ path: fc.constant('/api/recordings?item=safety.stop&nb=Stopp'), body: notMedia, caller: fc.constant<Caller>('participant') }),
		fc.record({
			path: fc.oneof(
				fc.constantFrom('/api/recordings', '/api/recordings?item=safety.stop', '/api/recordings?nb=Stopp', '/api/recordings?item=Safety&nb=x', '/api/recordings?item=safety.stop&nb=%20'),
				fc.tuple(fc.string(), fc.string()).map(([i, nb]) => `/api/recordings?item=${encodeURIComponent(i)}x!&nb=${encodeURIComponent(nb)}`),
				tooLong(200).map((nb) => `/api/recordings?item=safety.stop&nb=${encodeURIComponent(nb.slice(0, 1500))}`)
			),
			body: fc.constant(Buffer.from(WEBM_HEADER)),
			caller: fc.constant<Caller>('participant')
		})
	);
	await fuzz('uploads', requests, async ({ path, body, caller }) => judgeJson(await send('POST', path, cookies[caller], 'application/octet-stream', body, { accept: 'application/json' }), /kind|item|nb|type|photo|audio|recording|file|JPEG|PNG|WebM|larger|lydopptak|bilde/i));
});

// ---------------------------------------------------------------------------------------------
// Form actions

interface ActionSpec {
	name: string;
	caller: Caller;
	/** The action's URL; it may vary (route ids that do not exist or are someone else's). */
	path: (enc: Encoding) => fc.Arbitrary<string>;
	/** Complete forms, each wrong in at least one way. */
	fields: (enc: Encoding) => fc.Arbitrary<Entries>;
	names: RegExp;
	redirectOk?: boolean;
	/** Every field may be left out (the workplace card: an empty card is a card). */
	allOptional?: boolean;
}

const at = (path: string) => () => fc.constant(path);
/** A URL whose route id is wrong: someone else's, not there, or not an id. */
const wrongRouteId = (prefix: string, action: string, others: string[]) =>
	fc.oneof(fc.uuid(), fc.constantFrom(...others, 'x', '0', '%00', '%E2%80%AE', 't-nope', `${randomUUID()}%20`), fc.string({ minLength: 1, maxLength: 300 }).filter((s) => s !== '.' && s !== '..').map(encodeURIComponent)).map((id) => `${prefix}/${id}?/${action}`);
/** Mostly the right route, sometimes a wrong id in it. */
const routeOr = (right: string, prefix: string, action: string, others: () => string[]) => () => fc.oneof({ arbitrary: fc.constant(`${prefix}/${right}?/${action}`), weight: 3 }, wrongRouteId(prefix, action, others()));

/** The valid form with one or two of its fields made wrong (and sometimes junk fields added). */
function mutate(valid: Record<string, string>, bad: Record<string, fc.Arbitrary<FieldValue>>): fc.Arbitrary<Entries> {
	const keys = Object.keys(bad);
	return fc
		.tuple(fc.subarray(keys, { minLength: 1, maxLength: Math.min(2, keys.length) }), fc.array(fc.tuple(fc.string({ maxLength: 8 }).map((k) => `zz${k}`), fc.string({ maxLength: 20 })), { maxLength: 2 }))
		.chain(([chosen, junk]) =>
			fc.tuple(...chosen.map((k) => bad[k]!)).map((values) => {
				const entries: Entries = Object.entries(valid).map(([k, v]) => [k, v]);
				chosen.forEach((k, i) => {
					const at = entries.findIndex(([name]) => name === k);
					if (at >= 0) entries[at] = [k, values[i]!];
					else entries.push([k, values[i]!]);
				});
				return [...entries, ...junk] as Entries;
			})
		);
}

/** Codes that are never a live code of the caller: they have a 0 (never in a made code), or are someone else's. */
const badCode = (enc: Encoding, others: () => string[]) =>
	fc.oneof(badWord(enc, () => false).filter((v) => v === MISSING || typeof v !== 'string' || v.includes('0') || !/^[A-Z0-9]{4,32}$/.test(v)), fc.stringMatching(/^[A-Z0-9]{2,20}$/).map((s) => `Z0${s}`), fc.constantFrom(...others()));

const item = (over: Record<string, string> = {}) => ({ nb: `fuzz ${randomUUID().slice(0, 8)}`, example: 'Et eksempel.', level: 'A1', ...over });
const itemBad = (enc: Encoding): Record<string, fc.Arbitrary<FieldValue>> => ({
	nb: badText(enc, 1, 200),
	example: badText(enc, 1, 300),
	level: badWord(enc, (s) => ['pre-A1', 'A1', 'A2', 'B1', 'B2'].includes(s)),
	emoji: fc.oneof(tooLong(16), withNul)
});

const ISO_DATE = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().slice(0, 10) === s;
const assignBad = (enc: Encoding): Record<string, fc.Arbitrary<FieldValue>> => ({
	// (Sets are shared within the organisation: another teacher's set may be given, so it is not here.)
	setId: fc.oneof(fc.constantFrom<FieldValue>(MISSING, '', 'nope', 't-nope', ' safety', 'SAFETY', 't-%00'), withNul, huge, ...(enc === 'multipart' ? [fileValue] : [])),
	dueDate: fc.oneof(fc.constantFrom('2026-02-31', '2026-13-01', '2026-00-10', '0000-01-01', '99999-01-01', '2026-1-1', 'tomorrow', '1e308', 'NaN', '2026-12-24T00:00:00Z', '2026-12-24\u0000'), huge, invalidUtf8, ...(enc === 'multipart' ? [fileValue] : [])),
	goal: fc.oneof(fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e308', '-0', '0', '5', '101', 'abc', ' ', '50%', '0x10', '١٠٠', '-50'), huge, invalidUtf8, ...(enc === 'multipart' ? [fileValue] : []))
});
const ASSIGN_NAMES = /sett|setId|dueDate|goal|date|Invalid/i;

const cardFields = ['address', 'startTime', 'breaks', 'contactName', 'wear', 'absence', 'equipment', 'eat', 'firstWeek'];

const ACTIONS: ActionSpec[] = [
	{
		name: 'login',
		caller: 'anonymous',
		path: at('/login'),
		fields: (enc) => mutate({ email: 'larer2@demo.no', password: PASSWORD }, { email: badWord(enc, (s) => s.trim().toLowerCase() === 'larer2@demo.no'), password: badWord(enc, (s) => s === PASSWORD) }),
		names: /e-post|passord|forsøk/i
	},
	{
		// The current password is never the right one, so no valid change can slip through.
		name: 'account: change password',
		caller: 'other-teacher',
		path: at('/account?/password'),
		fields: (enc) => mutate({ current: 'ikke-passordet-1', next: 'et-nytt-passord-1', repeat: 'et-nytt-passord-1' }, { current: badText(enc, 1, 200), next: badText(enc, 10, 200), repeat: badText(enc, 10, 200) }),
		names: /passord|forsøk|like|tegn|logg inn/i
	},
	{ name: 'logout here', caller: 'anonymous', path: at('/logout?/here'), fields: (enc) => mutate({}, { x: badText(enc, 1, 10) }), names: /./, redirectOk: true },
	{ name: 'logout everywhere', caller: 'anonymous', path: at('/logout?/everywhere'), fields: (enc) => mutate({}, { x: badText(enc, 1, 10) }), names: /./, redirectOk: true },
	{
		name: 'invite (set a password)',
		caller: 'anonymous',
		path: () => fc.oneof(fc.constant(null).map(() => `/invite/${ids.inviteToken}`), fc.string({ minLength: 1, maxLength: 200 }).map((t) => `/invite/${encodeURIComponent(t)}`)),
		fields: (enc) =>
			fc.oneof(
				// Too short, or the two not alike.
				fc.string({ maxLength: 9 }).map((p): Entries => [['password', p], ['repeat', p]]),
				fc.tuple(fc.string({ minLength: 10 }), fc.string({ minLength: 10 })).filter(([a, b]) => a !== b).map(([a, b]): Entries => [['password', a], ['repeat', b]]),
				mutate({ password: 'et-godt-passord', repeat: 'et-godt-passord' }, { password: enc === 'multipart' ? fc.oneof(fileValue, fc.constant<FieldValue>(MISSING)) : fc.constant<FieldValue>(MISSING), repeat: fc.constant<FieldValue>(MISSING) }).filter((e) => e.some(([, v]) => v === MISSING || (typeof v === 'object' && 'file' in v))),
				...(enc === 'multipart' ? [fileValue.map((f): Entries => [['password', f], ['repeat', f]])] : [])
			),
		names: /passord|lenken|forsøk/i
	},
	{
		name: 'admin: create staff',
		caller: 'teacher',
		path: at('/admin/staff?/create'),
		fields: (enc) =>
			mutate(
				{ email: `ny-${randomUUID().slice(0, 6)}@demo.no`, name: 'Ny Ansatt', role: 'teacher' },
				{ email: fc.oneof(badWord(enc, (s) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s.trim())), fc.constantFrom('larer@demo.no', 'LARER@demo.no', ' jobb@demo.no ')), name: badText(enc, 2, 80), role: badWord(enc, (s) => ['teacher', 'specialist', 'workplace'].includes(s)) }
			),
		names: /^(email|name|role)\b/
	},
	{ name: 'teach: new group', caller: 'teacher', path: at('/teach?/group'), fields: (enc) => mutate({ name: 'Ny gruppe' }, { name: badText(enc, 2, 80) }), names: /navn|name/i },
	{ name: 'teach: new code', caller: 'teacher', path: at('/teach?/code'), fields: (enc) => mutate({ group: '' }, { group: badId(enc, [ids.otherGroup], [ids.group]) }), names: /gruppe/i },
	{ name: 'teach: stop a code', caller: 'teacher', path: at('/teach?/revoke'), fields: (enc) => mutate({ code: '' }, { code: badCode(enc, () => [ids.caseloadCodeOfSpecialist]) }), names: /kode/i },
	{ name: 'caseload: stop a code', caller: 'specialist', path: at('/teach/caseload?/revoke'), fields: (enc) => mutate({ code: '' }, { code: badCode(enc, () => ['DEMO24']) }), names: /kode/i },
	{
		name: 'group: assign',
		caller: 'teacher',
		path: routeOr('', '/teach/groups', 'assign', () => [ids.otherGroup]),
		fields: (enc) => mutate({ setId: 'safety', dueDate: '', goal: '' }, assignBad(enc)),
		names: new RegExp(`${ASSIGN_NAMES.source}|gruppen`, 'i')
	},
	{ name: 'group: unassign', caller: 'teacher', path: routeOr('', '/teach/groups', 'unassign', () => [ids.otherGroup]), fields: (enc) => mutate({}, { assignment: badId(enc, [], [ids.assignment]) }), names: /assignment|gruppen/i },
	{ name: 'group: remove a member', caller: 'teacher', path: routeOr('', '/teach/groups', 'remove', () => [ids.otherGroup]), fields: (enc) => mutate({}, { participant: badId(enc, [ids.caseloadParticipant], [ids.participant]) }), names: /participant|gruppen/i },
	{ name: 'group: stop a code', caller: 'teacher', path: routeOr('', '/teach/groups', 'revoke', () => [ids.otherGroup]), fields: (enc) => mutate({}, { code: badCode(enc, () => [ids.caseloadCodeOfSpecialist]) }), names: /kode|gruppen/i },
	{ name: 'group: new code (wrong group only)', caller: 'teacher', path: () => wrongRouteId('/teach/groups', 'code', [ids.otherGroup]), fields: (enc) => mutate({}, { x: badText(enc, 1, 5) }), names: /gruppen/i },
	{ name: 'participant: transfer (unrelated only)', caller: 'teacher', path: () => wrongRouteId('/teach/participants', 'transfer', [ids.caseloadParticipant]), fields: (enc) => mutate({}, { x: badText(enc, 1, 5) }), names: /deltakeren/i },
	{ name: 'participant: clear PIN (unrelated only)', caller: 'teacher', path: () => wrongRouteId('/teach/participants', 'clearPin', [ids.caseloadParticipant]), fields: (enc) => mutate({}, { x: badText(enc, 1, 5) }), names: /deltakeren/i },
	{
		name: 'participant: reply to a recording',
		caller: 'teacher',
		path: routeOr('', '/teach/participants', 'reply', () => [ids.caseloadParticipant]),
		fields: (enc) =>
			fc.oneof(
				mutate({ message: '', text: 'Bra!' }, { message: badId(enc, [], [ids.recording]) }),
				fc.tuple(fc.constantFrom<FieldValue>(MISSING, '', '   '), fc.constantFrom<FieldValue>(MISSING, '', '/media/x', `/media/${randomUUID()}x`, 'https://evil.example/a.webm')).map(([text, audio]): Entries => [['message', ids.recording], ['text', text], ['audio', audio]])
			),
		names: /reply|recording|deltakeren/i
	},
	{ name: 'participant: assign', caller: 'teacher', path: routeOr('', '/teach/participants', 'assign', () => [ids.caseloadParticipant]), fields: (enc) => mutate({ setId: 'safety', dueDate: '', goal: '' }, assignBad(enc)), names: new RegExp(`${ASSIGN_NAMES.source}|deltakeren`, 'i') },
	{
		name: 'sets: copy',
		caller: 'teacher',
		path: at('/teach/sets?/copy'),
		fields: (enc) => mutate({ basedOn: 'safety', title: 'Kopi' }, { title: badText(enc, 2, 80), basedOn: fc.oneof(fc.constantFrom<FieldValue>('nope', 'SAFETY', ' safety', '../safety', ''), fc.constant(null).map(() => ids.otherSet), withNul, huge) }),
		names: /navn|settet|basedOn|items|title/i
	},
	{ name: 'sets: create', caller: 'teacher', path: at('/teach/sets?/create'), fields: (enc) => mutate({ title: 'Nytt sett', ...item() }, { title: badText(enc, 2, 80), ...itemBad(enc) }), names: /navn|settet|^(nb|example|level|emoji|title)\b/i },
	{ name: 'set: meta', caller: 'teacher', path: routeOr('', '/teach/sets', 'meta', () => [ids.otherSet, 'safety']), fields: (enc) => mutate({ title: 'Nytt navn', emoji: '📦' }, { title: badText(enc, 2, 80), emoji: badText(enc, 1, 16) }), names: /^(title|emoji)\b|settet/i },
	{ name: 'set: add', caller: 'teacher', path: routeOr('', '/teach/sets', 'add', () => [ids.otherSet, 'safety']), fields: (enc) => fc.oneof(mutate(item(), itemBad(enc)), fc.constant(null).map((): Entries => Object.entries({ ...item(), nb: 'stopp! ' }))), names: /^(nb|example|level|emoji)\b|settet/i },
	{
		name: 'set: update',
		caller: 'teacher',
		path: routeOr('', '/teach/sets', 'update', () => [ids.otherSet]),
		fields: (enc) =>
			fc.oneof(
				mutate({ item: '', ...item() }, { item: badId(enc, ['safety.stop', `${ids.otherSet}.stopp`], ids.setItems) }),
				fc.constant(null).chain(() => mutate({ item: ids.setItems[0]!, ...item() }, itemBad(enc)))
			),
		names: /^(item|nb|example|level|emoji)\b|settet/i
	},
	{ name: 'set: remove an item', caller: 'teacher', path: routeOr('', '/teach/sets', 'remove', () => [ids.otherSet]), fields: (enc) => mutate({}, { item: badId(enc, ['safety.stop'], ids.setItems) }), names: /^(item|items)\b|settet/i },
	{
		name: 'set: import',
		caller: 'teacher',
		path: routeOr('', '/teach/sets', 'import', () => [ids.otherSet]),
		fields: (enc) =>
			enc === 'url'
				? fc.constantFrom<Entries>([], [['file', 'nb;example\nhei;hei der']], [['file', '']])
				: fc.oneof(
						fc.constantFrom<Entries>([], [['file', '']], [['file', 'nb,example']]),
						fc.record({ file: fc.uint8Array({ maxLength: 3000 }), name: fc.constantFrom('a.csv', 'a.yaml', 'a.yml', 'a.txt', ''), type: fc.constant('text/csv') }).map((f): Entries => [['file', f]]),
						fc
							.tuple(fc.constantFrom('a.csv', 'a.yaml'), fc.constantFrom('nb;example\n"unclosed;x\n', 'nb;example\nStopp!;Stopp!\n', 'nb,en\nhei,hi\n', '- nb: [\n', 'items:\n  - nb: hei\n', '-\n', '[null, 1, "x"]', '\ufeffnorsk;eksempel\n;\n', 'nb;example\n' + 'a;b\n'.repeat(600)))
							.map(([name, text]): Entries => [['file', { file: Buffer.from(text), name, type: 'text/plain' }]])
					),
		names: /file|Ingenting|rad|row|item|line|settet/i
	},
	{ name: 'suggestions: approve', caller: 'specialist', path: at('/teach/suggestions?/approve'), fields: (enc) => mutate({}, { suggestion: badId(enc, [], [ids.suggestionId]) }), names: /forslaget/i },
	{ name: 'suggestions: reject', caller: 'teacher', path: at('/teach/suggestions?/reject'), fields: (enc) => mutate({}, { suggestion: badId(enc, [ids.suggestionId]) }), names: /forslaget/i },
	{ name: 'workplaces: create', caller: 'specialist', path: at('/teach/workplaces?/create'), fields: (enc) => mutate({ name: 'Ny plass' }, { name: badText(enc, 2, 80) }), names: /navnet/i },
	{
		name: 'workplace: card',
		caller: 'specialist',
		path: routeOr('', '/teach/workplaces', 'card', () => []),
		fields: (enc) => mutate({ address: 'Veien 2' }, { ...Object.fromEntries(cardFields.map((f) => [f, fc.oneof(tooLong(300), withNul, ...(enc === 'multipart' ? [fileValue] : []))])), contactPhone: badWord(enc, (s) => /^$|^\+?[0-9 ]{8,16}$/.test(s.trim())).filter((v) => v !== MISSING) }),
		names: /^(address|startTime|breaks|contactName|contactPhone|wear|absence|equipment|eat|firstWeek)\b|arbeidsplassen/i,
		allOptional: true
	},
	{
		name: 'workplace: place',
		caller: 'specialist',
		path: routeOr('', '/teach/workplaces', 'place', () => []),
		fields: (enc) => fc.oneof(mutate({ startDate: '2026-09-01' }, { participant: badId(enc, [ids.participant], [ids.caseloadParticipant]) }), mutate({ participant: ids.caseloadParticipant, startDate: '' }, { startDate: badWord(enc, ISO_DATE).filter((v) => v !== MISSING && v !== '') })),
		names: /participant|startDate|arbeidsplassen/i
	},
	{ name: 'workplace: invite', caller: 'specialist', path: routeOr('', '/teach/workplaces', 'invite', () => []), fields: (enc) => mutate({ name: 'Ny Leder', email: `leder-${randomUUID().slice(0, 6)}@x.example` }, { name: badText(enc, 2, 80), email: fc.oneof(badWord(enc, (s) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s.trim())), fc.constantFrom('larer@demo.no', 'fadder@matrise.example')) }), names: /navnet|e-post|email|arbeidsplassen/i },
	{
		name: 'workplace page: suggest a word',
		caller: 'fadder',
		path: at('/workplace?/suggest'),
		fields: (enc) =>
			mutate(
				{ workplace: 'OWN', nb: 'ordet', example: '', photo: '', audio: '' },
				{ workplace: badId(enc, [ids.otherGroup], [ids.workplace]), nb: badText(enc, 1, 200), example: fc.oneof(tooLong(300), withNul), photo: badWord(enc, (s) => /^$|^\/media\/[0-9a-f-]{36}$/.test(s)).filter((v) => v !== MISSING), audio: badWord(enc, (s) => /^$|^\/media\/[0-9a-f-]{36}$/.test(s)).filter((v) => v !== MISSING) }
			).map((e) => {
				// Only the fadder's own workplace when another field is wrong.
				const w = e.find(([k]) => k === 'workplace')!;
				if (w[1] === 'OWN') w[1] = ids.workplace;
				return e;
			}),
		names: /ordet|arbeidsplassen|^(nb|example|photo|audio|workplace)\b/i
	}
];

/** Route ids that are right for the cast: filled in when the path has none. */
const fillRoute = (path: string) =>
	path
		.replace('/teach/groups/?', `/teach/groups/${ids.group}?`)
		.replace('/teach/participants/?', `/teach/participants/${ids.participant}?`)
		.replace('/teach/sets/?', `/teach/sets/${ids.set}?`)
		.replace('/teach/workplaces/?', `/teach/workplaces/${ids.workplace}?`);

for (const spec of ACTIONS) {
	step(`form action ${spec.name}: wrong forms get fail(4xx) naming the problem, never 5xx`, async () => {
		const requests = fc.oneof(
			{ arbitrary: fc.constantFrom<Encoding>('url', 'multipart').chain((enc) => fc.record({ path: spec.path(enc), form: spec.fields(enc).map((e) => encodeForm(e, enc)) })), weight: 5 },
			{ arbitrary: fc.record({ path: spec.path('url'), form: spec.allOptional ? notAForm : fc.oneof(notAForm, junkUrlencoded) }), weight: 1 }
		);
		await fuzz(spec.name, requests, async ({ path, form }) => {
			const r = await send('POST', fillRoute(path), cookies[spec.caller], form.type, form.body, { accept: 'application/json', 'x-sveltekit-action': 'true' });
			// SvelteKit itself answers a body that is not a form with 415, in its own words.
			if (r.status === 415) return null;
			// Besides the action's own messages: the form checks every action shares (hooks.server.ts),
			// "field: reason", and SvelteKit's own 413.
			return judgeAction(r, new RegExp(`${spec.names.source}|^[\\w-]+: |the form could not be read|a field name|too large`, spec.names.flags.includes('i') ? spec.names.flags : spec.names.flags + 'i'), { redirectOk: spec.redirectOk });
		});
	});
}

/**
 * One test, so one server and one database from the snapshot to the comparison: each endpoint
 * and action is a step, and a step that finds problems does not stop the others.
 */
test('fuzzing every JSON endpoint and form action: no 5xx, a message naming the problem, nothing written', async () => {
	test.setTimeout(600_000);
	for (const [name, run] of steps) await test.step(name, run);
	await test.step('nothing was written: every table as it was before the fuzzing', nothingWritten);
});

async function nothingWritten() {
	await server.stop();
	const after = await fingerprint(server.databaseUrl);
	const changed = [...after].filter(([table, print]) => before.get(table) !== print).map(([table, print]) => `${table}: ${before.get(table)} → ${print}`);
	expect(changed).toEqual([]);
	expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
}
