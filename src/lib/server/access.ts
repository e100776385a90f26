import { and, eq, isNull } from 'drizzle-orm';
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

/** Is the viewer related to the participant: their teacher, their job specialist, a contact at their workplace? */
export async function isRelated(db: Database, viewer: Viewer, participantId: string): Promise<boolean> {
	switch (viewer.role) {
		case 'teacher': {
			const rows = await db
				.select({ id: groups.id })
				.from(groupMembers)
				.innerJoin(groups, eq(groups.id, groupMembers.groupId))
				.where(and(eq(groupMembers.participantId, participantId), eq(groups.teacherId, viewer.id)))
				.limit(1);
			return rows.length > 0;
		}
		case 'specialist': {
			const rows = await db
				.select({ id: placements.id })
				.from(placements)
				.where(and(eq(placements.participantId, participantId), eq(placements.specialistId, viewer.id), isNull(placements.endedAt)))
				.limit(1);
			return rows.length > 0;
		}
		case 'workplace': {
			const rows = await db
				.select({ id: placements.id })
				.from(placements)
				.innerJoin(workplaceContacts, eq(workplaceContacts.workplaceId, placements.workplaceId))
				.where(and(eq(placements.participantId, participantId), eq(workplaceContacts.userId, viewer.id), isNull(placements.endedAt)))
				.limit(1);
			return rows.length > 0;
		}
		default:
			return false;
	}
}

export async function hasGrant(db: Database, participantId: string, audience: keyof typeof POLICY, scope: Scope): Promise<boolean> {
	const [row] = await db
		.select({ granted: shareGrants.granted })
		.from(shareGrants)
		.where(and(eq(shareGrants.participantId, participantId), eq(shareGrants.audience, audience), eq(shareGrants.scope, scope)));
	return row?.granted ?? false;
}

/**
 * THE access check: every staff read of a participant's data goes through here. It asks
 * both questions (related? granted?) on every call, so a revoke counts on the next request,
 * and it writes each allowed view to the participant's audit log.
 */
export async function canView(db: Database, viewer: Viewer, participantId: string, scope: Scope, opts: { audit?: boolean } = {}): Promise<boolean> {
	if (viewer.role === 'participant') return viewer.id === participantId;
	const rule = POLICY[viewer.role][scope];
	if (!rule) return false;
	if (!(await isRelated(db, viewer, participantId))) return false;
	if (rule === 'granted' && !(await hasGrant(db, participantId, viewer.role, scope))) return false;
	if (opts.audit !== false) {
		await db.insert(auditLog).values({ actorId: viewer.id, participantId, action: 'view', detail: { scope } });
	}
	return true;
}

/** What of a participant a viewer may see, scope by scope (for "not shared" instead of zeros). */
export async function visibleScopes(db: Database, viewer: Viewer, participantId: string): Promise<Record<Scope, boolean>> {
	const scopes: Scope[] = ['sets', 'activity', 'items', 'checkins'];
	const results = await Promise.all(scopes.map((s) => canView(db, viewer, participantId, s, { audit: false })));
	return Object.fromEntries(scopes.map((s, i) => [s, results[i]])) as Record<Scope, boolean>;
}

export async function participantName(db: Database, participantId: string): Promise<string | null> {
	const [row] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, participantId));
	return row?.name ?? null;
}
