import { and, eq, gte, inArray, isNull, or, sql } from 'drizzle-orm';
import * as v from 'valibot';
import type { Database } from './db';
import { assignments, auditLog, customSets, groupMembers, groups, invites, placements, users, wordSuggestions, workplaceContacts, workplaces } from './db/schema';
import type { SessionUser } from './auth/sessions';
import { hashToken, newToken } from './auth/sessions';
import { hashSecret, MIN_PASSWORD_LENGTH } from './auth/passwords';
import { canView } from './access';
import { findSet } from './custom-sets';
import { addItems, checkSet, slugify } from '../content/edit-set';
import type { PhraseSet } from '../content/schema';
import { readableRandom } from './auth/readable-random';

type Staff = Pick<SessionUser, 'id' | 'organisationId' | 'role'>;

export class WorkplaceError extends Error {}

const Field = v.optional(v.pipe(v.string(), v.trim(), v.maxLength(300, 'at most 300 characters')), '');
/** The onboarding card (DOMAIN.md): short fields, each read aloud on the participant's phone. */
export const CardSchema = v.object({
	address: Field,
	startTime: Field,
	breaks: Field,
	contactName: Field,
	contactPhone: v.optional(v.pipe(v.string(), v.trim(), v.regex(/^$|^\+?[0-9 ]{8,16}$/, 'contactPhone: a phone number like 912 34 567')), ''),
	wear: Field,
	absence: Field,
	equipment: Field,
	eat: Field,
	firstWeek: Field
});
export type Card = v.InferOutput<typeof CardSchema>;

export async function createWorkplace(db: Database, specialist: Staff, name: string): Promise<string> {
	if (specialist.role !== 'specialist') throw new WorkplaceError('only a job specialist makes workplaces');
	const [row] = await db.insert(workplaces).values({ organisationId: specialist.organisationId, name, specialistId: specialist.id }).returning({ id: workplaces.id });
	return row!.id;
}

/** A workplace the job specialist keeps, or null. */
export async function keptWorkplace(db: Database, specialist: Staff, id: string) {
	if (!v.is(v.pipe(v.string(), v.uuid()), id)) return null;
	const [row] = await db.select().from(workplaces).where(and(eq(workplaces.id, id), eq(workplaces.specialistId, specialist.id)));
	return row ?? null;
}

export async function specialistWorkplaces(db: Database, specialistId: string) {
	return db.select({ id: workplaces.id, name: workplaces.name }).from(workplaces).where(eq(workplaces.specialistId, specialistId)).orderBy(workplaces.name);
}

/** Saves the card; the phones of everyone placed here get it on their next sync. */
export async function saveCard(db: Database, specialist: Staff, id: string, card: Card) {
	const done = await db
		.update(workplaces)
		.set({ card, seq: sql`nextval('sync_seq')` })
		.where(and(eq(workplaces.id, id), eq(workplaces.specialistId, specialist.id)))
		.returning({ id: workplaces.id });
	if (!done.length) throw new WorkplaceError('workplace: not one you keep');
}

/** Places someone from the specialist's caseload at a workplace, with a start date. */
export async function placeParticipant(db: Database, specialist: Staff, participantId: string, workplaceId: string, startDate: string | null) {
	if (!(await keptWorkplace(db, specialist, workplaceId))) throw new WorkplaceError('workplace: not one you keep');
	if (!v.is(v.pipe(v.string(), v.uuid()), participantId)) throw new WorkplaceError('participant: not in your caseload');
	const done = await db
		.update(placements)
		.set({ workplaceId, startDate })
		.where(and(eq(placements.participantId, participantId), eq(placements.specialistId, specialist.id), isNull(placements.endedAt)))
		.returning({ id: placements.id });
	if (!done.length) throw new WorkplaceError('participant: not in your caseload');
	await db.update(workplaces).set({ seq: sql`nextval('sync_seq')` }).where(eq(workplaces.id, workplaceId));
	const [place] = await db.select({ setId: workplaces.setId }).from(workplaces).where(eq(workplaces.id, workplaceId));
	if (place?.setId) await assignToPlaced(db, workplaceId, place.setId, specialist.id);
	await db.insert(auditLog).values({ actorId: specialist.id, participantId, action: 'placed', detail: { workplaceId, startDate } });
}

/** People placed at a workplace now. */
export async function placedAt(db: Database, workplaceId: string) {
	return db
		.select({ id: users.id, name: users.displayName, startDate: placements.startDate, specialistId: placements.specialistId })
		.from(placements)
		.innerJoin(users, eq(users.id, placements.participantId))
		.where(and(eq(placements.workplaceId, workplaceId), isNull(placements.endedAt)));
}

/**
 * An employer or fadder: an account with no password yet and a link to set one (14 days).
 * Returns the token for the link; only its hash is stored.
 */
export async function inviteContact(db: Database, specialist: Staff, workplaceId: string, input: { name: string; email: string }) {
	if (!(await keptWorkplace(db, specialist, workplaceId))) throw new WorkplaceError('workplace: not one you keep');
	const [taken] = await db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, input.email.toLowerCase()));
	if (taken) throw new WorkplaceError(`email: ${input.email} already has an account`);
	const [user] = await db.insert(users).values({ organisationId: specialist.organisationId, role: 'workplace', email: input.email.toLowerCase(), displayName: input.name }).returning({ id: users.id });
	await db.insert(workplaceContacts).values({ workplaceId, userId: user!.id });
	const token = newToken();
	await db.insert(invites).values({ tokenHash: hashToken(token), userId: user!.id, expiresAt: new Date(Date.now() + 14 * 86_400_000) });
	return token;
}

/** The invited person sets their password; the link works once. */
export async function acceptInvite(db: Database, token: string, password: string) {
	if (password.length < MIN_PASSWORD_LENGTH) throw new WorkplaceError(`password: at least ${MIN_PASSWORD_LENGTH} characters`);
	const [row] = await db
		.select({ userId: invites.userId })
		.from(invites)
		.where(and(eq(invites.tokenHash, hashToken(token)), isNull(invites.usedAt), gte(invites.expiresAt, new Date())));
	if (!row) throw new WorkplaceError('invite: this link does not work any more; ask the job specialist for a new one');
	await db.update(invites).set({ usedAt: new Date() }).where(eq(invites.tokenHash, hashToken(token)));
	await db.update(users).set({ passwordHash: await hashSecret(password) }).where(eq(users.id, row.userId));
	const [user] = await db.select().from(users).where(eq(users.id, row.userId));
	return user!;
}

export async function inviteValid(db: Database, token: string) {
	const [row] = await db
		.select({ name: users.displayName, email: users.email })
		.from(invites)
		.innerJoin(users, eq(users.id, invites.userId))
		.where(and(eq(invites.tokenHash, hashToken(token)), isNull(invites.usedAt), gte(invites.expiresAt, new Date())));
	return row ?? null;
}

/** The workplaces an employer or fadder belongs to, with the job specialist to call. */
export async function contactWorkplaces(db: Database, contactId: string) {
	return db
		.select({ id: workplaces.id, name: workplaces.name, setId: workplaces.setId, specialistName: users.displayName, specialistPhone: users.phone })
		.from(workplaceContacts)
		.innerJoin(workplaces, eq(workplaces.id, workplaceContacts.workplaceId))
		.leftJoin(users, eq(users.id, workplaces.specialistId))
		.where(eq(workplaceContacts.userId, contactId));
}

/**
 * The words colleagues can use this week: for each person placed here who shares "sets being
 * trained" with the workplace, the words of their sets due next. Never scores or anything else.
 */
export async function wordsThisWeek(db: Database, contact: Staff, workplaceId: string, now = new Date()) {
	const today = now.toISOString().slice(0, 10);
	const out: { name: string; sets: { title: string; emoji: string; words: { nb: string; emoji?: string }[] }[] }[] = [];
	let hidden = 0;
	for (const person of await placedAt(db, workplaceId)) {
		if (!(await canView(db, contact as SessionUser, person.id, 'sets'))) {
			hidden++;
			continue;
		}
		const myGroups = db.select({ id: groupMembers.groupId }).from(groupMembers).where(eq(groupMembers.participantId, person.id));
		const rows = await db
			.select({ setId: assignments.setId, dueDate: assignments.dueDate })
			.from(assignments)
			.where(and(isNull(assignments.deletedAt), or(eq(assignments.participantId, person.id), inArray(assignments.groupId, myGroups))));
		const current = [...new Map(rows.filter((r) => !r.dueDate || r.dueDate >= today).sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999')).map((r) => [r.setId, r])).values()].slice(0, 3);
		const sets = [];
		for (const a of current) {
			const set = await findSet(db, contact, a.setId);
			if (set) sets.push({ title: set.title.nb, emoji: set.emoji, words: set.items.slice(0, 12).map((i) => ({ nb: i.nb, ...(i.emoji ? { emoji: i.emoji } : {}) })) });
		}
		out.push({ name: person.name, sets });
	}
	return { people: out, hidden };
}

export const SuggestionSchema = v.object({
	nb: v.pipe(v.string(), v.trim(), v.minLength(1, 'nb: write the word as you say it here'), v.maxLength(200)),
	example: v.pipe(v.string(), v.trim(), v.maxLength(300)),
	photo: v.pipe(v.string(), v.regex(/^$|^\/media\/[0-9a-f-]{36}$/, 'photo: not a media link')),
	audio: v.pipe(v.string(), v.regex(/^$|^\/media\/[0-9a-f-]{36}$/, 'audio: not a media link'))
});

export async function suggestWord(db: Database, contact: Staff, workplaceId: string, input: v.InferOutput<typeof SuggestionSchema>) {
	if (!v.is(v.pipe(v.string(), v.uuid()), workplaceId)) throw new WorkplaceError('workplace: not yours');
	const [member] = await db.select().from(workplaceContacts).where(and(eq(workplaceContacts.workplaceId, workplaceId), eq(workplaceContacts.userId, contact.id)));
	if (!member) throw new WorkplaceError('workplace: not yours');
	await db.insert(wordSuggestions).values({ workplaceId, suggestedBy: contact.id, nb: input.nb, example: input.example || null, photo: input.photo || null, audio: input.audio || null });
}

/** Workplaces a teacher or job specialist decides suggestions for: theirs, or where their group members are placed. */
function decidableWorkplaces(db: Database, staff: Staff) {
	if (staff.role === 'specialist') return db.select({ id: workplaces.id }).from(workplaces).where(eq(workplaces.specialistId, staff.id));
	return db
		.selectDistinct({ id: placements.workplaceId })
		.from(placements)
		.innerJoin(groupMembers, eq(groupMembers.participantId, placements.participantId))
		.innerJoin(groups, eq(groups.id, groupMembers.groupId))
		.where(and(eq(groups.teacherId, staff.id), isNull(placements.endedAt)));
}

export async function pendingSuggestions(db: Database, staff: Staff) {
	return db
		.select({ id: wordSuggestions.id, nb: wordSuggestions.nb, example: wordSuggestions.example, photo: wordSuggestions.photo, audio: wordSuggestions.audio, workplace: workplaces.name, by: users.displayName, createdAt: wordSuggestions.createdAt })
		.from(wordSuggestions)
		.innerJoin(workplaces, eq(workplaces.id, wordSuggestions.workplaceId))
		.innerJoin(users, eq(users.id, wordSuggestions.suggestedBy))
		.where(and(eq(wordSuggestions.status, 'pending'), inArray(wordSuggestions.workplaceId, decidableWorkplaces(db, staff))))
		.orderBy(wordSuggestions.createdAt);
}

/** Every person placed at the workplace has the workplace's set assigned (added once). */
async function assignToPlaced(db: Database, workplaceId: string, setId: string, by: string) {
	for (const person of await placedAt(db, workplaceId)) {
		const [has] = await db.select({ id: assignments.id }).from(assignments).where(and(eq(assignments.setId, setId), eq(assignments.participantId, person.id), isNull(assignments.deletedAt)));
		if (!has) await db.insert(assignments).values({ setId, participantId: person.id, createdBy: by });
	}
}

/**
 * Approves a suggestion into the workplace's own set ("Ord vi bruker her"), made on the first
 * approval and assigned to everyone placed there, or rejects it.
 */
export async function decideSuggestion(db: Database, staff: Staff, id: string, approve: boolean) {
	if (!v.is(v.pipe(v.string(), v.uuid()), id)) throw new WorkplaceError('suggestion: not found');
	const [s] = await db
		.select()
		.from(wordSuggestions)
		.where(and(eq(wordSuggestions.id, id), eq(wordSuggestions.status, 'pending'), inArray(wordSuggestions.workplaceId, decidableWorkplaces(db, staff))));
	if (!s) throw new WorkplaceError('suggestion: not found');
	await db.transaction(async (tx) => {
		const t = tx as unknown as Database;
		await t.update(wordSuggestions).set({ status: approve ? 'approved' : 'rejected', decidedBy: staff.id, decidedAt: new Date() }).where(eq(wordSuggestions.id, id));
		if (!approve) return;
		const [place] = await t.select().from(workplaces).where(eq(workplaces.id, s.workplaceId));
		const item = { nb: s.nb, example: s.example ?? s.nb, level: 'A1' as const, tags: ['workplace'], translations: {}, ...(s.photo ? { photo: s.photo } : {}), ...(s.audio ? { audio: s.audio } : {}) };
		let setId = place!.setId;
		if (!setId) {
			setId = `t-${readableRandom(8)}`;
			const body = checkSet({ id: setId, title: { nb: `Ord vi bruker her – ${place!.name}` }, emoji: '🏷️', level: 'A1', tags: ['workplace'], items: [{ ...item, alternatives: [], id: `${setId}.${slugify(s.nb)}` }] });
			await t.insert(customSets).values({ id: setId, organisationId: place!.organisationId, ownerId: staff.id, body });
			await t.update(workplaces).set({ setId }).where(eq(workplaces.id, place!.id));
		} else {
			const [row] = await t.select({ body: customSets.body }).from(customSets).where(eq(customSets.id, setId));
			// The workplace's set belongs to the workplace: any teacher or specialist who may decide may add to it.
			await t
				.update(customSets)
				.set({ body: addItems(row!.body as PhraseSet, [item]), updatedAt: sql`now()`, seq: sql`nextval('sync_seq')` })
				.where(eq(customSets.id, setId));
		}
		await assignToPlaced(t, place!.id, setId, staff.id);
	});
}

/** The participant's workplace card for the phone, when it changed since `cursor` (placing someone bumps it). */
export async function workplaceForPull(tx: Database, participantId: string, cursor: number) {
	const [row] = await tx
		.select({ name: workplaces.name, card: workplaces.card, setId: workplaces.setId, seq: workplaces.seq, startDate: placements.startDate, specialistName: users.displayName, specialistPhone: users.phone })
		.from(placements)
		.innerJoin(workplaces, eq(workplaces.id, placements.workplaceId))
		.leftJoin(users, eq(users.id, workplaces.specialistId))
		.where(and(eq(placements.participantId, participantId), isNull(placements.endedAt), sql`${workplaces.seq} > ${cursor}`))
		.limit(1);
	if (!row) return null;
	const card = Object.fromEntries(Object.entries((row.card ?? {}) as Record<string, string>).filter(([, value]) => typeof value === 'string' && value));
	return { seq: row.seq, view: { name: row.name, startDate: row.startDate, card, setId: row.setId, specialistName: row.specialistName, specialistPhone: row.specialistPhone } };
}
