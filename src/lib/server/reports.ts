import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Database } from './db';
import { canView, type Viewer } from './access';
import { activeGroupCodes } from './join-codes';
import { assignments, checkins, groupMembers, groups, itemState, placements, reviewEvents, users, workplaces } from './db/schema';
import { checkinTrend, type Checkin } from '../content/checkin';

/** A teacher's groups with their members and join codes. */
export async function teacherGroups(db: Database, teacherId: string) {
	const mine = await db.select().from(groups).where(eq(groups.teacherId, teacherId)).orderBy(groups.name);
	if (!mine.length) return [];
	const ids = mine.map((g) => g.id);
	const members = await db
		.select({ groupId: groupMembers.groupId, id: users.id, name: users.displayName })
		.from(groupMembers)
		.innerJoin(users, eq(users.id, groupMembers.participantId))
		.where(inArray(groupMembers.groupId, ids))
		.orderBy(users.displayName);
	const codes = await activeGroupCodes(db, ids);
	return mine.map((g) => ({
		id: g.id,
		name: g.name,
		members: members.filter((m) => m.groupId === g.id),
		codes: codes.filter((c) => c.groupId === g.id).map((c) => c.code)
	}));
}

/** A job specialist's caseload: everyone with an open placement they follow. */
export async function caseload(db: Database, specialistId: string) {
	return db
		.select({ id: users.id, name: users.displayName, workplace: workplaces.name, startDate: placements.startDate })
		.from(placements)
		.innerJoin(users, eq(users.id, placements.participantId))
		.leftJoin(workplaces, eq(workplaces.id, placements.workplaceId))
		.where(and(eq(placements.specialistId, specialistId), sql`${placements.endedAt} is null`))
		.orderBy(users.displayName);
}

/** Practice activity: days and minutes, never what was answered. */
export async function activity(db: Database, participantId: string, now = new Date()) {
	const since = new Date(now.getTime() - 28 * 86_400_000);
	const [row] = await db
		.select({
			days: sql<number>`count(distinct date_trunc('day', ${reviewEvents.at}))`,
			minutes: sql<number>`coalesce(round(sum(${reviewEvents.durationMs}) / 60000.0), 0)`,
			answers: sql<number>`count(*)`,
			last: sql<Date | null>`max(${reviewEvents.at})`
		})
		.from(reviewEvents)
		.where(and(eq(reviewEvents.participantId, participantId), gt(reviewEvents.at, since)));
	return { days: Number(row?.days ?? 0), minutes: Number(row?.minutes ?? 0), answers: Number(row?.answers ?? 0), last: row?.last ? new Date(row.last) : null };
}

/** Per-item results: how many are known, and the words with the most lapses. */
export async function itemResults(db: Database, participantId: string) {
	const [counts] = await db
		.select({ started: sql<number>`count(*)`, known: sql<number>`count(*) filter (where ${itemState.state} = 2)` })
		.from(itemState)
		.where(eq(itemState.participantId, participantId));
	const hardest = await db
		.select({ itemId: itemState.itemId, direction: itemState.direction, lapses: itemState.lapses, reps: itemState.reps })
		.from(itemState)
		.where(and(eq(itemState.participantId, participantId), gt(itemState.lapses, 0)))
		.orderBy(desc(itemState.lapses), desc(itemState.reps))
		.limit(10);
	return { started: Number(counts?.started ?? 0), known: Number(counts?.known ?? 0), hardest };
}

/** Sets assigned to the participant directly or through a group. */
export async function assignedSets(db: Database, participantId: string) {
	const myGroups = db.select({ id: groupMembers.groupId }).from(groupMembers).where(eq(groupMembers.participantId, participantId));
	return db
		.select({ setId: assignments.setId, dueDate: assignments.dueDate })
		.from(assignments)
		.where(and(sql`${assignments.deletedAt} is null`, sql`(${assignments.participantId} = ${participantId} or ${inArray(assignments.groupId, myGroups)})`));
}

/** Items of a set the participant knows (their recognise card has graduated to review). */
async function knownIn(db: Database, participantId: string, itemIds: string[]): Promise<number> {
	if (!itemIds.length) return 0;
	const [row] = await db
		.select({ n: sql<number>`count(*)` })
		.from(itemState)
		.where(and(eq(itemState.participantId, participantId), eq(itemState.direction, 'recognise'), eq(itemState.state, 2), inArray(itemState.itemId, itemIds)));
	return Number(row?.n ?? 0);
}

export interface AssignmentView {
	id: string;
	setId: string;
	dueDate: string | null;
	goal: number | null;
}

/**
 * A group at a glance: who practised this week, how far each is with each assignment, who is
 * behind before a due date, and the words the group finds hardest. Each figure only for members
 * who share it (null means "not shared", never zero); every look goes through the access check.
 */
export async function groupProgress(db: Database, viewer: Viewer, groupId: string, assigned: AssignmentView[], items: Map<string, { id: string; nb: string }[]>, now = new Date()) {
	const members = await db
		.select({ id: users.id, name: users.displayName })
		.from(groupMembers)
		.innerJoin(users, eq(users.id, groupMembers.participantId))
		.where(eq(groupMembers.groupId, groupId))
		.orderBy(users.displayName);
	const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
	const soon = new Date(now.getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
	const lapses = new Map<string, number>();
	const rows = [];
	for (const m of members) {
		const [activityShared, itemsShared] = [await canView(db, viewer, m.id, 'activity'), await canView(db, viewer, m.id, 'items')];
		let daysThisWeek: number | null = null;
		if (activityShared) {
			const [row] = await db
				.select({ days: sql<number>`count(distinct date_trunc('day', ${reviewEvents.at}))` })
				.from(reviewEvents)
				.where(and(eq(reviewEvents.participantId, m.id), gt(reviewEvents.at, weekAgo)));
			daysThisWeek = Number(row?.days ?? 0);
		}
		const progress: Record<string, { known: number; total: number; behind: boolean } | null> = {};
		for (const a of assigned) {
			const ids = (items.get(a.setId) ?? []).map((i) => i.id);
			if (!itemsShared) {
				progress[a.id] = null;
				continue;
			}
			const known = await knownIn(db, m.id, ids);
			const share = ids.length ? known / ids.length : 1;
			progress[a.id] = { known, total: ids.length, behind: !!a.dueDate && a.dueDate <= soon && share < (a.goal ?? 0.8) };
		}
		if (itemsShared) {
			const all = [...new Set(assigned.flatMap((a) => (items.get(a.setId) ?? []).map((i) => i.id)))];
			if (all.length) {
				const hard = await db
					.select({ itemId: itemState.itemId, lapses: sql<number>`sum(${itemState.lapses})` })
					.from(itemState)
					.where(and(eq(itemState.participantId, m.id), inArray(itemState.itemId, all), gt(itemState.lapses, 0)))
					.groupBy(itemState.itemId);
				for (const h of hard) lapses.set(h.itemId, (lapses.get(h.itemId) ?? 0) + Number(h.lapses));
			}
		}
		rows.push({ id: m.id, name: m.name, daysThisWeek, progress });
	}
	const text = new Map([...items.values()].flat().map((i) => [i.id, i.nb]));
	const hardest = [...lapses.entries()]
		.sort((a, b) => b[1] - a[1])
		.slice(0, 8)
		.map(([itemId, n]) => ({ itemId, nb: text.get(itemId) ?? itemId, lapses: n }));
	return { members: rows, hardest };
}

/** Answers and practice days per week, oldest first, for a small chart (activity scope). */
export async function weeklyActivity(db: Database, participantId: string, weeks = 8, now = new Date()) {
	const WEEK = 7 * 86_400_000;
	const since = new Date(now.getTime() - weeks * WEEK);
	const rows = await db
		.select({
			offset: sql<number>`floor(extract(epoch from (${now.toISOString()}::timestamptz - ${reviewEvents.at})) / ${WEEK / 1000})`,
			answers: sql<number>`count(*)`,
			days: sql<number>`count(distinct date_trunc('day', ${reviewEvents.at}))`
		})
		.from(reviewEvents)
		.where(and(eq(reviewEvents.participantId, participantId), gt(reviewEvents.at, since)))
		.groupBy(sql`1`);
	return Array.from({ length: weeks }, (_, i) => {
		const back = weeks - 1 - i;
		const row = rows.find((r) => Number(r.offset) === back);
		return { weeksAgo: back, answers: Number(row?.answers ?? 0), days: Number(row?.days ?? 0) };
	});
}

/** How far the participant is with each set: known, started and total items (items scope). */
export async function masteryPerSet(db: Database, participantId: string, sets: { id: string; itemIds: string[] }[]) {
	const out: Record<string, { known: number; started: number; total: number }> = {};
	for (const set of sets) {
		if (!set.itemIds.length) continue;
		const [row] = await db
			.select({ started: sql<number>`count(*)`, known: sql<number>`count(*) filter (where ${itemState.state} = 2)` })
			.from(itemState)
			.where(and(eq(itemState.participantId, participantId), eq(itemState.direction, 'recognise'), inArray(itemState.itemId, set.itemIds)));
		out[set.id] = { known: Number(row?.known ?? 0), started: Number(row?.started ?? 0), total: set.itemIds.length };
	}
	return out;
}

/** The participant's follow-up check-ins, oldest first, with the trend and a flag when it drops (checkins scope). */
export async function checkinHistory(db: Database, participantId: string) {
	const rows = await db.select().from(checkins).where(eq(checkins.participantId, participantId)).orderBy(checkins.at);
	const list = rows.map((r) => ({ point: r.point, at: r.at.getTime(), scores: r.scores as Checkin['scores'], hard: r.hard as Checkin['hard'] }));
	return { list, ...checkinTrend(list) };
}
