import { and, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Database } from './db';
import { assignments, auditLog, checkins, erasures, groupMembers, groups, itemState, joinCodes, placements, reviewEvents, shareGrants, users, voiceMessages, workplaces } from './db/schema';
import { lockParticipant } from './sync/ingest';
import { newCode } from './join-codes';

/** Join codes are typed by people who read little: no case, spaces or dashes matter. */
export function normaliseCode(code: string): string {
	return code.toUpperCase().replace(/[\s-]/g, '');
}

export class JoinError extends Error {}

/**
 * A participant joins with a code from their teacher (a group), their job specialist (a
 * caseload) or a one-time code to move to a new phone. Returns who they now are.
 */
export async function joinWithCode(db: Database, rawCode: string, name: string, current: { id: string; role: string } | null, now = new Date()) {
	const code = normaliseCode(rawCode);
	return db.transaction(async (tx) => {
		const t = tx as unknown as Database;
		const [row] = await t
			.select()
			.from(joinCodes)
			.where(and(eq(joinCodes.code, code), isNull(joinCodes.revokedAt), gt(joinCodes.expiresAt, now)));
		if (!row || (row.kind === 'transfer' && row.usedAt)) throw new JoinError('This code is not valid. Check it, or ask for a new one.');
		const [creator] = await t.select().from(users).where(eq(users.id, row.createdBy));
		let participantId: string;
		if (row.kind === 'transfer') {
			participantId = row.participantId!;
			await t.update(joinCodes).set({ usedAt: now }).where(eq(joinCodes.code, code));
		} else if (current?.role === 'participant') {
			participantId = current.id;
		} else {
			const [made] = await t.insert(users).values({ organisationId: creator!.organisationId, role: 'participant', displayName: name }).returning();
			participantId = made!.id;
		}
		if (row.kind === 'group' && row.groupId) {
			await t.insert(groupMembers).values({ groupId: row.groupId, participantId }).onConflictDoNothing();
		}
		if (row.kind === 'caseload') {
			const open = await t
				.select({ id: placements.id })
				.from(placements)
				.where(and(eq(placements.participantId, participantId), eq(placements.specialistId, row.createdBy), isNull(placements.endedAt)));
			if (!open.length) await t.insert(placements).values({ participantId, specialistId: row.createdBy });
		}
		await t.insert(auditLog).values({ actorId: participantId, participantId, action: 'join', detail: { kind: row.kind } });
		const [participant] = await t.select().from(users).where(eq(users.id, participantId));
		const groupName = row.groupId ? (await t.select({ name: groups.name }).from(groups).where(eq(groups.id, row.groupId)))[0]?.name : null;
		return { participant: participant!, joined: { kind: row.kind, groupName: groupName ?? null, staffName: creator!.displayName } };
	});
}

export type Audience = 'teacher' | 'specialist' | 'workplace';
export type ShareScope = 'sets' | 'activity' | 'items' | 'checkins';

/** Grants or revokes one scope for one audience; logged, and sent to the phone on the next sync. */
export async function setGrant(db: Database, participantId: string, audience: Audience, scope: ShareScope, granted: boolean) {
	await db.transaction(async (tx) => {
		const t = tx as unknown as Database;
		await lockParticipant(t, participantId);
		await t
			.insert(shareGrants)
			.values({ participantId, audience, scope, granted })
			.onConflictDoUpdate({
				target: [shareGrants.participantId, shareGrants.audience, shareGrants.scope],
				set: { granted, changedAt: sql`now()`, seq: sql`nextval('sync_seq')` }
			});
		await t.insert(auditLog).values({ actorId: participantId, participantId, action: granted ? 'grant' : 'revoke', detail: { audience, scope } });
	});
}

/** Who looked at what, and what the participant granted and revoked, newest first. */
export async function accessHistory(db: Database, participantId: string, limit = 100) {
	return db
		.select({ at: auditLog.at, action: auditLog.action, detail: auditLog.detail, actor: users.displayName, actorRole: users.role })
		.from(auditLog)
		.leftJoin(users, eq(users.id, auditLog.actorId))
		.where(eq(auditLog.participantId, participantId))
		.orderBy(sql`${auditLog.at} desc`)
		.limit(limit);
}

/** Everything the server holds about a participant, for "download all my data". */
/**
 * Everything the server holds about a participant, for "download my data" (GDPR art. 15 and 20):
 * account, groups, placements, what was assigned, every answer and the progress derived from it,
 * check-ins, recordings sent to a teacher (with the audio) and the answers, sharing and who looked.
 */
export async function exportParticipant(db: Database, participantId: string) {
	const [user] = await db.select({ id: users.id, name: users.displayName, phone: users.phone, createdAt: users.createdAt }).from(users).where(eq(users.id, participantId));
	const memberships = await db
		.select({ groupId: groups.id, group: groups.name, joinedAt: groupMembers.joinedAt })
		.from(groupMembers)
		.innerJoin(groups, eq(groups.id, groupMembers.groupId))
		.where(eq(groupMembers.participantId, participantId));
	const placed = await db
		.select({ workplace: workplaces.name, startDate: placements.startDate, endedAt: placements.endedAt, createdAt: placements.createdAt })
		.from(placements)
		.leftJoin(workplaces, eq(workplaces.id, placements.workplaceId))
		.where(eq(placements.participantId, participantId));
	const groupIds = memberships.map((m) => m.groupId);
	const assigned = await db
		.select({ setId: assignments.setId, dueDate: assignments.dueDate, goal: assignments.goal, createdAt: assignments.createdAt })
		.from(assignments)
		.where(and(isNull(assignments.deletedAt), or(eq(assignments.participantId, participantId), groupIds.length ? inArray(assignments.groupId, groupIds) : sql`false`)));
	const events = await db.select().from(reviewEvents).where(eq(reviewEvents.participantId, participantId)).orderBy(reviewEvents.seq);
	const progress = await db
		.select({ itemId: itemState.itemId, direction: itemState.direction, due: itemState.due, reps: itemState.reps, lapses: itemState.lapses, state: itemState.state, lastReview: itemState.lastReview })
		.from(itemState)
		.where(eq(itemState.participantId, participantId));
	const answeredCheckins = await db.select({ id: checkins.id, point: checkins.point, scores: checkins.scores, hard: checkins.hard, at: checkins.at }).from(checkins).where(eq(checkins.participantId, participantId));
	const recordings = await db
		.select({ id: voiceMessages.id, itemId: voiceMessages.itemId, nb: voiceMessages.nb, mime: voiceMessages.mime, bytes: voiceMessages.bytes, createdAt: voiceMessages.createdAt, replyText: voiceMessages.replyText, replyAudio: voiceMessages.replyAudio, repliedAt: voiceMessages.repliedAt })
		.from(voiceMessages)
		.where(eq(voiceMessages.participantId, participantId));
	const grants = await db.select().from(shareGrants).where(eq(shareGrants.participantId, participantId));
	return {
		format: 'arbeidsnorsk-server-export',
		version: 2,
		exportedAt: new Date().toISOString(),
		participant: user,
		memberships: memberships.map(({ groupId: _, ...m }) => m),
		placements: placed,
		assignments: assigned,
		grants,
		reviewEvents: events,
		progress,
		checkins: answeredCheckins,
		recordingsToTeacher: recordings.map(({ bytes, ...r }) => ({ ...r, audioBase64: Buffer.from(bytes).toString('base64') })),
		accessHistory: await accessHistory(db, participantId, 10_000)
	};
}

/**
 * Erases a participant: their account and, through the foreign keys, their review log, item
 * state, grants, memberships, placements, sessions and audit entries.
 */
export async function eraseParticipant(db: Database, participantId: string) {
	await db.transaction(async (tx) => {
		const gone = await tx
			.delete(users)
			.where(and(eq(users.id, participantId), eq(users.role, 'participant')))
			.returning({ id: users.id });
		// Only the random id is kept: a restore from an older backup erases them again.
		if (gone.length) await tx.insert(erasures).values({ participantId }).onConflictDoNothing();
	});
}

/**
 * A one-time code that moves a participant to a new phone (their history comes with them on
 * the first sync). Only staff related to the participant can make one; it lasts 24 hours.
 */
export async function createTransferCode(db: Database, staffId: string, participantId: string, now = Date.now()): Promise<string> {
	const code = newCode();
	await db.insert(joinCodes).values({ code, kind: 'transfer', createdBy: staffId, participantId, expiresAt: new Date(now + 24 * 3_600_000) });
	await db.insert(auditLog).values({ actorId: staffId, participantId, action: 'transfer-code', detail: {} });
	return code;
}
