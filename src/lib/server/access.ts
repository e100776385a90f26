import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from './db';
import { auditLog, groupMembers, groups, placements, shareGrants, users, workplaceContacts } from './db/schema';

export type Scope = 'sets' | 'activity' | 'items' | 'checkins';
export type Viewer = { id: string; role: 'participant' | 'teacher' | 'specialist' | 'workplace' };

/**
 * What each audience may ever see (DESIGN, "Sharing and access"). `always` needs only the
 * relation; `granted` needs the participant's grant too; absent means never.
 */
const POLICY: Record<'teacher' | 'specialist' | 'workplace', Partial<Record<Scope, 'always' | 'granted'>>> = {
	teacher: { sets: 'always', activity: 'granted', items: 'granted' },
	specialist: { sets: 'granted', activity: 'granted', items: 'granted', checkins: 'granted' },
	workplace: { sets: 'granted' }
};

/** Which of these participants the viewer is related to: their teacher, their job specialist, a contact at their workplace. One query, however many. */
export async function relatedAmong(db: Database, viewer: Viewer, participantIds: readonly string[]): Promise<Set<string>> {
	const ids = [...new Set(participantIds)];
	if (!ids.length) return new Set();
	let rows: { id: string }[];
	switch (viewer.role) {
		case 'teacher':
			rows = await db
				.selectDistinct({ id: groupMembers.participantId })
				.from(groupMembers)
				.innerJoin(groups, eq(groups.id, groupMembers.groupId))
				.where(and(inArray(groupMembers.participantId, ids), eq(groups.teacherId, viewer.id)));
			break;
		case 'specialist':
			rows = await db
				.selectDistinct({ id: placements.participantId })
				.from(placements)
				.where(and(inArray(placements.participantId, ids), eq(placements.specialistId, viewer.id), isNull(placements.endedAt)));
			break;
		case 'workplace':
			rows = await db
				.selectDistinct({ id: placements.participantId })
				.from(placements)
				.innerJoin(workplaceContacts, eq(workplaceContacts.workplaceId, placements.workplaceId))
				.where(and(inArray(placements.participantId, ids), eq(workplaceContacts.userId, viewer.id), isNull(placements.endedAt)));
			break;
		default:
			rows = [];
	}
	return new Set(rows.map((r) => r.id));
}

/** Is the viewer related to the participant: their teacher, their job specialist, a contact at their workplace? */
export async function isRelated(db: Database, viewer: Viewer, participantId: string): Promise<boolean> {
	return (await relatedAmong(db, viewer, [participantId])).has(participantId);
}

export async function hasGrant(db: Database, participantId: string, audience: keyof typeof POLICY, scope: Scope): Promise<boolean> {
	const [row] = await db
		.select({ granted: shareGrants.granted })
		.from(shareGrants)
		.where(and(eq(shareGrants.participantId, participantId), eq(shareGrants.audience, audience), eq(shareGrants.scope, scope)));
	return row?.granted ?? false;
}

const SCOPES: Scope[] = ['sets', 'activity', 'items', 'checkins'];

/**
 * THE access check, for one participant or a whole group or caseload at once: per participant
 * and scope, may the viewer see it? Both questions (related? granted?) are asked on every call,
 * so a revoke counts on the next request. It logs nothing: `canView`/`canViewEach` do, or the
 * caller logs what it shows with `logViews`.
 */
export async function viewable(db: Database, viewer: Viewer, participantIds: readonly string[], scopes: readonly Scope[] = SCOPES): Promise<Map<string, Record<Scope, boolean>>> {
	const ids = [...new Set(participantIds)];
	const none = () => Object.fromEntries(SCOPES.map((s) => [s, false])) as Record<Scope, boolean>;
	const out = new Map(ids.map((id) => [id, none()]));
	if (viewer.role === 'participant') {
		for (const s of scopes) if (out.has(viewer.id)) out.get(viewer.id)![s] = true;
		return out;
	}
	const audience = viewer.role;
	const wanted = scopes.filter((s) => POLICY[audience][s]);
	if (!ids.length || !wanted.length) return out;
	const related = await relatedAmong(db, viewer, ids);
	if (!related.size) return out;
	const needGrant = wanted.filter((s) => POLICY[audience][s] === 'granted');
	const granted = new Set(
		needGrant.length
			? (
					await db
						.select({ id: shareGrants.participantId, scope: shareGrants.scope })
						.from(shareGrants)
						.where(and(inArray(shareGrants.participantId, [...related]), eq(shareGrants.audience, audience), inArray(shareGrants.scope, needGrant), eq(shareGrants.granted, true)))
				).map((g) => `${g.id}|${g.scope}`)
			: []
	);
	for (const id of related) {
		for (const s of wanted) out.get(id)![s] = POLICY[audience][s] === 'always' || granted.has(`${id}|${s}`);
	}
	return out;
}

/** Writes staff views of participants' data to their audit logs: one row per participant and scope, in one statement. */
export async function logViews(db: Database, viewer: Viewer, views: readonly { participantId: string; scope: Scope }[]): Promise<void> {
	if (viewer.role === 'participant' || !views.length) return;
	await db.insert(auditLog).values(views.map((v) => ({ actorId: viewer.id, participantId: v.participantId, action: 'view', detail: { scope: v.scope } })));
}

/**
 * The access check for one participant: related? granted? And each allowed view is written to
 * the participant's audit log.
 */
export async function canView(db: Database, viewer: Viewer, participantId: string, scope: Scope, opts: { audit?: boolean } = {}): Promise<boolean> {
	return (await canViewEach(db, viewer, [participantId], scope, opts)).has(participantId);
}

/** `canView` for many participants at once (a group, a caseload): the ones the viewer may see, each view logged. */
export async function canViewEach(db: Database, viewer: Viewer, participantIds: readonly string[], scope: Scope, opts: { audit?: boolean } = {}): Promise<Set<string>> {
	const seen = new Set([...(await viewable(db, viewer, participantIds, [scope]))].filter(([, v]) => v[scope]).map(([id]) => id));
	if (opts.audit !== false) await logViews(db, viewer, [...seen].map((participantId) => ({ participantId, scope })));
	return seen;
}

/** What of a participant a viewer may see, scope by scope (for "not shared" instead of zeros). */
export async function visibleScopes(db: Database, viewer: Viewer, participantId: string): Promise<Record<Scope, boolean>> {
	return (await viewable(db, viewer, [participantId])).get(participantId)!;
}

export async function participantName(db: Database, participantId: string): Promise<string | null> {
	const [row] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, participantId));
	return row?.name ?? null;
}
