import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { OpenDatabase } from '../../src/lib/server/db';
import { auditLog, groups, itemState, joinCodes, organisations, reviewEvents, sessions, shareGrants, users } from '../../src/lib/server/db/schema';
import { eraseParticipant, exportParticipant, joinWithCode, JoinError, normaliseCode, setGrant } from '../../src/lib/server/participants';
import { syncParticipant } from '../../src/lib/server/sync/ingest';
import { createSession, endAllSessions, validateSession } from '../../src/lib/server/auth/sessions';
import { freshDatabase } from './test-db';

let open: OpenDatabase;
let teacherId: string;

beforeAll(async () => {
	open = await freshDatabase();
	const [org] = await open.db.insert(organisations).values({ name: 'Org' }).returning();
	const [teacher] = await open.db.insert(users).values({ organisationId: org!.id, role: 'teacher', displayName: 'Kari', email: 'kari@x.no' }).returning();
	teacherId = teacher!.id;
	const [group] = await open.db.insert(groups).values({ organisationId: org!.id, name: 'G', teacherId }).returning();
	await open.db.insert(joinCodes).values([
		{ code: 'ABCD12', kind: 'group', groupId: group!.id, createdBy: teacherId, expiresAt: new Date(Date.now() + 86_400_000) },
		{ code: 'OLD123', kind: 'group', groupId: group!.id, createdBy: teacherId, expiresAt: new Date(Date.now() - 1000) }
	]);
});
afterAll(async () => {
	await open?.close();
});

describe('joining and leaving', () => {
	it('accepts a code typed with spaces, dashes or small letters, and refuses an expired one', async () => {
		expect(normaliseCode(' abcd-12 ')).toBe('ABCD12');
		const { participant } = await joinWithCode(open.db, 'abcd 12', 'Amina', null);
		expect(participant.role).toBe('participant');
		await expect(joinWithCode(open.db, 'OLD123', 'Ali', null)).rejects.toBeInstanceOf(JoinError);
	});

	it('exports everything held about a participant, and erases all of it', async () => {
		const { participant } = await joinWithCode(open.db, 'ABCD12', 'Sara', null);
		const id = participant.id;
		const event = { id: uuidv7(), itemId: 'safety.stop', direction: 'recognise' as const, kind: 'listen-choose' as const, grade: 3, at: Date.now() - 1000, durationMs: 900, deviceId: 'p' };
		await syncParticipant(open.db, id, { deviceId: 'p', cursor: 0, events: [event] }, () => true);
		await setGrant(open.db, id, 'teacher', 'activity', true);
		await createSession(open.db, participant, 'device');

		const data = await exportParticipant(open.db, id);
		expect(data.reviewEvents.map((e) => e.id)).toEqual([event.id]);
		expect(data.grants).toHaveLength(1);
		expect(data.accessHistory.map((h) => h.action)).toEqual(expect.arrayContaining(['grant', 'join']));

		await eraseParticipant(open.db, id);
		for (const [table, column] of [
			[reviewEvents, reviewEvents.participantId],
			[itemState, itemState.participantId],
			[shareGrants, shareGrants.participantId],
			[auditLog, auditLog.participantId],
			[sessions, sessions.userId],
			[users, users.id]
		] as const) {
			expect(await open.db.select().from(table).where(eq(column, id))).toEqual([]);
		}
	});

	it('erases only participants, never staff', async () => {
		await eraseParticipant(open.db, teacherId);
		expect(await open.db.select().from(users).where(eq(users.id, teacherId))).toHaveLength(1);
	});

	it('ends every session of a user at once ("log out everywhere")', async () => {
		const [teacher] = await open.db.select().from(users).where(eq(users.id, teacherId));
		const a = await createSession(open.db, teacher!, 'staff');
		const b = await createSession(open.db, teacher!, 'staff');
		expect(await validateSession(open.db, a.token)).not.toBeNull();
		await endAllSessions(open.db, teacherId);
		expect(await validateSession(open.db, a.token)).toBeNull();
		expect(await validateSession(open.db, b.token)).toBeNull();
		const [after] = await open.db.select().from(users).where(eq(users.id, teacherId));
		const c = await createSession(open.db, after!, 'staff');
		expect(await validateSession(open.db, c.token)).not.toBeNull();
	});
});
