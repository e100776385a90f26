import { and, eq, gt, inArray, ne, or, sql } from 'drizzle-orm';
import { cardKey, type CardState, type ReviewEvent } from '../../practice/card';
import { compareEvents, replayCard, scheduleNext } from '../../practice/scheduler';
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
 * Stores pushed review events (each once, whatever the retries), brings the derived item
 * state up to date for what they touched, and returns what changed for this phone since its
 * cursor. All in one transaction: nothing is half-stored.
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
		const { rows, clamped } = eventRows(participantId, request.events, now);
		const { fresh, accepted } = await storeEvents(t, participantId, rows);
		await updateItemState(t, participantId, fresh, isSafety);
		// Only the rows this push stored count towards the days practised.
		await addPracticeDays(t, participantId, fresh);
		let acceptedCheckins: string[] = [];
		if (request.checkins?.length) {
			await t
				.insert(checkins)
				.values(request.checkins.map((c) => ({ id: c.id, participantId, point: c.point, scores: c.scores, hard: c.hard, at: new Date(Math.min(c.at, now)) })))
				.onConflictDoNothing({ target: checkins.id });
			const ids = request.checkins.map((c) => c.id);
			acceptedCheckins = (await t.select({ id: checkins.id }).from(checkins).where(and(inArray(checkins.id, ids), eq(checkins.participantId, participantId)))).map((r) => r.id);
		}
		return { ...(await pull(t, participantId, request.deviceId, request.cursor)), accepted, acceptedCheckins, clamped };
	});
}

type EventRow = typeof reviewEvents.$inferInsert & { at: Date };

/** The rows to store; a time more than a few minutes ahead of ours is clamped to now (and reported). */
function eventRows(participantId: string, events: SyncRequest['events'], now: number) {
	const clamped: string[] = [];
	const rows: EventRow[] = events.map((e) => {
		const ahead = e.at - now;
		const at = ahead > MAX_CLOCK_AHEAD_MS ? now : e.at;
		if (at !== e.at) clamped.push(e.id);
		return { ...e, participantId, at: new Date(at), clockSkewMs: at !== e.at ? Math.min(ahead, 2_000_000_000) : null };
	});
	return { rows, clamped };
}

/**
 * One insert that skips ids already stored and returns the ones it stored (`fresh`: only these
 * change item state). `accepted` also holds the retried ones, but only when they are this
 * participant's: an id taken by someone else is never acknowledged.
 *
 * The rows go in as one array per column (`unnest`): eleven parameters instead of eleven
 * thousand, so neither Drizzle nor the database spends time on a statement of 1,000 tuples.
 */
async function storeEvents(tx: Database, participantId: string, rows: EventRow[]): Promise<{ fresh: EventRow[]; accepted: string[] }> {
	if (!rows.length) return { fresh: [], accepted: [] };
	const column = <T>(f: (r: EventRow) => T) => sql.param(rows.map(f));
	const inserted = await tx.execute(sql`
		insert into ${reviewEvents} (id, participant_id, item_id, direction, kind, grade, at, duration_ms, device_id, clock_skew_ms)
		select id, ${participantId}::uuid, item_id, direction, kind, grade, at, duration_ms, device_id, clock_skew_ms
		from unnest(${column((r) => r.id)}::uuid[], ${column((r) => r.itemId)}::text[], ${column((r) => r.direction)}::text[], ${column((r) => r.kind)}::text[],
			${column((r) => r.grade)}::smallint[], ${column((r) => r.at.toISOString())}::timestamptz[], ${column((r) => r.durationMs)}::integer[],
			${column((r) => r.deviceId)}::text[], ${column((r) => r.clockSkewMs ?? null)}::integer[])
			as t(id, item_id, direction, kind, grade, at, duration_ms, device_id, clock_skew_ms)
		on conflict (id) do nothing
		returning id`);
	const stored = new Set(resultRows<{ id: string }>(inserted).map((r) => r.id));
	const retried = [...new Set(rows.filter((r) => !stored.has(r.id)).map((r) => r.id))];
	const mine = retried.length
		? (await tx.select({ id: reviewEvents.id }).from(reviewEvents).where(and(sql`${reviewEvents.id} = any(${sql.param(retried)}::uuid[])`, eq(reviewEvents.participantId, participantId)))).map((r) => r.id)
		: [];
	// A push may hold the same id twice; only its first row was stored.
	const seen = new Set<string>();
	const fresh = rows.filter((r) => stored.has(r.id) && !seen.has(r.id) && seen.add(r.id));
	return { fresh, accepted: [...stored, ...mine] };
}

/** `execute` answers with `{ rows }` on both drivers; typed loosely by Drizzle. */
function resultRows<T>(result: unknown): T[] {
	return (result as { rows: T[] }).rows;
}

/**
 * Brings `item_state` up to date for the cards the fresh events touched, the way the phone does:
 * a card whose new events all come after its last review steps forward from its stored state;
 * a card with a late event (another phone, an old outbox), or whose safety changed, is replayed
 * from its whole log. Either way the state equals `replayCard` over the card's whole log. One
 * read of the stored states, one read of the logs to replay, one upsert per 500 cards.
 */
async function updateItemState(tx: Database, participantId: string, fresh: EventRow[], isSafety: SafetyLookup) {
	if (!fresh.length) return;
	const incoming = new Map<string, ReviewEvent[]>();
	for (const e of fresh) {
		const key = cardKey(e.itemId, e.direction);
		const list = incoming.get(key) ?? [];
		list.push({ ...e, kind: e.kind as ReviewEvent['kind'], grade: e.grade as ReviewEvent['grade'], at: e.at.getTime() });
		incoming.set(key, list);
	}
	const itemIds = [...new Set(fresh.map((e) => e.itemId))];
	const stored = new Map<string, CardState>();
	for (const row of await tx
		.select({ card: itemState.card })
		.from(itemState)
		.where(and(eq(itemState.participantId, participantId), sql`${itemState.itemId} = any(${sql.param(itemIds)}::text[])`))) {
		const card = row.card as CardState;
		stored.set(card.key, card);
	}

	const states: CardState[] = [];
	const replay = new Set<string>();
	for (const [key, events] of incoming) {
		const card = stored.get(key);
		const safety = isSafety(events[0]!.itemId);
		const sorted = events.sort(compareEvents);
		// Strictly after: an equal time could sort before the last review by id.
		if (card && (card.safety !== safety || card.lastReview === null || sorted[0]!.at <= card.lastReview)) replay.add(key);
		else states.push(sorted.reduce<CardState | undefined>((c, e) => scheduleNext(c, e, safety), card)!);
	}
	if (replay.size) {
		const replayItems = [...new Set([...replay].map((key) => key.slice(0, key.lastIndexOf('|'))))];
		const history = await tx
			.select({ id: reviewEvents.id, itemId: reviewEvents.itemId, direction: reviewEvents.direction, kind: reviewEvents.kind, grade: reviewEvents.grade, at: reviewEvents.at, durationMs: reviewEvents.durationMs, deviceId: reviewEvents.deviceId })
			.from(reviewEvents)
			.where(and(eq(reviewEvents.participantId, participantId), sql`${reviewEvents.itemId} = any(${sql.param(replayItems)}::text[])`));
		const logs = new Map<string, ReviewEvent[]>();
		for (const e of history) {
			const key = cardKey(e.itemId, e.direction);
			if (!replay.has(key)) continue;
			const list = logs.get(key) ?? [];
			list.push({ ...e, kind: e.kind as ReviewEvent['kind'], grade: e.grade as ReviewEvent['grade'], at: e.at.getTime() });
			logs.set(key, list);
		}
		for (const events of logs.values()) states.push(replayCard(events, isSafety(events[0]!.itemId))!);
	}

	await upsertItemState(tx, participantId, states);
}

/** One upsert for all the cards, as arrays per column like `storeEvents`. */
async function upsertItemState(tx: Database, participantId: string, states: CardState[]) {
	if (!states.length) return;
	const column = <T>(f: (c: CardState) => T) => sql.param(states.map(f));
	await tx.execute(sql`
		insert into ${itemState} (participant_id, item_id, direction, card, due, reps, lapses, state, last_review)
		select ${participantId}::uuid, item_id, direction, card, due, reps, lapses, state, last_review
		from unnest(${column((c) => c.itemId)}::text[], ${column((c) => c.direction)}::text[], ${column((c) => JSON.stringify(c))}::jsonb[],
			${column((c) => new Date(c.due).toISOString())}::timestamptz[], ${column((c) => c.reps)}::integer[], ${column((c) => c.lapses)}::integer[],
			${column((c) => c.state)}::smallint[], ${column((c) => new Date(c.lastReview!).toISOString())}::timestamptz[])
			as t(item_id, direction, card, due, reps, lapses, state, last_review)
		on conflict (participant_id, item_id, direction) do update set
			card = excluded.card, due = excluded.due, reps = excluded.reps, lapses = excluded.lapses, state = excluded.state, last_review = excluded.last_review`);
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

