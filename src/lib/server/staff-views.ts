import type { Database } from './db';
import type { SessionUser } from './auth/sessions';
import { logViews, viewable, type Scope } from './access';
import { findSet, listSets, setTitles } from './custom-sets';
import { builtInSets } from './content-facts';
import { groupAssignments } from './groups';
import { activeCaseloadCodes, activeGroupCodes } from './join-codes';
import { joinCodeView } from './qr';
import { assignedSetsOf, caseload, checkinHistories, groupProgress, practiceDaysSince } from './reports';
import { nextFollowUp } from '../follow-up';

/**
 * What the two busiest staff pages load, as plain functions of the database and the viewer, so
 * the routes stay a table of contents and the scale benchmark measures exactly what they run.
 */

/** A teacher's group page: codes, assignments, each member's progress and the hardest words. */
export async function groupView(db: Database, me: SessionUser, group: { id: string; name: string }, origin: string) {
	const assigned = await groupAssignments(db, group.id);
	// Independent reads go out together (the pool has several connections).
	const [found, codes, own] = await Promise.all([Promise.all(assigned.map((a) => findSet(db, me, a.setId))), activeGroupCodes(db, [group.id]), listSets(db, me)]);
	const sets = new Map<string, { id: string; nb: string }[]>();
	const titles: Record<string, string> = {};
	assigned.forEach((a, i) => {
		const set = found[i];
		sets.set(a.setId, set?.items.map((item) => ({ id: item.id, nb: item.nb })) ?? []);
		titles[a.setId] = set ? `${set.emoji} ${set.title.nb}` : a.setId;
	});
	return {
		group: { id: group.id, name: group.name },
		codes: codes.map((c) => joinCodeView(origin, c.code)),
		assignments: assigned.map((a) => ({ ...a, title: titles[a.setId]! })),
		progress: await groupProgress(db, me, group.id, assigned, sets),
		choices: {
			own,
			builtIn: builtInSets().map((s) => ({ id: s.id, title: `${s.emoji} ${s.title.nb}` }))
		}
	};
}

/** A job specialist's caseload page: each participant's shared figures and the codes that bring new ones in. A fixed number of queries, however long the caseload. */
export async function caseloadView(db: Database, me: SessionUser, origin: string) {
	const people = await caseload(db, me.id);
	const ids = people.map((p) => p.id);
	const shared = await viewable(db, me, ids);
	const showing = (scope: Scope) => ids.filter((id) => shared.get(id)![scope]);
	// Each figure only as shared, and each look logged; independent reads go out together.
	const [, assigned, days, follow, codes] = await Promise.all([
		logViews(db, me, (['sets', 'activity', 'checkins'] as const).flatMap((scope) => showing(scope).map((participantId) => ({ participantId, scope })))),
		assignedSetsOf(db, showing('sets')),
		practiceDaysSince(db, showing('activity'), new Date(Date.now() - 28 * 86_400_000)),
		checkinHistories(db, showing('checkins')),
		activeCaseloadCodes(db, me.id)
	]);
	const titles = await setTitles(db, me, [...new Set([...assigned.values()].flat().map((a) => a.setId))]);
	const training = (participantId: string) => [...new Set(assigned.get(participantId)!.flatMap((a) => titles.get(a.setId) ?? []))];
	const today = new Date().toISOString().slice(0, 10);
	return {
		people: people.map((p) => ({
			...p,
			shared: shared.get(p.id)!,
			training: assigned.has(p.id) ? training(p.id) : null,
			daysPractised: days.get(p.id) ?? null,
			checkinFlag: follow.get(p.id)?.flag ?? null,
			next: p.startDate ? nextFollowUp(p.startDate, today) : null
		})),
		codes: codes.map((c) => ({ ...c, ...joinCodeView(origin, c.code) }))
	};
}
