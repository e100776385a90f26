import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { OpenDatabase } from '../../src/lib/server/db';
import { groupMembers, organisations, users } from '../../src/lib/server/db/schema';
import { createSet, findSet, listSets, loadSet, safetyLookup, saveSet } from '../../src/lib/server/custom-sets';
import { assignToGroup, createGroup, GroupError, removeMember, unassign } from '../../src/lib/server/groups';
import { pull } from '../../src/lib/server/sync/ingest';
import { addItems, SetEditError } from '../../src/lib/content/edit-set';
import { freshDatabase } from './test-db';

let open: OpenDatabase;
type Staff = { id: string; organisationId: string; role: 'teacher' | 'specialist' };
let teacher: Staff;
let colleague: Staff;
let outsider: Staff;
let participant: string;

beforeAll(async () => {
	open = await freshDatabase();
	const [org, other] = await open.db.insert(organisations).values([{ name: 'Skole' }, { name: 'Annen' }]).returning();
	const made = await open.db
		.insert(users)
		.values([
			{ organisationId: org!.id, role: 'teacher', displayName: 'Kari', email: 'k@x.no' },
			{ organisationId: org!.id, role: 'teacher', displayName: 'Ola', email: 'o@x.no' },
			{ organisationId: other!.id, role: 'teacher', displayName: 'Per', email: 'p@x.no' },
			{ organisationId: org!.id, role: 'participant', displayName: 'Amina' }
		])
		.returning();
	const staff = (n: number): Staff => ({ id: made[n]!.id, organisationId: made[n]!.organisationId, role: 'teacher' });
	[teacher, colleague, outsider] = [staff(0), staff(1), staff(2)];
	participant = made[3]!.id;
});
afterAll(async () => {
	await open?.close();
});

describe("a teacher's own sets", () => {
	it('copies a built-in set; colleagues can see it, only the owner can change it, other organisations cannot see it', async () => {
		const id = await createSet(open.db, teacher, { title: 'Rema – lager', emoji: '', basedOn: 'safety' });
		expect(id).toMatch(/^t-[a-z0-9]{8}$/);
		const mine = await loadSet(open.db, teacher, id);
		expect(mine?.canEdit).toBe(true);
		expect(mine?.body.items.every((i) => i.id.startsWith(`${id}.`))).toBe(true);
		expect((await loadSet(open.db, colleague, id))?.canEdit).toBe(false);
		expect(await loadSet(open.db, outsider, id)).toBeNull();
		expect(await findSet(open.db, outsider, id)).toBeNull();
		await expect(saveSet(open.db, colleague, mine!.body)).rejects.toBeInstanceOf(SetEditError);
		expect((await listSets(open.db, colleague)).map((s) => s.mine)).toEqual([false]);
	});

	it('reaches the phone when assigned, and again after each change; safety items keep their retention', async () => {
		const id = await createSet(open.db, teacher, { title: 'Kjøkken', emoji: '🍳', basedOn: 'kitchen' });
		const group = await createGroup(open.db, teacher, 'Kveld');
		await open.db.insert(groupMembers).values({ groupId: group, participantId: participant });
		const before = await pull(open.db, participant, 'phone', 0);
		expect(before.sets.map((s) => s.id)).not.toContain(id);

		await assignToGroup(open.db, teacher, group, { setId: id, dueDate: '2026-12-01', goal: 0.8 });
		const first = await pull(open.db, participant, 'phone', before.cursor);
		expect(first.assignments.map((a) => a.setId)).toEqual([id]);
		expect(first.sets.map((s) => s.id)).toEqual([id]);
		expect((await pull(open.db, participant, 'phone', first.cursor)).sets).toEqual([]);

		const set = (await loadSet(open.db, teacher, id))!.body;
		await saveSet(open.db, teacher, addItems(set, [{ nb: 'Verneutstyr', example: 'Bruk verneutstyr.', level: 'A1', tags: ['safety'], translations: {} }]));
		const changed = await pull(open.db, participant, 'phone', first.cursor);
		expect(changed.sets[0]?.set?.items.at(-1)?.nb).toBe('Verneutstyr');
		const isSafety = await safetyLookup(open.db, [`${id}.verneutstyr`, 'safety.stop', `${id}.nothing`]);
		expect([isSafety(`${id}.verneutstyr`), isSafety(`${id}.nothing`)]).toEqual([true, false]);

		// Taken back: the phone hears of it; the set stays until the phone drops it.
		await unassign(open.db, teacher, group, first.assignments[0]!.id);
		expect((await pull(open.db, participant, 'phone', changed.cursor)).assignments).toEqual([expect.objectContaining({ deleted: true })]);
	});

	it('refuses assigning an unknown set or to a group that is not yours; removing a member keeps their data', async () => {
		const group = await createGroup(open.db, teacher, 'Dag');
		await expect(assignToGroup(open.db, teacher, group, { setId: 'no-such-set', dueDate: null, goal: null })).rejects.toBeInstanceOf(GroupError);
		await expect(assignToGroup(open.db, colleague, group, { setId: 'safety', dueDate: null, goal: null })).rejects.toBeInstanceOf(GroupError);
		await open.db.insert(groupMembers).values({ groupId: group, participantId: participant });
		await expect(removeMember(open.db, colleague, group, participant)).rejects.toBeInstanceOf(GroupError);
		await removeMember(open.db, teacher, group, participant);
		const [still] = await open.db.select().from(users).where(eq(users.id, participant));
		expect(still?.displayName).toBe('Amina');
	});
});
