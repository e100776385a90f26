import { requireStaff } from '$lib/server/auth/guard';
import { database } from '$lib/server/database';
import { canView, visibleScopes } from '$lib/server/access';
import { findSet } from '$lib/server/custom-sets';
import type { Database } from '$lib/server/db';
import type { SessionUser } from '$lib/server/auth/sessions';
import { activity, assignedSets, caseload, checkinHistory } from '$lib/server/reports';
import { activeCaseloadCodes, createJoinCode, revokeCodeAction } from '$lib/server/join-codes';
import { joinCodeView } from '$lib/server/qr';
import { nextFollowUp } from '$lib/follow-up';
import type { Actions, PageServerLoad } from './$types';

async function trainingTitles(db: Database, me: SessionUser, participantId: string) {
	const titles = [];
	for (const a of await assignedSets(db, participantId)) {
		const set = await findSet(db, me, a.setId);
		if (set) titles.push(`${set.emoji} ${set.title.nb}`);
	}
	return [...new Set(titles)];
}

/** The job specialist's participants and the codes that bring new ones in. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const me = requireStaff(locals, url, 'specialist');
	const db = await database();
	const people = await caseload(db, me.id);
	return {
		people: await Promise.all(
			people.map(async (p) => {
				const shared = await visibleScopes(db, me, p.id);
				// Each figure only as shared, and each look logged by the access check.
				const training = shared.sets && (await canView(db, me, p.id, 'sets')) ? await trainingTitles(db, me, p.id) : null;
				const practice = shared.activity && (await canView(db, me, p.id, 'activity')) ? await activity(db, p.id) : null;
				const follow = shared.checkins && (await canView(db, me, p.id, 'checkins')) ? await checkinHistory(db, p.id) : null;
				return { ...p, shared, training, daysPractised: practice?.days ?? null, checkinFlag: follow ? follow.flag : null, next: p.startDate ? nextFollowUp(p.startDate, new Date().toISOString().slice(0, 10)) : null };
			})
		),
		codes: (await activeCaseloadCodes(db, me.id)).map((c) => ({ ...c, ...joinCodeView(url.origin, c.code) }))
	};
};

export const actions: Actions = {
	create: async ({ locals, url }) => {
		const me = requireStaff(locals, url, 'specialist');
		const made = await createJoinCode(await database(), me, { kind: 'caseload' });
		return { created: made.code };
	},
	revoke: async ({ locals, url, request }) => revokeCodeAction(await database(), requireStaff(locals, url, 'specialist'), request)
};
