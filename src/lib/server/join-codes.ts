import { fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { and, desc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Database } from './db';
import { groups, joinCodes } from './db/schema';
import { readableRandom } from './auth/readable-random';
import type { Viewer } from './access';

/** How long a group or caseload code works unless revoked sooner: long enough for a course start. */
export const JOIN_CODE_DAYS = 14;

/** A short code without look-alike letters (no I/1, O/0), easy to read out and type. */
export const newCode = (length = 8) => readableRandom(length).toUpperCase();

export class CodeError extends Error {}

export type CodeTarget = { kind: 'group'; groupId: string } | { kind: 'caseload' };

/**
 * A code participants type (or scan) to join a teacher's group or a job specialist's
 * caseload. Only the group's teacher makes group codes; only a job specialist makes caseload codes.
 */
export async function createJoinCode(db: Database, staff: Viewer, target: CodeTarget, now = Date.now()): Promise<{ code: string; expiresAt: Date }> {
	if (target.kind === 'group') {
		const [group] = await db.select({ id: groups.id }).from(groups).where(and(eq(groups.id, target.groupId), eq(groups.teacherId, staff.id)));
		if (!group) throw new CodeError('group: not one of your groups');
	} else if (staff.role !== 'specialist') {
		throw new CodeError('kind: only a job specialist has a caseload');
	}
	const code = newCode();
	const expiresAt = new Date(now + JOIN_CODE_DAYS * 86_400_000);
	await db.insert(joinCodes).values({ code, kind: target.kind, groupId: target.kind === 'group' ? target.groupId : null, createdBy: staff.id, expiresAt });
	return { code, expiresAt };
}

/** Stops a code working at once. Its maker, or the teacher of its group, may revoke it. */
export async function revokeJoinCode(db: Database, staff: Viewer, rawCode: string, now = new Date()): Promise<void> {
	const mine = or(eq(joinCodes.createdBy, staff.id), sql`${joinCodes.groupId} in (select id from ${groups} where ${groups.teacherId} = ${staff.id})`);
	const done = await db
		.update(joinCodes)
		.set({ revokedAt: now })
		.where(and(eq(joinCodes.code, rawCode.toUpperCase()), isNull(joinCodes.revokedAt), mine))
		.returning({ code: joinCodes.code });
	if (!done.length) throw new CodeError('code: no such code of yours');
}

/** The staff member's caseload codes that still work, newest first. */
export async function activeCaseloadCodes(db: Database, staffId: string, now = new Date()) {
	return db
		.select({ code: joinCodes.code, expiresAt: joinCodes.expiresAt })
		.from(joinCodes)
		.where(and(eq(joinCodes.createdBy, staffId), eq(joinCodes.kind, 'caseload'), isNull(joinCodes.revokedAt), gt(joinCodes.expiresAt, now)))
		.orderBy(desc(joinCodes.createdAt));
}

const CodeField = v.pipe(v.string(), v.regex(/^[A-Z0-9]{4,32}$/));

/** The form action behind every "stop this code" button. */
export async function revokeCodeAction(db: Database, staff: Viewer, request: Request) {
	const code = (await request.formData()).get('code');
	if (!v.is(CodeField, code)) return fail(400, { problem: 'Ugyldig kode.' });
	try {
		await revokeJoinCode(db, staff, code);
	} catch (e) {
		if (e instanceof CodeError) return fail(404, { problem: 'Fant ikke koden.' });
		throw e;
	}
	return { revoked: code };
}

/** The group codes that still work, for one group or several. */
export async function activeGroupCodes(db: Database, groupIds: string[], now = new Date()) {
	if (!groupIds.length) return [];
	return db
		.select({ groupId: joinCodes.groupId, code: joinCodes.code })
		.from(joinCodes)
		.where(and(inArray(joinCodes.groupId, groupIds), isNull(joinCodes.revokedAt), gt(joinCodes.expiresAt, now)));
}
