import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { OpenDatabase } from '../../src/lib/server/db';
import { auditLog, groupMembers, groups, organisations, placements, users, workplaceContacts, workplaces } from '../../src/lib/server/db/schema';
import { canView, type Scope, type Viewer } from '../../src/lib/server/access';
import { setGrant } from '../../src/lib/server/participants';
import { freshDatabase } from './test-db';

let open: OpenDatabase;
let participant: string;
const viewers: Record<string, Viewer> = {};
const SCOPES: Scope[] = ['sets', 'activity', 'items', 'checkins'];

/** The DESIGN table: what each audience sees when related, with and without a grant. */
const EXPECTED: Record<'teacher' | 'specialist' | 'workplace', Record<Scope, { granted: boolean; notGranted: boolean }>> = {
	teacher: { sets: { granted: true, notGranted: true }, activity: { granted: true, notGranted: false }, items: { granted: true, notGranted: false }, checkins: { granted: false, notGranted: false } },
	specialist: { sets: { granted: true, notGranted: false }, activity: { granted: true, notGranted: false }, items: { granted: true, notGranted: false }, checkins: { granted: true, notGranted: false } },
	workplace: { sets: { granted: true, notGranted: false }, activity: { granted: false, notGranted: false }, items: { granted: false, notGranted: false }, checkins: { granted: false, notGranted: false } }
};

beforeAll(async () => {
	open = await freshDatabase();
	const db = open.db;
	const [org] = await db.insert(organisations).values({ name: 'Org' }).returning();
	const make = async (role: 'participant' | 'teacher' | 'specialist' | 'workplace', name: string) =>
		(await db.insert(users).values({ organisationId: org!.id, role, displayName: name }).returning())[0]!;
	const p = await make('participant', 'Amina');
	const other = await make('participant', 'Ali');
	participant = p.id;
	for (const [key, role] of [['teacher', 'teacher'], ['teacher-unrelated', 'teacher'], ['specialist', 'specialist'], ['specialist-unrelated', 'specialist'], ['workplace', 'workplace'], ['workplace-unrelated', 'workplace']] as const) {
		const u = await make(role, key);
		viewers[key] = { id: u.id, role };
	}
	const [group] = await db.insert(groups).values({ organisationId: org!.id, name: 'G', teacherId: viewers.teacher!.id }).returning();
	const [otherGroup] = await db.insert(groups).values({ organisationId: org!.id, name: 'H', teacherId: viewers['teacher-unrelated']!.id }).returning();
	await db.insert(groupMembers).values([{ groupId: group!.id, participantId: p.id }, { groupId: otherGroup!.id, participantId: other.id }]);
	const [wp] = await db.insert(workplaces).values({ organisationId: org!.id, name: 'Rema' }).returning();
	const [wp2] = await db.insert(workplaces).values({ organisationId: org!.id, name: 'Kiwi' }).returning();
	await db.insert(placements).values([
		{ participantId: p.id, workplaceId: wp!.id, specialistId: viewers.specialist!.id },
		{ participantId: other.id, workplaceId: wp2!.id, specialistId: viewers['specialist-unrelated']!.id }
	]);
	await db.insert(workplaceContacts).values([{ workplaceId: wp!.id, userId: viewers.workplace!.id }, { workplaceId: wp2!.id, userId: viewers['workplace-unrelated']!.id }]);
});
afterAll(async () => {
	await open?.close();
});

async function grantAll(granted: boolean) {
	for (const audience of ['teacher', 'specialist', 'workplace'] as const) for (const scope of SCOPES) await setGrant(open.db, participant, audience, scope, granted);
}

describe('the access matrix: role × related × granted × scope', () => {
	for (const granted of [true, false]) {
		it(`matches the DESIGN table when everything is ${granted ? 'granted' : 'revoked'}`, async () => {
			await grantAll(granted);
			const rows: string[] = [];
			for (const [key, viewer] of Object.entries(viewers)) {
				for (const scope of SCOPES) {
					const related = !key.endsWith('unrelated');
					const role = viewer.role as keyof typeof EXPECTED;
					const expected = related && EXPECTED[role][scope][granted ? 'granted' : 'notGranted'];
					const actual = await canView(open.db, viewer, participant, scope);
					if (actual !== expected) rows.push(`${key} ${scope}: expected ${expected}, got ${actual}`);
				}
			}
			expect(rows).toEqual([]);
		});
	}

	it('a revoke counts on the very next check', async () => {
		await setGrant(open.db, participant, 'teacher', 'activity', true);
		expect(await canView(open.db, viewers.teacher!, participant, 'activity')).toBe(true);
		await setGrant(open.db, participant, 'teacher', 'activity', false);
		expect(await canView(open.db, viewers.teacher!, participant, 'activity')).toBe(false);
	});

	it('writes every allowed staff view, and every grant and revoke, to the audit log', async () => {
		const before = await open.db.select().from(auditLog).where(eq(auditLog.participantId, participant));
		await setGrant(open.db, participant, 'specialist', 'items', true);
		await canView(open.db, viewers.specialist!, participant, 'items');
		await canView(open.db, viewers['specialist-unrelated']!, participant, 'items');
		const after = await open.db.select().from(auditLog).where(eq(auditLog.participantId, participant));
		const added = after.slice(before.length).map((r) => `${r.action}:${r.actorId === viewers.specialist!.id ? 'specialist' : 'participant'}`);
		expect(added).toEqual(['grant:participant', 'view:specialist']);
	});

	it('a participant sees only their own data', async () => {
		expect(await canView(open.db, { id: participant, role: 'participant' }, participant, 'items')).toBe(true);
		expect(await canView(open.db, { id: viewers.teacher!.id, role: 'participant' }, participant, 'items')).toBe(false);
	});
});
