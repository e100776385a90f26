import { and, desc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Database } from './db';
import { assignments, customSets, groupMembers, users } from './db/schema';
import { checkSet, copySet, SetEditError } from '../content/edit-set';
import type { PhraseSet } from '../content/schema';
import { readableRandom } from './auth/readable-random';
import { builtInSets, isSafetyItemId } from './content-facts';
import type { SessionUser } from './auth/sessions';

/** Teachers' own sets have ids starting with `t-`, so they never clash with built-in ones. */
export const isCustomSetId = (id: string) => id.startsWith('t-');
const newSetId = () => `t-${readableRandom(8)}`;

type Staff = Pick<SessionUser, 'id' | 'organisationId' | 'role'>;

export interface CustomSet {
	id: string;
	body: PhraseSet;
	ownerId: string;
	ownerName: string;
	basedOn: string | null;
	updatedAt: Date;
	canEdit: boolean;
}

/** A new set from a first item, or a copy of a built-in set to adapt. */
export async function createSet(db: Database, staff: Staff, init: { title: string; emoji: string; basedOn?: string; first?: PhraseSet['items'][number] }): Promise<string> {
	const id = newSetId();
	let body: PhraseSet;
	if (init.basedOn) {
		const from = builtInSets().find((s) => s.id === init.basedOn);
		if (!from) throw new SetEditError(`basedOn: no built-in set "${init.basedOn}"`);
		body = { ...copySet(from, id, init.title), emoji: init.emoji || from.emoji };
	} else {
		if (!init.first) throw new SetEditError('items: a set needs at least one item');
		body = checkSet({ id, title: { nb: init.title }, emoji: init.emoji || '📋', level: init.first.level, tags: [], items: [{ ...init.first, id: `${id}.${init.first.id}` }] });
	}
	await db.insert(customSets).values({ id, organisationId: staff.organisationId, ownerId: staff.id, basedOn: init.basedOn ?? null, body });
	return id;
}

/** A set of the staff member's organisation; only its owner may change it. */
export async function loadSet(db: Database, staff: Staff, id: string): Promise<CustomSet | null> {
	if (!isCustomSetId(id) || !/^[a-z0-9-]{3,64}$/.test(id)) return null;
	const [row] = await db
		.select({ id: customSets.id, body: customSets.body, ownerId: customSets.ownerId, ownerName: users.displayName, basedOn: customSets.basedOn, updatedAt: customSets.updatedAt })
		.from(customSets)
		.innerJoin(users, eq(users.id, customSets.ownerId))
		.where(and(eq(customSets.id, id), eq(customSets.organisationId, staff.organisationId), isNull(customSets.deletedAt)));
	return row ? { ...row, body: row.body as PhraseSet, canEdit: row.ownerId === staff.id } : null;
}

/** Stores a new version; phones that have the set get it on their next sync. */
export async function saveSet(db: Database, staff: Staff, body: PhraseSet): Promise<void> {
	const checked = checkSet(body);
	const done = await db
		.update(customSets)
		.set({ body: checked, updatedAt: sql`now()`, seq: sql`nextval('sync_seq')` })
		.where(and(eq(customSets.id, checked.id), eq(customSets.ownerId, staff.id), isNull(customSets.deletedAt)))
		.returning({ id: customSets.id });
	if (!done.length) throw new SetEditError('set: not one of your sets');
}

/** The organisation's sets, the staff member's own first. */
export async function listSets(db: Database, staff: Staff) {
	// Only what the list shows (columns the database keeps from the body): the bodies stay unread.
	const rows = await db
		.select({
			id: customSets.id,
			title: customSets.title,
			emoji: customSets.emoji,
			items: customSets.itemCount,
			ownerId: customSets.ownerId,
			ownerName: users.displayName,
			updatedAt: customSets.updatedAt
		})
		.from(customSets)
		.innerJoin(users, eq(users.id, customSets.ownerId))
		.where(and(eq(customSets.organisationId, staff.organisationId), isNull(customSets.deletedAt)))
		.orderBy(desc(customSets.updatedAt));
	return rows
		.map((r) => ({ id: r.id, title: r.title ?? '', emoji: r.emoji ?? '', items: r.items ?? 0, ownerName: r.ownerName, mine: r.ownerId === staff.id, updatedAt: r.updatedAt }))
		.sort((a, b) => Number(b.mine) - Number(a.mine));
}

/** "🍳 Title" of each set the staff member may see (built-in, or their organisation's own), in one query; unknown ids are left out. */
export async function setTitles(db: Database, staff: Staff, ids: readonly string[]): Promise<Map<string, string>> {
	const out = new Map<string, string>();
	for (const s of builtInSets()) if (ids.includes(s.id)) out.set(s.id, `${s.emoji} ${s.title.nb}`);
	const custom = [...new Set(ids.filter(isCustomSetId))];
	if (custom.length) {
		const rows = await db
			.select({ id: customSets.id, title: customSets.title, emoji: customSets.emoji })
			.from(customSets)
			.where(and(inArray(customSets.id, custom), eq(customSets.organisationId, staff.organisationId), isNull(customSets.deletedAt)));
		for (const r of rows) out.set(r.id, `${r.emoji} ${r.title}`);
	}
	return out;
}

/** Sets assigned to the participant (directly or through a group) that changed, or were assigned, since `cursor`. */
export async function customSetsForPull(tx: Database, participantId: string, cursor: number) {
	const myGroups = tx.select({ id: groupMembers.groupId }).from(groupMembers).where(eq(groupMembers.participantId, participantId));
	const mine = await tx
		.select({ setId: assignments.setId, seq: assignments.seq })
		.from(assignments)
		.where(and(isNull(assignments.deletedAt), or(eq(assignments.participantId, participantId), inArray(assignments.groupId, myGroups))));
	const ids = [...new Set(mine.map((a) => a.setId).filter(isCustomSetId))];
	if (!ids.length) return [];
	const newlyAssigned = mine.filter((a) => a.seq > cursor).map((a) => a.setId);
	const rows = await tx
		.select({ id: customSets.id, body: customSets.body, seq: customSets.seq, deletedAt: customSets.deletedAt })
		.from(customSets)
		.where(and(inArray(customSets.id, ids), newlyAssigned.length ? or(gt(customSets.seq, cursor), inArray(customSets.id, newlyAssigned)) : gt(customSets.seq, cursor)));
	return rows;
}

/** Safety items (higher retention) among `itemIds`, in built-in and teachers' sets alike. */
export async function safetyLookup(db: Database, itemIds: readonly string[]): Promise<(id: string) => boolean> {
	const setIds = [...new Set(itemIds.map((id) => id.split('.')[0]!).filter(isCustomSetId))];
	if (!setIds.length) return isSafetyItemId;
	const rows = await db.select({ body: customSets.body }).from(customSets).where(inArray(customSets.id, setIds));
	const custom = new Set(rows.flatMap((r) => (r.body as PhraseSet).items.filter((i) => i.tags.includes('safety')).map((i) => i.id)));
	return (id) => custom.has(id) || isSafetyItemId(id);
}

/** A set by id as staff of this organisation see it: built-in, or one of their teachers' own. */
export async function findSet(db: Database, staff: Staff, id: string): Promise<PhraseSet | null> {
	if (isCustomSetId(id)) return (await loadSet(db, staff, id))?.body ?? null;
	return builtInSets().find((s) => s.id === id) ?? null;
}
