import { and, eq, gt, inArray, ne, or, sql } from 'drizzle-orm';
import type { CardState, ReviewEvent } from '../../practice/card';
import { replayCard } from '../../practice/scheduler';
import { MAX_CLOCK_AHEAD_MS, type SyncRequest, type SyncResponse } from '../../sync/protocol';
import type { Database } from '../db';
import { customSetsForPull } from '../custom-sets';
import { repliesForPull } from '../voice-messages';
import { workplaceForPull } from '../workplaces';
import { addPracticeDays } from './practice-days';
import type { PhraseSet } from '../../content/schema';
import { checkins } from '../db/schema';
import { assignments, groupMembers, itemState, reviewEvents, shareGrants } from '../db/schema';

/**
 * Serialises the writes and reads of one participant's feed, so that a pull never returns a
 * cursor past a change still being written (the sequence is allocated before commit).
 */
export async function lockParticipant(tx: Database, participantId: string, shared = false) {
	const fn = shared ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
	await tx.execute(sql`select ${sql.raw(fn)}(hashtextextended(${participantId}::text, 0))`);
}

/** Whether an item is a safety item, for its target retention (the server has no content). */
export type SafetyLookup = (itemId: string) => boolean;

/**
 * Stores pushed review events (each once, whatever the retries), recomputes the derived item
 * state for what they touched, and returns what changed for this phone since its cursor. All
 * in one transaction: nothing is half-stored.
 */
export async function syncParticipant(
	db: Database,
	participantId: string,
	request: SyncRequest,
	isSafety: SafetyLookup,
	now = Date.now()
): Promise<SyncResponse> {
	return db.transaction(async (tx) => {
		const t = tx as unknown as Database;
		await lockParticipant(t, participantId);
		const clamped: string[] = [];
		const rows = request.events.map((e) => {
			const ahead = e.at - now;
			const at = ahead > MAX_CLOCK_AHEAD_MS ? now : e.at;
			if (at !== e.at) clamped.push(e.id);
			return { ...e, participantId, at: new Date(at), clockSkewMs: at !== e.at ? Math.min(ahead, 2_000_000_000) : null };
		});
		if (rows.length) {
			const stored = await t.insert(reviewEvents).values(rows).onConflictDoNothing({ target: reviewEvents.id }).returning({ at: reviewEvents.at, durationMs: reviewEvents.durationMs });
			await recomputeItemState(t, participantId, rows, isSafety);
			await addPracticeDays(t, participantId, stored);
		}
		let acceptedCheckins: string[] = [];
		if (request.checkins?.length) {
			await t
				.insert(checkins)
				.values(request.checkins.map((c) => ({ id: c.id, participantId, point: c.point, scores: c.scores, hard: c.hard, at: new Date(Math.min(c.at, now)) })))
				.onConflictDoNothing({ target: checkins.id });
			const ids = request.checkins.map((c) => c.id);
			acceptedCheckins = (await t.select({ id: checkins.id }).from(checkins).where(and(inArray(checkins.id, ids), eq(checkins.participantId, participantId)))).map((r) => r.id);
		}
		// Only events that are this participant's count as accepted; an id taken by someone else is not.
		const ids = rows.map((r) => r.id);
		const stored = ids.length
			? (await t.select({ id: reviewEvents.id }).from(reviewEvents).where(and(inArray(reviewEvents.id, ids), eq(reviewEvents.participantId, participantId)))).map((r) => r.id)
			: [];
		return { ...(await pull(t, participantId, request.deviceId, request.cursor)), accepted: stored, acceptedCheckins, clamped };
	});
}

async function recomputeItemState(tx: Database, participantId: string, touched: { itemId: string; direction: string }[], isSafety: SafetyLookup) {
	const itemIds = [...new Set(touched.map((r) => r.itemId))];
	const history = await tx
		.select()
		.from(reviewEvents)
		.where(and(eq(reviewEvents.participantId, participantId), inArray(reviewEvents.itemId, itemIds)));
	const byCard = new Map<string, ReviewEvent[]>();
	for (const e of history) {
		const key = `${e.itemId}|${e.direction}`;
		const list = byCard.get(key) ?? [];
		list.push({ ...e, kind: e.kind as ReviewEvent['kind'], grade: e.grade as ReviewEvent['grade'], at: e.at.getTime() });
		byCard.set(key, list);
	}
	const states = [...byCard.values()].map((events) => replayCard(events, isSafety(events[0]!.itemId))!);
	for (const chunk of chunks(states, 500)) {
		await tx
			.insert(itemState)
			.values(chunk.map((c) => stateRow(participantId, c)))
			.onConflictDoUpdate({
				target: [itemState.participantId, itemState.itemId, itemState.direction],
				set: {
					card: sql`excluded.card`,
					due: sql`excluded.due`,
					reps: sql`excluded.reps`,
					lapses: sql`excluded.lapses`,
					state: sql`excluded.state`,
					lastReview: sql`excluded.last_review`
				}
			});
	}
}

function stateRow(participantId: string, card: CardState) {
	return {
		participantId,
		itemId: card.itemId,
		direction: card.direction,
		card,
		due: new Date(card.due),
		reps: card.reps,
		lapses: card.lapses,
		state: card.state,
		lastReview: new Date(card.lastReview!)
	};
}

function* chunks<T>(list: T[], size: number) {
	for (let i = 0; i < list.length; i += size) yield list.slice(i, i + size);
}

/** What changed for this participant since `cursor`, except their own device's events. */
export async function pull(tx: Database, participantId: string, deviceId: string, cursor: number): Promise<Omit<SyncResponse, 'accepted' | 'acceptedCheckins' | 'clamped'>> {
	const events = await tx
		.select()
		.from(reviewEvents)
		.where(and(eq(reviewEvents.participantId, participantId), gt(reviewEvents.seq, cursor), ne(reviewEvents.deviceId, deviceId)))
		.orderBy(reviewEvents.seq)
		.limit(5000);
	const myGroups = tx.select({ id: groupMembers.groupId }).from(groupMembers).where(eq(groupMembers.participantId, participantId));
	const assigned = await tx
		.select()
		.from(assignments)
		.where(and(gt(assignments.seq, cursor), or(eq(assignments.participantId, participantId), inArray(assignments.groupId, myGroups))));
	const grants = await tx.select().from(shareGrants).where(and(eq(shareGrants.participantId, participantId), gt(shareGrants.seq, cursor)));
	// Own events from this device are not returned but still move the cursor.
	const [own] = await tx
		.select({ max: sql<number>`coalesce(max(${reviewEvents.seq}), 0)` })
		.from(reviewEvents)
		.where(and(eq(reviewEvents.participantId, participantId), gt(reviewEvents.seq, cursor), eq(reviewEvents.deviceId, deviceId)));
	const sets = await customSetsForPull(tx, participantId, cursor);
	const replies = await repliesForPull(tx, participantId, cursor);
	const workplace = await workplaceForPull(tx, participantId, cursor);
	const truncated = events.length === 5000;
	const seqs = [...events.map((e) => e.seq), ...(truncated ? [] : [...assigned.map((a) => a.seq), ...grants.map((g) => g.seq), ...sets.map((s) => s.seq), ...replies.map((r) => r.seq), ...(workplace ? [workplace.seq] : []), Number(own?.max ?? 0)])];
	return {
		cursor: truncated ? events.at(-1)!.seq : Math.max(cursor, ...seqs.map(Number)),
		events: events.map((e) => ({ id: e.id, itemId: e.itemId, direction: e.direction, kind: e.kind as never, grade: e.grade, at: e.at.getTime(), durationMs: e.durationMs, deviceId: e.deviceId })),
		assignments: assigned.map((a) => ({ id: a.id, setId: a.setId, dueDate: a.dueDate, goal: a.goal, deleted: a.deletedAt !== null })),
		grants: grants.map((g) => ({ audience: g.audience, scope: g.scope, granted: g.granted })),
		sets: truncated ? [] : sets.map((s) => ({ id: s.id, set: s.deletedAt ? null : (s.body as PhraseSet) })),
		...(workplace && !truncated ? { workplace: workplace.view } : {}),
		replies: truncated ? [] : replies.map((r) => ({ id: r.id, itemId: r.itemId, nb: r.nb, text: r.replyText, audio: r.replyAudio, at: r.repliedAt!.getTime() }))
	};
}

