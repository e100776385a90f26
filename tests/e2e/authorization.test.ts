import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from '@playwright/test';
import { useServer } from './harness';

/**
 * The authorization matrix over HTTP: every staff page, form action and JSON endpoint, for
 * every kind of caller, with the participant's grant on and off. A route file that is not in
 * the table fails the first test, so nothing new ships unchecked.
 */
const server = useServer({ speech: false });
const PASSWORD = 'demo-passord-2026';

type Caller = 'anonymous' | 'participant' | 'other-participant' | 'teacher' | 'other-teacher' | 'specialist' | 'fadder';
type Expect = 'allow' | 'deny' | 'shared' | 'not-shared';
interface Row {
	route: string;
	check: (c: Caller, granted: boolean) => Expect;
	run: (cookie: string, ids: Ids) => Promise<Response>;
	/** How a response shows allow and deny for this route. */
	judge: (res: Response, body: string) => Expect;
}

interface Ids {
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

const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const sameOrg = (c: Caller) => (c === 'anonymous' ? 'deny' : 'allow');
const onlyTeacher = (c: Caller): Expect => (c === 'teacher' ? 'allow' : 'deny');

const staffOnly = (c: Caller) => (['teacher', 'other-teacher', 'specialist'].includes(c) ? 'allow' : 'deny');
const participantOnly = (c: Caller) => (c === 'participant' || c === 'other-participant' ? 'allow' : 'deny');
const get = (path: string, cookie: string) => fetch(server().url + path, { headers: { cookie, accept: 'text/html,application/json' }, redirect: 'manual' });
const postJson = (path: string, cookie: string, body: unknown) =>
	fetch(server().url + path, { method: 'POST', headers: { cookie, 'content-type': 'application/json', accept: 'application/json', origin: server().url }, body: JSON.stringify(body) });
const postForm = (path: string, cookie: string, fields: Record<string, string>) =>
	fetch(server().url + path, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: server().url, accept: 'text/html' }, body: new URLSearchParams(fields), redirect: 'manual' });
/** 2xx is allowed; a redirect to the login page, 401, 403 and 404 are denied. */
const byStatus = (res: Response): Expect => (res.status < 300 ? 'allow' : 'deny');

const TABLE: Row[] = [
	{ route: '(staff)/login', check: () => 'allow', run: (cookie) => get('/login', cookie), judge: (res) => (res.status === 200 || res.status === 303 ? 'allow' : 'deny') },
	{ route: '(staff)/logout', check: () => 'allow', run: () => postForm('/logout?/here', '', {}), judge: (res) => (res.status === 303 ? 'allow' : 'deny') },
	{ route: '(staff)/teach', check: (c) => staffOnly(c), run: (cookie) => get('/teach', cookie), judge: byStatus },
	{ route: '(staff)/teach/content', check: (c) => (c === 'teacher' || c === 'other-teacher' || c === 'specialist' ? 'allow' : 'deny'), run: (cookie) => get('/teach/content', cookie), judge: byStatus },
	{
		route: '(staff)/admin/staff',
		// Only the admin (the demo teacher) may list and create staff.
		check: (c) => (c === 'teacher' ? 'allow' : 'deny'),
		run: (cookie) => get('/admin/staff', cookie),
		judge: byStatus
	},
	{
		route: '(staff)/teach/participants/[id]',
		check: (c, granted) => (c === 'teacher' ? (granted ? 'shared' : 'not-shared') : 'deny'),
		run: (cookie, ids) => get(`/teach/participants/${ids.participant}`, cookie),
		judge: (res, body) => (res.status !== 200 ? 'deny' : body.includes('data-testid="activity"') ? 'shared' : body.includes('activity-not-shared') ? 'not-shared' : 'deny')
	},
	{
		route: '(staff)/teach/participants/[id]',
		// The form action that makes a new-phone code: only staff related to the participant.
		check: (c) => (c === 'teacher' ? 'allow' : 'deny'),
		run: (cookie, ids) => postForm(`/teach/participants/${ids.participant}?/transfer`, cookie, {}),
		judge: (res, body) => (res.status === 200 && body.includes('transfer-code') ? 'allow' : 'deny')
	},
	{
		route: '(staff)/teach/participants/[id]',
		// Removing a forgotten PIN: only staff related to the participant.
		check: (c) => (c === 'teacher' ? 'allow' : 'deny'),
		run: (cookie, ids) => postForm(`/teach/participants/${ids.participant}?/clearPin`, cookie, {}),
		judge: (res, body) => (res.status === 200 && body.includes('pin-cleared') ? 'allow' : 'deny')
	},
	{
		route: '(staff)/teach/participants/[id]',
		// A set for this participant alone: only their own teacher or job specialist.
		check: (c) => (c === 'teacher' ? 'allow' : 'deny'),
		run: (cookie, ids) => postForm(`/teach/participants/${ids.participant}?/assign`, cookie, { setId: 'safety', dueDate: '2026-12-24', goal: '80' }),
		judge: (res, body) => (res.status === 200 && body.includes('Settet er gitt til deltakeren') ? 'allow' : 'deny')
	},
	{
		route: '(staff)/teach',
		// A new join code: only for the teacher's own group.
		check: (c) => (c === 'teacher' ? 'allow' : 'deny'),
		run: (cookie, ids) => postForm('/teach?/code', cookie, { group: ids.group }),
		judge: (res, body) => (res.status === 200 && body.includes('data-testid="new-code"') ? 'allow' : 'deny')
	},
	{
		route: '(staff)/teach',
		check: (c) => (c === 'teacher' ? 'allow' : 'deny'),
		run: async (cookie, ids) => postForm('/teach?/revoke', cookie, { code: await ids.groupCode() }),
		judge: (res, body) => (res.status === 200 && body.includes('virker ikke lenger') ? 'allow' : 'deny')
	},
	{ route: '(staff)/teach/caseload', check: (c) => (c === 'specialist' ? 'allow' : 'deny'), run: (cookie) => get('/teach/caseload', cookie), judge: byStatus },
	{
		route: '(staff)/teach/caseload',
		check: (c) => (c === 'specialist' ? 'allow' : 'deny'),
		run: (cookie) => postForm('/teach/caseload?/create', cookie, {}),
		judge: (res, body) => (res.status === 200 && body.includes('data-testid="new-code"') ? 'allow' : 'deny')
	},
	{
		route: '(staff)/teach/caseload',
		check: (c) => (c === 'specialist' ? 'allow' : 'deny'),
		run: async (cookie, ids) => postForm('/teach/caseload?/revoke', cookie, { code: await ids.caseloadCode() }),
		judge: (res, body) => (res.status === 200 && body.includes('virker ikke lenger') ? 'allow' : 'deny')
	},
	// The teacher's own group: only they see it and act on it.
	{ route: '(staff)/teach/groups/[id]', check: onlyTeacher, run: (cookie, ids) => get(`/teach/groups/${ids.group}`, cookie), judge: byStatus },
	{
		route: '(staff)/teach/groups/[id]',
		check: onlyTeacher,
		run: (cookie, ids) => postForm(`/teach/groups/${ids.group}?/assign`, cookie, { setId: 'safety', dueDate: '', goal: '' }),
		judge: (res, body) => (res.status === 200 && body.includes('Settet er gitt') ? 'allow' : 'deny')
	},
	{
		route: '(staff)/teach/groups/[id]',
		check: onlyTeacher,
		run: (cookie, ids) => postForm(`/teach/groups/${ids.group}?/code`, cookie, {}),
		judge: (res, body) => (res.status === 200 && body.includes('data-testid="new-code"') ? 'allow' : 'deny')
	},
	{ route: '(staff)/teach/groups/[id]/sheet', check: onlyTeacher, run: (cookie, ids) => get(`/teach/groups/${ids.group}/sheet`, cookie), judge: byStatus },
	// Sets are shared within the organisation; only the owner changes one.
	{ route: '(staff)/teach/sets', check: staffOnly, run: (cookie) => get('/teach/sets', cookie), judge: byStatus },
	{ route: '(staff)/teach/sets/[id]', check: staffOnly, run: (cookie, ids) => get(`/teach/sets/${ids.set}`, cookie), judge: byStatus },
	{
		route: '(staff)/teach/sets/[id]',
		check: onlyTeacher,
		run: (cookie, ids) => postForm(`/teach/sets/${ids.set}?/meta`, cookie, { title: 'Lager', emoji: '📦' }),
		judge: (res, body) => (res.status === 200 && body.includes('Lagret.') ? 'allow' : 'deny')
	},
	{ route: '(staff)/teach/sets/[id]/export', check: staffOnly, run: (cookie, ids) => get(`/teach/sets/${ids.set}/export?format=csv`, cookie), judge: byStatus },
	{ route: '(staff)/teach/sets/[id]/labels', check: staffOnly, run: (cookie, ids) => get(`/teach/sets/${ids.set}/labels`, cookie), judge: byStatus },
	{
		route: 'api/media',
		// Staff upload photos and recordings for sets; a fadder for a suggested word.
		check: (c) => (staffOnly(c) === 'allow' || c === 'fadder' ? 'allow' : 'deny'),
		run: (cookie) =>
			fetch(server().url + '/api/media?kind=photo', { method: 'POST', headers: { cookie, 'content-type': 'image/png', origin: server().url }, body: PNG_1X1 }),
		judge: byStatus
	},
	{ route: 'media/[id]', check: sameOrg, run: (cookie, ids) => get(ids.media, cookie), judge: byStatus },
	// A recording goes from a participant to their own teacher; a participant with no teacher gets 409.
	{
		route: 'api/recordings',
		check: (c) => participantOnly(c),
		run: (cookie) =>
			fetch(server().url + '/api/recordings?item=safety.stop&nb=Stopp', {
				method: 'POST',
				headers: { cookie, 'content-type': 'audio/webm', origin: server().url },
				body: Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84, 0x77, 0x65, 0x62, 0x6d])
			}),
		judge: byStatus
	},
	{
		route: '(staff)/teach/recordings/[id]',
		check: onlyTeacher,
		run: async (cookie, ids) => get(`/teach/recordings/${ids.recording}`, cookie),
		judge: byStatus
	},
	// Workplaces: the job specialist keeps them; the employer or fadder sees only their own page.
	{ route: '(staff)/teach/workplaces', check: (c) => (c === 'specialist' ? 'allow' : 'deny'), run: (cookie) => get('/teach/workplaces', cookie), judge: byStatus },
	{ route: '(staff)/teach/workplaces/[id]', check: (c) => (c === 'specialist' ? 'allow' : 'deny'), run: (cookie, ids) => get(`/teach/workplaces/${ids.workplace}`, cookie), judge: byStatus },
	{
		route: '(staff)/teach/workplaces/[id]',
		check: (c) => (c === 'specialist' ? 'allow' : 'deny'),
		run: (cookie, ids) => postForm(`/teach/workplaces/${ids.workplace}?/card`, cookie, { address: 'Veien 1' }),
		judge: (res, body) => (res.status === 200 && body.includes('Kortet er lagret') ? 'allow' : 'deny')
	},
	{ route: '(staff)/workplace', check: (c) => (c === 'fadder' ? 'allow' : 'deny'), run: (cookie) => get('/workplace', cookie), judge: byStatus },
	{
		route: '(staff)/workplace',
		check: (c) => (c === 'fadder' ? 'allow' : 'deny'),
		run: (cookie, ids) => postForm('/workplace?/suggest', cookie, { workplace: ids.workplace, nb: 'kjølerommet', example: '', photo: '', audio: '' }),
		judge: (res, body) => (res.status === 200 && body.includes('Takk!') ? 'allow' : 'deny')
	},
	{ route: '(staff)/teach/suggestions', check: staffOnly, run: (cookie) => get('/teach/suggestions', cookie), judge: byStatus },
	{
		route: '(staff)/teach/suggestions',
		// Only staff of the people placed there decide; the demo participant is not placed at this workplace.
		check: (c) => (c === 'specialist' ? 'allow' : 'deny'),
		run: async (cookie, ids) => postForm('/teach/suggestions?/approve', cookie, { suggestion: await ids.suggestion() }),
		judge: (res, body) => (res.status === 200 && body.includes('Godkjent') ? 'allow' : 'deny')
	},
	// The invitation page is public: the token is the key (a wrong one shows "does not work").
	{ route: '(staff)/invite/[token]', check: () => 'allow', run: (cookie) => get('/invite/not-a-token', cookie), judge: byStatus },
	{ route: 'api/me/pin', check: (c) => participantOnly(c), run: (cookie) => get('/api/me/pin', cookie), judge: byStatus },
	{ route: 'api/me/pin', check: (c) => participantOnly(c), run: (cookie) => postJson('/api/me/pin', cookie, { pin: null }), judge: byStatus },
	{ route: 'api/join', check: () => 'allow', run: () => postJson('/api/join', '', { code: 'DEMO24', name: 'Ny' }), judge: byStatus },
	{ route: 'api/sync', check: (c) => participantOnly(c), run: (cookie) => postJson('/api/sync', cookie, { deviceId: 'x', cursor: 0, events: [] }), judge: byStatus },
	{ route: 'api/sharing', check: (c) => participantOnly(c), run: (cookie) => get('/api/sharing', cookie), judge: byStatus },
	{ route: 'api/me/export', check: (c) => participantOnly(c), run: (cookie) => get('/api/me/export', cookie), judge: byStatus },
	// Deleting is tested with a confirmation that is wrong on purpose: a 400 means the caller got past the access check.
	{ route: 'api/me/delete', check: (c) => participantOnly(c), run: (cookie) => postJson('/api/me/delete', cookie, { confirm: 'no' }), judge: (res) => (res.status === 400 ? 'allow' : 'deny') },
	{ route: 'api/logout', check: () => 'allow', run: () => postJson('/api/logout', '', {}), judge: byStatus }
];

function routeFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((f) => {
		const path = join(dir, f);
		if (statSync(path).isDirectory()) return routeFiles(path);
		return /^\+(page\.server|server)\.ts$/.test(f) ? [relative(join(import.meta.dirname, '../../src/routes'), dir)] : [];
	});
}

test('every staff page and endpoint has a row in the authorization matrix', () => {
	const routes = routeFiles(join(import.meta.dirname, '../../src/routes'));
	expect(routes.filter((r) => !TABLE.some((row) => row.route === r))).toEqual([]);
});

test('the matrix: every route × caller × shared or not', async () => {
	test.setTimeout(120_000);
	const join = async (name: string) => {
		const res = await postJson('/api/join', '', { code: 'DEMO24', name });
		const body = (await res.json()) as { participant: { id: string } };
		return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, id: body.participant.id };
	};
	const login = async (email: string) => {
		const res = await postForm('/login', '', { email, password: PASSWORD });
		expect(res.status, email).toBe(303);
		return res.headers.get('set-cookie')!.split(';')[0]!;
	};
	const me = await join('Amina');
	const other = await join('Ali');
	const cookies: Record<Caller, string> = {
		anonymous: '',
		participant: me.cookie,
		'other-participant': other.cookie,
		teacher: await login('larer@demo.no'),
		'other-teacher': await login('larer2@demo.no'),
		specialist: await login('jobb@demo.no'),
		fadder: ''
	};
	// A workplace with an invited fadder who has set a password.
	const created = await postForm('/teach/workplaces?/create', cookies.specialist, { name: 'Matrise AS' });
	const workplace = created.headers.get('location')!.split('/').at(-1)!;
	const invited = await (await postForm(`/teach/workplaces/${workplace}?/invite`, cookies.specialist, { name: 'Fadder', email: 'fadder@matrise.example' })).text();
	const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(invited)![1]!;
	const accepted = await postForm(`/invite/${token}`, '', { password: 'fadder-passord-1', repeat: 'fadder-passord-1' });
	expect(accepted.status).toBe(303);
	cookies.fadder = accepted.headers.get('set-cookie')!.split(';')[0]!;
	const teacherPage = await (await get('/teach', cookies.teacher)).text();
	const made = async (path: string, cookie: string, fields: Record<string, string>) => {
		const body = await (await postForm(path, cookie, fields)).text();
		return /data-testid="new-code">([A-Z0-9]+)</.exec(body)![1]!;
	};
	const copied = await postForm('/teach/sets?/copy', cookies.teacher, { basedOn: 'safety', title: 'Lager' });
	const uploaded = await fetch(server().url + '/api/media?kind=photo', { method: 'POST', headers: { cookie: cookies.teacher, 'content-type': 'image/png', origin: server().url }, body: PNG_1X1 });
	const sentRecording = await fetch(server().url + '/api/recordings?item=safety.stop&nb=Stopp', {
		method: 'POST',
		headers: { cookie: me.cookie, 'content-type': 'audio/webm', origin: server().url },
		body: Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84, 0x77, 0x65, 0x62, 0x6d])
	});
	const ids: Ids = {
		workplace,
		suggestion: async () => {
			await postForm('/workplace?/suggest', cookies.fadder, { workplace, nb: `ord ${Math.random()}`, example: '', photo: '', audio: '' });
			const list = await (await get('/teach/suggestions', cookies.specialist)).text();
			return [...list.matchAll(/name="suggestion" value="([0-9a-f-]{36})"/g)].at(-1)![1]!;
		},
		recording: ((await sentRecording.json()) as { id: string }).id,
		set: copied.headers.get('location')!.split('/').at(-1)!,
		media: ((await uploaded.json()) as { link: string }).link,
		participant: me.id,
		group: /name="group" value="([0-9a-f-]{36})"/.exec(teacherPage)![1]!,
		groupCode: () => made('/teach?/code', cookies.teacher, { group: ids.group }),
		caseloadCode: () => made('/teach/caseload?/create', cookies.specialist, {})
	};
	const mismatches: string[] = [];
	for (const granted of [false, true]) {
		await postJson('/api/sharing', me.cookie, { audience: 'teacher', scope: 'activity', granted });
		for (const row of TABLE) {
			for (const caller of Object.keys(cookies) as Caller[]) {
				const res = await row.run(cookies[caller], ids);
				const got = row.judge(res, await res.text());
				const want = row.check(caller, granted);
				if (got !== want) mismatches.push(`${row.route} as ${caller} (${granted ? 'granted' : 'revoked'}): expected ${want}, got ${got} (${res.status})`);
			}
		}
	}
	expect(mismatches).toEqual([]);
});
