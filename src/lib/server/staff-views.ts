import type { Database } from './db';
import type { SessionUser } from './auth/sessions';
import { canView, visibleScopes } from './access';
import { findSet, listSets } from './custom-sets';
import { builtInSets } from './content-facts';
import { groupAssignments } from './groups';
import { activeCaseloadCodes, activeGroupCodes } from './join-codes';
import { joinCodeView } from './qr';
import { activity, assignedSets, caseload, checkinHistory, groupProgress } from './reports';
import { nextFollowUp } from '../follow-up';

/**
 * What the two busiest staff pages load, as plain functions of the database and the viewer, so
 * the routes stay a table of contents and the scale benchmark measures exactly what they run.
 */

/** A teacher's group page: codes, assignments, each member's progress and the hardest words. */
export async function groupView(db: Database, me: SessionUser, group: { id: string; name: string }, origin: string) {
	const assigned = await groupAssignments(db, group.id);
	const sets = new Map<string, { id: string; nb: string }[]>();
	const titles: Record<string, string> = {};
	for (const a of assigned) {
		const set = await findSet(db, me, a.setId);
		sets.set(a.setId, set?.items.map((i) => ({ id: i.id, nb: i.nb })) ?? []);
		titles[a.setId] = set ? `${set.emoji} ${set.title.nb}` : a.setId;
	}
	const codes = (await activeGroupCodes(db, [group.id])).map((c) => c.code);
	return {
		group: { id: group.id, name: group.name },
		codes: codes.map((c) => joinCodeView(origin, c)),
		assignments: assigned.map((a) => ({ ...a, title: titles[a.setId]! })),
		progress: await groupProgress(db, me, group.id, assigned, sets),
		choices: {
			own: await listSets(db, me),
			builtIn: builtInSets().map((s) => ({ id: s.id, title: `${s.emoji} ${s.title.nb}` }))
		}
	};
}

async function trainingTitles(db: Database, me: SessionUser, participantId: string) {
	const titles = [];
	for (const a of await assignedSets(db, participantId)) {
		const set = await findSet(db, me, a.setId);
		if (set) titles.push(`${set.emoji} ${set.title.nb}`);
	}
	return [...new Set(titles)];
}

/** A job specialist's caseload page: each participant's shared figures and the codes that bring new ones in. */
export async function caseloadView(db: Database, me: SessionUser, origin: string) {
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
		codes: (await activeCaseloadCodes(db, me.id)).map((c) => ({ ...c, ...joinCodeView(origin, c.code) }))
	};
}
