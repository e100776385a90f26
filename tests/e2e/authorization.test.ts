import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from '@playwright/test';
import { useServer } from './harness';
import { http, makeCast, PNG_1X1, WEBM_HEADER, type Caller, type Ids } from './callers';

/**
 * The authorization matrix over HTTP: every staff page, form action and JSON endpoint, for
 * every kind of caller, with the participant's grant on and off. A route file that is not in
 * the table fails the first test, so nothing new ships unchecked.
 */
const server = useServer({ speech: false });
const { get, postJson, postForm } = http(() => server().url);

type Expect = 'allow' | 'deny' | 'shared' | 'not-shared';
interface Row {
	route: string;
	check: (c: Caller, granted: boolean) => Expect;
	run: (cookie: string, ids: Ids) => Promise<Response>;
	/** How a response shows allow and deny for this route. */
	judge: (res: Response, body: string) => Expect;
}

const sameOrg = (c: Caller) => (c === 'anonymous' ? 'deny' : 'allow');
const onlyTeacher = (c: Caller): Expect => (c === 'teacher' ? 'allow' : 'deny');

const staffOnly = (c: Caller) => (['teacher', 'other-teacher', 'specialist'].includes(c) ? 'allow' : 'deny');
const participantOnly = (c: Caller) => (c === 'participant' || c === 'other-participant' ? 'allow' : 'deny');
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
				body: WEBM_HEADER
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
	{ route: '(staff)/account', check: (c) => (staffOnly(c) === 'allow' || c === 'fadder' ? 'allow' : 'deny'), run: (cookie) => get('/account', cookie), judge: byStatus },
	{
		route: '(staff)/account',
		// Changing one's own password: any staff member, for their own account only (a wrong current
		// password is used so that no caller's session ends).
		check: (c) => (staffOnly(c) === 'allow' || c === 'fadder' ? 'allow' : 'deny'),
		run: (cookie) => postForm('/account?/password', cookie, { current: 'not-the-password-1', next: 'et-nytt-passord-1', repeat: 'et-nytt-passord-1' }),
		judge: (res, body) => (res.status === 400 && body.includes('er feil') ? 'allow' : 'deny')
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
	const { cookies, ids } = await makeCast(http(server().url));
	const mismatches: string[] = [];
	for (const granted of [false, true]) {
		await postJson('/api/sharing', cookies.participant, { audience: 'teacher', scope: 'activity', granted });
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
