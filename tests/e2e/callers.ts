import { expect } from '@playwright/test';

/**
 * Everyone who calls the server in the HTTP tests (authorization matrix, fuzzing): how each
 * kind of caller signs in, and a small world to act on. Plain `fetch` with the site's own
 * Origin, as the browser sends it.
 */
export const PASSWORD = 'demo-passord-2026';
export const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
/** The first bytes of a WebM file: enough for the server to take it as a recording. */
export const WEBM_HEADER = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84, 0x77, 0x65, 0x62, 0x6d]);

export type Caller = 'anonymous' | 'participant' | 'other-participant' | 'teacher' | 'other-teacher' | 'specialist' | 'fadder';

export interface Ids {
	participant: string;
	group: string;
	/** A fresh code made by the demo teacher for the demo group, and one by the job specialist. */
	groupCode: () => Promise<string>;
	caseloadCode: () => Promise<string>;
	/** A set the demo teacher made, and a photo they uploaded. */
	set: string;
	media: string;
	/** A recording the participant sent to the demo teacher. */
	recording: string;
	/** A workplace the job specialist keeps (the fadder's), and a fresh word suggestion from it. */
	workplace: string;
	suggestion: () => Promise<string>;
}

export type Http = ReturnType<typeof http>;

/**
 * Requests to the server at `base` (a getter when the server starts later, in beforeAll), with
 * `headers` added to each (e.g. a client address when the server reads it from a header).
 */
export function http(base: string | (() => string), headers: () => Record<string, string> = () => ({})) {
	const url = () => (typeof base === 'string' ? base : base());
	const get = (path: string, cookie: string) => fetch(url() + path, { headers: { cookie, accept: 'text/html,application/json', ...headers() }, redirect: 'manual' });
	const postJson = (path: string, cookie: string, body: unknown) =>
		fetch(url() + path, { method: 'POST', headers: { cookie, 'content-type': 'application/json', accept: 'application/json', origin: url(), ...headers() }, body: JSON.stringify(body) });
	const postForm = (path: string, cookie: string, fields: Record<string, string>) =>
		fetch(url() + path, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: url(), accept: 'text/html', ...headers() }, body: new URLSearchParams(fields), redirect: 'manual' });
	const upload = (path: string, cookie: string, type: string, body: Buffer) => fetch(url() + path, { method: 'POST', headers: { cookie, 'content-type': type, origin: url(), ...headers() }, body: new Uint8Array(body) });
	/** A phone joins with a code (the demo group's by default): its device session cookie and participant id. */
	const join = async (name: string, code = 'DEMO24') => {
		const res = await postJson('/api/join', '', { code, name });
		expect(res.status, `join ${name}`).toBe(200);
		const body = (await res.json()) as { participant: { id: string } };
		return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, id: body.participant.id };
	};
	/** A staff session cookie (the demo accounts share one password). */
	const login = async (email: string, password = PASSWORD) => {
		const res = await postForm('/login', '', { email, password });
		expect(res.status, email).toBe(303);
		return res.headers.get('set-cookie')!.split(';')[0]!;
	};
	/** A code shown on a staff page after a form action that makes one. */
	const newCode = async (path: string, cookie: string, fields: Record<string, string>) => {
		const body = await (await postForm(path, cookie, fields)).text();
		return /data-testid="new-code">([A-Z0-9]+)</.exec(body)![1]!;
	};
	return { url, get, postJson, postForm, upload, join, login, newCode };
}

/**
 * Every kind of caller, signed in, and something of each kind to act on: two participants in
 * the demo group, the demo teachers and job specialist, a workplace with a fadder who accepted
 * the invitation, a set, a photo, a recording and word suggestions.
 */
export async function makeCast(h: Http): Promise<{ cookies: Record<Caller, string>; ids: Ids }> {
	const me = await h.join('Amina');
	const other = await h.join('Ali');
	const cookies: Record<Caller, string> = {
		anonymous: '',
		participant: me.cookie,
		'other-participant': other.cookie,
		teacher: await h.login('larer@demo.no'),
		'other-teacher': await h.login('larer2@demo.no'),
		specialist: await h.login('jobb@demo.no'),
		fadder: ''
	};
	// A workplace with an invited fadder who has set a password.
	const created = await h.postForm('/teach/workplaces?/create', cookies.specialist, { name: 'Matrise AS' });
	const workplace = created.headers.get('location')!.split('/').at(-1)!;
	const invited = await (await h.postForm(`/teach/workplaces/${workplace}?/invite`, cookies.specialist, { name: 'Fadder', email: 'fadder@matrise.example' })).text();
	const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(invited)![1]!;
	const accepted = await h.postForm(`/invite/${token}`, '', { password: 'fadder-passord-1', repeat: 'fadder-passord-1' });
	expect(accepted.status).toBe(303);
	cookies.fadder = accepted.headers.get('set-cookie')!.split(';')[0]!;
	const teacherPage = await (await h.get('/teach', cookies.teacher)).text();
	const copied = await h.postForm('/teach/sets?/copy', cookies.teacher, { basedOn: 'safety', title: 'Lager' });
	const uploaded = await h.upload('/api/media?kind=photo', cookies.teacher, 'image/png', PNG_1X1);
	const sentRecording = await h.upload('/api/recordings?item=safety.stop&nb=Stopp', me.cookie, 'audio/webm', WEBM_HEADER);
	const ids: Ids = {
		workplace,
		suggestion: async () => {
			await h.postForm('/workplace?/suggest', cookies.fadder, { workplace, nb: `ord ${Math.random()}`, example: '', photo: '', audio: '' });
			const list = await (await h.get('/teach/suggestions', cookies.specialist)).text();
			return [...list.matchAll(/name="suggestion" value="([0-9a-f-]{36})"/g)].at(-1)![1]!;
		},
		recording: ((await sentRecording.json()) as { id: string }).id,
		set: copied.headers.get('location')!.split('/').at(-1)!,
		media: ((await uploaded.json()) as { link: string }).link,
		participant: me.id,
		group: /name="group" value="([0-9a-f-]{36})"/.exec(teacherPage)![1]!,
		groupCode: () => h.newCode('/teach?/code', cookies.teacher, { group: ids.group }),
		caseloadCode: () => h.newCode('/teach/caseload?/create', cookies.specialist, {})
	};
	return { cookies, ids };
}
