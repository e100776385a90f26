import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { OpenDatabase } from '../../src/lib/server/db';
import { auditLog, groups, itemState, joinCodes, organisations, reviewEvents, sessions, shareGrants, users } from '../../src/lib/server/db/schema';
import { createTransferCode, eraseParticipant, exportParticipant, joinWithCode, JoinError, normaliseCode, setGrant } from '../../src/lib/server/participants';
import { checkTransferPin, hasPin, PinError, PinSchema, setPin, TRANSFER_PIN_TRIES } from '../../src/lib/server/pin';
import * as v from 'valibot';
import { CodeError, createJoinCode, revokeJoinCode } from '../../src/lib/server/join-codes';
import { caseload } from '../../src/lib/server/reports';
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
		const checkin = { id: uuidv7(), point: 'week-1', scores: { sure: 7, pace: 5, help: 8, belonging: 6 }, hard: ['speed' as const], at: Date.now() - 500 };
		await syncParticipant(open.db, id, { deviceId: 'p', cursor: 0, events: [event], checkins: [checkin] }, () => true);
		await setGrant(open.db, id, 'teacher', 'activity', true);
		await createSession(open.db, participant, 'device');

		const data = await exportParticipant(open.db, id);
		expect(data.reviewEvents.map((e) => e.id)).toEqual([event.id]);
		// The progress derived from the answers, and check-ins, are theirs too.
		expect(data.progress).toEqual([expect.objectContaining({ itemId: 'safety.stop', direction: 'recognise', reps: 1 })]);
		expect(data.memberships).toHaveLength(1);
		expect(data.assignments).toEqual([]);
		expect(data.recordingsToTeacher).toEqual([]);
		expect(data.checkins).toEqual([expect.objectContaining({ id: checkin.id, point: 'week-1', hard: ['speed'] })]);
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

describe('the PIN', () => {
	const reason = (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof PinError ? e.reason : String(e)));

	it('is 4 to 8 digits', () => {
		for (const good of ['1234', '12345678']) expect(v.is(PinSchema, good)).toBe(true);
		for (const bad of ['123', '123456789', '12a4', ' 1234', '', '١٢٣٤']) expect(v.is(PinSchema, bad), bad).toBe(false);
	});

	it('is asked for when moving to a new phone, and the right one lets the code work', async () => {
		const { participant } = await joinWithCode(open.db, 'ABCD12', 'Hodan', null);
		await setPin(open.db, participant.id, '2468');
		expect(await hasPin(open.db, participant.id)).toBe(true);
		const code = await createTransferCode(open.db, teacherId, participant.id);
		expect(await reason(checkTransferPin(open.db, code, undefined))).toBe('needed');
		expect(await reason(checkTransferPin(open.db, code, '1111'))).toBe('wrong');
		expect(await reason(checkTransferPin(open.db, code, '2468'))).toBe('ok');
		const moved = await joinWithCode(open.db, code, 'Hodan', null);
		expect(moved.participant.id).toBe(participant.id);
	});

	it(`revokes the code after ${TRANSFER_PIN_TRIES} wrong PINs, even if the right one comes next`, async () => {
		const { participant } = await joinWithCode(open.db, 'ABCD12', 'Yonas', null);
		await setPin(open.db, participant.id, '97531');
		const code = await createTransferCode(open.db, teacherId, participant.id);
		const got: string[] = [];
		for (let i = 0; i < TRANSFER_PIN_TRIES; i++) got.push(await reason(checkTransferPin(open.db, code, '00000')));
		expect(got).toEqual([...Array(TRANSFER_PIN_TRIES - 1).fill('wrong'), 'locked']);
		await checkTransferPin(open.db, code, '97531'); // the revoked code is no longer checked here …
		await expect(joinWithCode(open.db, code, 'Yonas', null)).rejects.toBeInstanceOf(JoinError); // … and does not join
	});

	it('can be removed, by the participant or by their teacher, and each change is in their access history', async () => {
		const { participant } = await joinWithCode(open.db, 'ABCD12', 'Lina', null);
		await setPin(open.db, participant.id, '1357');
		await setPin(open.db, participant.id, null, teacherId);
		expect(await hasPin(open.db, participant.id)).toBe(false);
		const code = await createTransferCode(open.db, teacherId, participant.id);
		expect(await reason(checkTransferPin(open.db, code, undefined))).toBe('ok');
		const log = await open.db.select().from(auditLog).where(eq(auditLog.participantId, participant.id));
		expect(log.map((l) => l.action)).toEqual(expect.arrayContaining(['pin-set', 'pin-removed']));
		expect(log.find((l) => l.action === 'pin-removed')?.actorId).toBe(teacherId);
	});
});

describe('join codes made by staff', () => {
	it('a teacher makes and revokes codes only for their own groups; a job specialist for their caseload', async () => {
		const [org] = await open.db.select().from(organisations);
		const [other] = await open.db.insert(users).values({ organisationId: org!.id, role: 'teacher', displayName: 'Ola', email: 'ola@x.no' }).returning();
		const [specialist] = await open.db.insert(users).values({ organisationId: org!.id, role: 'specialist', displayName: 'Per', email: 'per@x.no' }).returning();
		const [group] = await open.db.select().from(groups).where(eq(groups.teacherId, teacherId));
		const teacher = { id: teacherId, role: 'teacher' as const };

		const { code } = await createJoinCode(open.db, teacher, { kind: 'group', groupId: group!.id });
		await expect(createJoinCode(open.db, { id: other!.id, role: 'teacher' }, { kind: 'group', groupId: group!.id })).rejects.toBeInstanceOf(CodeError);
		await expect(createJoinCode(open.db, teacher, { kind: 'caseload' })).rejects.toBeInstanceOf(CodeError);
		await expect(revokeJoinCode(open.db, { id: other!.id, role: 'teacher' }, code)).rejects.toBeInstanceOf(CodeError);
		await revokeJoinCode(open.db, teacher, code);
		await expect(joinWithCode(open.db, code, 'Nora', null)).rejects.toBeInstanceOf(JoinError);

		const caseloadCode = (await createJoinCode(open.db, { id: specialist!.id, role: 'specialist' }, { kind: 'caseload' })).code;
		const { participant } = await joinWithCode(open.db, caseloadCode, 'Nora', null);
		// Joining the same caseload again (a second phone, a double tap) does not make a second placement.
		await joinWithCode(open.db, caseloadCode, 'Nora', participant);
		expect((await caseload(open.db, specialist!.id)).map((p) => p.name)).toEqual(['Nora']);
	});
});
