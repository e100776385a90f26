import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/lib/server/db';
import { groupMembers, groups, organisations, placements, users } from '../../src/lib/server/db/schema';
import { acceptInvite, createWorkplace, decideSuggestion, inviteContact, pendingSuggestions, placeParticipant, saveCard, suggestWord, WorkplaceError, wordsThisWeek, workplaceForPull } from '../../src/lib/server/workplaces';
import { assignToParticipant } from '../../src/lib/server/groups';
import { setGrant } from '../../src/lib/server/participants';
import { pull, syncParticipant } from '../../src/lib/server/sync/ingest';
import { checkinHistory } from '../../src/lib/server/reports';
import { freshDatabase } from './test-db';

let open: OpenDatabase;
type Staff = { id: string; organisationId: string; role: 'teacher' | 'specialist' | 'workplace' };
let specialist: Staff;
let teacher: Staff;
let otherTeacher: Staff;
let participant: string;

beforeAll(async () => {
	open = await freshDatabase();
	const [org] = await open.db.insert(organisations).values({ name: 'NAV' }).returning();
	const made = await open.db
		.insert(users)
		.values([
			{ organisationId: org!.id, role: 'specialist', displayName: 'Per', email: 'per@x.no', phone: '+47 400 00 000' },
			{ organisationId: org!.id, role: 'teacher', displayName: 'Kari', email: 'kari@x.no' },
			{ organisationId: org!.id, role: 'teacher', displayName: 'Ola', email: 'ola@x.no' },
			{ organisationId: org!.id, role: 'participant', displayName: 'Amina' }
		])
		.returning();
	const staff = (n: number, role: Staff['role']): Staff => ({ id: made[n]!.id, organisationId: made[n]!.organisationId, role });
	[specialist, teacher, otherTeacher] = [staff(0, 'specialist'), staff(1, 'teacher'), staff(2, 'teacher')];
	participant = made[3]!.id;
	const [group] = await open.db.insert(groups).values({ organisationId: org!.id, name: 'G', teacherId: teacher.id }).returning();
	await open.db.insert(groupMembers).values({ groupId: group!.id, participantId: participant });
	await open.db.insert(placements).values({ participantId: participant, specialistId: specialist.id });
});
afterAll(async () => {
	await open?.close();
});

describe('workplaces', () => {
	it('from workplace to fadder to approved word on the phone', async () => {
		const place = await createWorkplace(open.db, specialist, 'Rema 1000 Storo');
		await saveCard(open.db, specialist, place, { address: 'Vitaminveien 1', startTime: '07:00', breaks: '', contactName: 'Ola', contactPhone: '912 34 567', wear: '', absence: 'Ring Ola', equipment: '', eat: '', firstWeek: '' });
		await placeParticipant(open.db, specialist, participant, place, '2026-12-01');
		const card = await workplaceForPull(open.db, participant, 0);
		expect(card?.view).toMatchObject({ name: 'Rema 1000 Storo', card: { address: 'Vitaminveien 1', absence: 'Ring Ola' }, specialistPhone: '+47 400 00 000' });
		expect(card?.view.card).not.toHaveProperty('breaks');

		const token = await inviteContact(open.db, specialist, place, { name: 'Ola Fadder', email: 'ola@rema.example' });
		await expect(acceptInvite(open.db, token, 'short')).rejects.toBeInstanceOf(WorkplaceError);
		const fadderUser = await acceptInvite(open.db, token, 'fadder-passord-1');
		await expect(acceptInvite(open.db, token, 'fadder-passord-2')).rejects.toThrow('does not work');
		const fadder: Staff = { id: fadderUser.id, organisationId: fadderUser.organisationId, role: 'workplace' };

		await assignToParticipant(open.db, specialist, participant, { setId: 'warehouse', dueDate: '2099-01-01', goal: null });
		expect(await wordsThisWeek(open.db, fadder, place)).toEqual({ people: [], hidden: 1 });
		await setGrant(open.db, participant, 'workplace', 'sets', true);
		const shared = await wordsThisWeek(open.db, fadder, place);
		expect(shared.people[0]?.sets[0]?.words.map((w) => w.nb)).toContain('en pall');
		expect(JSON.stringify(shared)).not.toMatch(/lapses|known|grade/);

		await suggestWord(open.db, fadder, place, { nb: 'kjølerommet', example: 'Sett melka i kjølerommet.', photo: '', audio: '' });
		expect((await pendingSuggestions(open.db, otherTeacher)).length).toBe(0);
		const [pending] = await pendingSuggestions(open.db, teacher);
		await expect(decideSuggestion(open.db, otherTeacher, pending!.id, true)).rejects.toBeInstanceOf(WorkplaceError);
		const before = await pull(open.db, participant, 'phone', 0);
		await decideSuggestion(open.db, teacher, pending!.id, true);
		const after = await pull(open.db, participant, 'phone', before.cursor);
		const set = after.sets[0]?.set;
		expect(set?.title.nb).toBe('Ord vi bruker her – Rema 1000 Storo');
		expect(set?.items.map((i) => i.nb)).toEqual(['kjølerommet']);
		expect(after.assignments.map((a) => a.setId)).toContain(set!.id);
		// A second approved word joins the same set, whoever approves it.
		await suggestWord(open.db, fadder, place, { nb: 'en rullecontainer', example: '', photo: '', audio: '' });
		await decideSuggestion(open.db, specialist, (await pendingSuggestions(open.db, specialist))[0]!.id, true);
		const again = await pull(open.db, participant, 'phone', after.cursor);
		expect(again.sets[0]?.set?.items.map((i) => i.nb)).toEqual(['kjølerommet', 'en rullecontainer']);
	});

	it('stores check-ins once, whatever the retries, and flags a low answer', async () => {
		const checkin = { id: '0193a1b2-0000-7000-8000-0000000000c1', point: 'week-1', at: Date.now() - 1000, scores: { sure: 7, pace: 6, help: 2, belonging: 5 }, hard: ['words' as const] };
		const first = await syncParticipant(open.db, participant, { deviceId: 'phone', cursor: 0, events: [], checkins: [checkin] }, () => false);
		const again = await syncParticipant(open.db, participant, { deviceId: 'phone', cursor: 0, events: [], checkins: [checkin] }, () => false);
		expect(first.acceptedCheckins).toEqual([checkin.id]);
		expect(again.acceptedCheckins).toEqual([checkin.id]);
		const history = await checkinHistory(open.db, participant);
		expect(history.list).toHaveLength(1);
		expect(history).toMatchObject({ low: true, flag: true });
		// Someone else's id is never counted as theirs.
		const [other] = await open.db.insert(users).values({ organisationId: specialist.organisationId, role: 'participant', displayName: 'Ali' }).returning();
		const stolen = await syncParticipant(open.db, other!.id, { deviceId: 'x', cursor: 0, events: [], checkins: [checkin] }, () => false);
		expect(stolen.acceptedCheckins).toEqual([]);
	});

	it('is only for the job specialist who keeps it', async () => {
		const place = await createWorkplace(open.db, specialist, 'Annen');
		await expect(saveCard(open.db, { ...specialist, id: teacher.id }, place, {} as never)).rejects.toBeInstanceOf(WorkplaceError);
		await expect(createWorkplace(open.db, teacher, 'X')).rejects.toBeInstanceOf(WorkplaceError);
		await expect(placeParticipant(open.db, specialist, teacher.id, place, null)).rejects.toThrow('caseload');
	});
});
