import { and, eq, isNull, sql } from 'drizzle-orm';
import * as v from 'valibot';
import type { Database } from './db';
import { assignments, auditLog, groupMembers, groups } from './db/schema';
import type { SessionUser } from './auth/sessions';
import { findSet } from './custom-sets';
import { describeIssue } from '../sync/protocol';

type Staff = Pick<SessionUser, 'id' | 'organisationId' | 'role'>;

export class GroupError extends Error {}

export const GroupNameSchema = v.pipe(v.string(), v.trim(), v.minLength(2, 'name: write a name for the group'), v.maxLength(80, 'name: at most 80 characters'));

export async function createGroup(db: Database, teacher: Staff, name: string): Promise<string> {
	if (teacher.role !== 'teacher') throw new GroupError('only teachers have groups');
	const [row] = await db.insert(groups).values({ organisationId: teacher.organisationId, teacherId: teacher.id, name }).returning({ id: groups.id });
	return row!.id;
}

/** One of the teacher's own groups, or null (someone else's group looks the same as none). */
export async function ownGroup(db: Database, teacher: Staff, groupId: string) {
	if (!v.is(v.pipe(v.string(), v.uuid()), groupId)) return null;
	const [row] = await db.select().from(groups).where(and(eq(groups.id, groupId), eq(groups.teacherId, teacher.id)));
	return row ?? null;
}

/**
 * Takes a participant off the group. Their account, practice and grants stay theirs; the
 * teacher just no longer sees them (the relation is gone, so the access check says no).
 */
export async function removeMember(db: Database, teacher: Staff, groupId: string, participantId: string): Promise<void> {
	if (!(await ownGroup(db, teacher, groupId))) throw new GroupError('group: not one of your groups');
	if (!v.is(v.pipe(v.string(), v.uuid()), participantId)) throw new GroupError('participant: not in this group');
	const gone = await db
		.delete(groupMembers)
		.where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.participantId, participantId)))
		.returning({ id: groupMembers.participantId });
	if (!gone.length) throw new GroupError('participant: not in this group');
	await db.insert(auditLog).values({ actorId: teacher.id, participantId, action: 'removed-from-group', detail: { groupId } });
}

/** A day that exists (valibot's isoDate lets 2026-02-31 through; PostgreSQL does not), from year 1000. */
export const CalendarDate = (field: string) =>
	v.pipe(
		v.string(),
		v.isoDate(`${field}: a date like 2026-12-01`),
		v.check((d) => {
			const time = Date.parse(`${d}T00:00:00Z`);
			return d >= '1000' && !Number.isNaN(time) && new Date(time).toISOString().startsWith(d);
		}, `${field}: there is no such day`)
	);
const IsoDate = CalendarDate('dueDate');

/** The assignment form as posted: empty fields mean "none"; the goal is typed in percent. */
export const AssignFormSchema = v.object({
	setId: v.pipe(v.string(), v.minLength(1, 'Velg et sett.')),
	dueDate: v.pipe(
		v.optional(v.string(), ''),
		v.transform((d) => d || null)
	),
	goal: v.pipe(
		v.optional(v.string(), ''),
		// Digits only: Number() would also read "0x10", "1e1" and " 7 ".
		v.regex(/^$|^\d{1,3}(\.\d+)?$/, 'goal: a percent like 80'),
		v.transform((g) => (g ? Number(g) / 100 : null))
	)
});

export const AssignSchema = v.object({
	setId: v.pipe(v.string(), v.minLength(1, 'setId: choose a set')),
	dueDate: v.nullable(IsoDate),
	/** 0.1–1: the share of the set's words to know by the due date. */
	goal: v.nullable(v.pipe(v.number(), v.minValue(0.1, 'goal: at least 10 %'), v.maxValue(1, 'goal: at most 100 %')))
});

/** Assigns a set to one of the teacher's groups; members' phones get it on their next sync. */
export async function assignToGroup(db: Database, teacher: Staff, groupId: string, input: v.InferOutput<typeof AssignSchema>): Promise<void> {
	if (!(await ownGroup(db, teacher, groupId))) throw new GroupError('group: not one of your groups');
	if (!(await findSet(db, teacher, input.setId))) throw new GroupError(`setId: no set "${input.setId}"`);
	await db.insert(assignments).values({ setId: input.setId, groupId, dueDate: input.dueDate, goal: input.goal, createdBy: teacher.id });
}

/** The first problem as "field: reason" (unless the message already says which field, or is for people). */
function named(issues: readonly v.BaseIssue<unknown>[]): string {
	const message = issues[0]!.message;
	return /^\w+: /.test(message) || !/^Invalid /.test(message) ? message : describeIssue(issues);
}

/** The posted assignment form, checked: the input, or the first problem as a message. */
export function parseAssignForm(form: FormData): v.InferOutput<typeof AssignSchema> | { problem: string } {
	const raw = v.safeParse(AssignFormSchema, Object.fromEntries(form));
	if (!raw.success) return { problem: named(raw.issues) };
	const input = v.safeParse(AssignSchema, raw.output);
	return input.success ? input.output : { problem: named(input.issues) };
}

/** Assigns a set to one participant (the caller has checked they are related). */
export async function assignToParticipant(db: Database, staff: Staff, participantId: string, input: v.InferOutput<typeof AssignSchema>): Promise<void> {
	if (!(await findSet(db, staff, input.setId))) throw new GroupError(`setId: no set "${input.setId}"`);
	await db.insert(assignments).values({ setId: input.setId, participantId, dueDate: input.dueDate, goal: input.goal, createdBy: staff.id });
}

/** Takes an assignment back (phones drop it on their next sync; the practice stays). */
export async function unassign(db: Database, teacher: Staff, groupId: string, assignmentId: string): Promise<void> {
	if (!v.is(v.pipe(v.string(), v.uuid()), assignmentId)) throw new GroupError('assignment: not found');
	const done = await db
		.update(assignments)
		.set({ deletedAt: sql`now()`, seq: sql`nextval('sync_seq')` })
		.where(and(eq(assignments.id, assignmentId), eq(assignments.groupId, groupId), eq(assignments.createdBy, teacher.id), isNull(assignments.deletedAt)))
		.returning({ id: assignments.id });
	if (!done.length) throw new GroupError('assignment: not found');
}

export async function groupAssignments(db: Database, groupId: string) {
	return db
		.select({ id: assignments.id, setId: assignments.setId, dueDate: assignments.dueDate, goal: assignments.goal })
		.from(assignments)
		.where(and(eq(assignments.groupId, groupId), isNull(assignments.deletedAt)))
		.orderBy(assignments.dueDate);
}
