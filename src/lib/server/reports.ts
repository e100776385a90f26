import { and, desc, eq, gt, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from './db';
import { logViews, viewable, type Viewer } from './access';
import { utcDay } from './sync/practice-days';
import { activeGroupCodes } from './join-codes';
import { assignments, checkins, groupMembers, groups, itemState, placements, practiceDays, reviewEvents, users, workplaces } from './db/schema';
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

export interface AssignmentView {
	id: string;
	setId: string;
	dueDate: string | null;
	goal: number | null;
}

/**
 * Days with practice since `since`, per participant, from the derived per-day totals (a week is
 * at most eight rows each, never the event history). A day counts when its latest answer is
 * after `since`, so the result is exactly "distinct days with an answer after `since`".
 */
export async function practiceDaysSince(db: Database, participantIds: readonly string[], since: Date): Promise<Map<string, number>> {
	const out = new Map(participantIds.map((id) => [id, 0]));
	if (!participantIds.length) return out;
	const rows = await db
		.select({ id: practiceDays.participantId, days: sql<number>`count(*)` })
		.from(practiceDays)
		.where(and(inArray(practiceDays.participantId, [...participantIds]), gte(practiceDays.day, utcDay(since)), gt(practiceDays.lastAt, since)))
		.groupBy(practiceDays.participantId);
	for (const r of rows) out.set(r.id, Number(r.days));
	return out;
}

/**
 * A group at a glance: who practised this week, how far each is with each assignment, who is
 * behind before a due date, and the words the group finds hardest. Each figure only for members
 * who share it (null means "not shared", never zero); every look goes through the access check
 * and is logged. A fixed number of queries for the whole group, whatever its size.
 */
export async function groupProgress(db: Database, viewer: Viewer, groupId: string, assigned: AssignmentView[], items: Map<string, { id: string; nb: string }[]>, now = new Date()) {
	const members = await db
		.select({ id: users.id, name: users.displayName })
		.from(groupMembers)
		.innerJoin(users, eq(users.id, groupMembers.participantId))
		.where(eq(groupMembers.groupId, groupId))
		.orderBy(users.displayName);
	const ids = members.map((m) => m.id);
	const shared = await viewable(db, viewer, ids, ['activity', 'items']);
	const withActivity = ids.filter((id) => shared.get(id)!.activity);
	const withItems = ids.filter((id) => shared.get(id)!.items);
	const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
	const soon = new Date(now.getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
	const all = [...new Set(assigned.flatMap((a) => (items.get(a.setId) ?? []).map((i) => i.id)))];
	// The audit rows and the two reads go out together. The cards come from one index-only scan
	// of item_state_progress: known = the recognise card is in review; lapses for the hardest words.
	const [, days, cards] = await Promise.all([
		logViews(db, viewer, [...withActivity.map((participantId) => ({ participantId, scope: 'activity' as const })), ...withItems.map((participantId) => ({ participantId, scope: 'items' as const }))]),
		practiceDaysSince(db, withActivity, weekAgo),
		withItems.length && all.length
			? db
					.select({ id: itemState.participantId, itemId: itemState.itemId, direction: itemState.direction, state: itemState.state, lapses: itemState.lapses })
					.from(itemState)
					.where(and(inArray(itemState.participantId, withItems), inArray(itemState.itemId, all)))
			: []
	]);
	const known = new Map<string, Set<string>>();
	const lapsesOf = new Map<string, number>();
	for (const c of cards) {
		if (c.direction === 'recognise' && c.state === 2) known.set(c.id, (known.get(c.id) ?? new Set()).add(c.itemId));
		if (c.lapses > 0) lapsesOf.set(c.itemId, (lapsesOf.get(c.itemId) ?? 0) + c.lapses);
	}
	const rows = members.map((m) => {
		const progress: Record<string, { known: number; total: number; behind: boolean } | null> = {};
		for (const a of assigned) {
			const setIds = (items.get(a.setId) ?? []).map((i) => i.id);
			if (!shared.get(m.id)!.items) {
				progress[a.id] = null;
				continue;
			}
			const mine = known.get(m.id);
			const n = mine ? new Set(setIds.filter((id) => mine.has(id))).size : 0;
			const share = setIds.length ? n / setIds.length : 1;
			progress[a.id] = { known: n, total: setIds.length, behind: !!a.dueDate && a.dueDate <= soon && share < (a.goal ?? 0.8) };
		}
		return { id: m.id, name: m.name, daysThisWeek: shared.get(m.id)!.activity ? days.get(m.id)! : null, progress };
	});
	const text = new Map([...items.values()].flat().map((i) => [i.id, i.nb]));
	const hardest = [...lapsesOf]
		.map(([itemId, lapses]) => ({ itemId, lapses }))
		.sort((a, b) => b.lapses - a.lapses || a.itemId.localeCompare(b.itemId))
		.slice(0, 8)
		.map(({ itemId, lapses: n }) => ({ itemId, nb: text.get(itemId) ?? itemId, lapses: n }));
	return { members: rows, hardest };
}

/** Sets assigned to each of these participants, directly or through a group (two queries for all). */
export async function assignedSetsOf(db: Database, participantIds: readonly string[]): Promise<Map<string, { setId: string; dueDate: string | null }[]>> {
	const out = new Map(participantIds.map((id) => [id, [] as { setId: string; dueDate: string | null }[]]));
	if (!participantIds.length) return out;
	const ids = [...participantIds];
	const direct = await db
		.select({ id: assignments.participantId, setId: assignments.setId, dueDate: assignments.dueDate })
		.from(assignments)
		.where(and(isNull(assignments.deletedAt), inArray(assignments.participantId, ids)));
	const viaGroup = await db
		.select({ id: groupMembers.participantId, setId: assignments.setId, dueDate: assignments.dueDate })
		.from(assignments)
		.innerJoin(groupMembers, eq(groupMembers.groupId, assignments.groupId))
		.where(and(isNull(assignments.deletedAt), inArray(groupMembers.participantId, ids)));
	for (const r of [...direct, ...viaGroup]) out.get(r.id!)?.push({ setId: r.setId, dueDate: r.dueDate });
	return out;
}

/** The follow-up check-ins of each of these participants with their trend (one query for all). */
export async function checkinHistories(db: Database, participantIds: readonly string[]) {
	const rows = participantIds.length ? await db.select().from(checkins).where(inArray(checkins.participantId, [...participantIds])).orderBy(checkins.at) : [];
	return new Map(participantIds.map((id) => [id, historyOf(rows.filter((r) => r.participantId === id))]));
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
	return historyOf(await db.select().from(checkins).where(eq(checkins.participantId, participantId)).orderBy(checkins.at));
}

function historyOf(rows: (typeof checkins.$inferSelect)[]) {
	const list = rows.map((r) => ({ point: r.point, at: r.at.getTime(), scores: r.scores as Checkin['scores'], hard: r.hard as Checkin['hard'] }));
	return { list, ...checkinTrend(list) };
}
