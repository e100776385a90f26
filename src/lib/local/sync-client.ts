import { isDialogueItem, isDrillItem, type ReviewEvent } from '../practice/card';
import { MAX_EVENTS_PER_PUSH, type SyncResponse } from '../sync/protocol';
import type { LocalDatabase } from './db';
import { loadPhraseSet } from './packs';
import { recordRemoteReviews } from './progress';
import { unsentCheckins } from './checkins';
import { postJson } from './server-api';

export interface Account {
	participantId: string;
	name: string;
}

export type SyncResult =
	| { status: 'not-joined' }
	| { status: 'synced'; sent: number; received: number; newSets: number; updates: number }
	| { status: 'offline' }
	| { status: 'signed-out' }
	| { status: 'error'; message: string };

/** The safety items among `itemIds` (they keep their higher retention on every device). */
async function safetyItems(itemIds: readonly string[]): Promise<Set<string>> {
	const setIds = [...new Set(itemIds.filter((id) => !isDrillItem(id) && !isDialogueItem(id)).map((id) => id.split('.')[0]!))];
	const sets = await Promise.all(setIds.map((id) => loadPhraseSet(id).catch(() => null)));
	return new Set(sets.flatMap((s) => s?.items.filter((i) => i.tags.includes('safety')).map((i) => i.id) ?? []));
}

/** Puts a teacher's photos and recordings in the media cache now, so practice works offline later. */
async function prefetchMedia(links: (string | null | undefined)[]): Promise<void> {
	if (typeof caches === 'undefined') return;
	const urls = links.filter((u): u is string => !!u);
	if (!urls.length) return;
	try {
		const cache = await caches.open('arbeidsnorsk-media');
		for (const url of urls) if (!(await cache.match(url))) await cache.add(url);
	} catch {
		// Offline or a missing file: the service worker fetches it when first shown.
	}
}

/**
 * One sync: pushes the outbox in batches and applies what the server sends back. An event
 * leaves the outbox only once the server has said it is stored, so nothing is lost to a
 * dropped connection or a crash; sending it again is harmless.
 */
export async function syncOnce(db: LocalDatabase, deviceId: string, send: typeof fetch = fetch): Promise<SyncResult> {
	const account = (await db.settings.get('account'))?.value as Account | undefined;
	if (!account) return { status: 'not-joined' };
	let sent = 0;
	let received = 0;
	let newSets = 0;
	let updates = 0;
	for (let round = 0; round < 100; round++) {
		const cursor = ((await db.settings.get('syncCursor'))?.value as number | undefined) ?? 0;
		const queued = await db.outbox.orderBy('queuedAt').limit(MAX_EVENTS_PER_PUSH).primaryKeys();
		const events = (await db.reviews.bulkGet(queued)).filter((e): e is ReviewEvent => !!e);
		const checkins = round === 0 ? await unsentCheckins(db) : [];
		const res = await postJson('/api/sync', { deviceId, cursor, events, checkins }, send);
		if (!res) return { status: 'offline' };
		if (res.status === 401) return { status: 'signed-out' };
		if (!res.ok) return { status: 'error', message: `${res.status} ${(await res.text()).slice(0, 200)}` };
		const body = (await res.json()) as SyncResponse;
		const safety = await safetyItems(body.events.map((e) => e.itemId));
		await recordRemoteReviews(db, body.events as ReviewEvent[], (id) => safety.has(id));
		await db.transaction('rw', [db.outbox, db.assignments, db.grants, db.settings, db.customSets, db.messages, db.checkins], async () => {
			for (const id of body.acceptedCheckins ?? []) await db.checkins.update(id, { synced: 1 });
			if (body.workplace) await db.settings.put({ key: 'workplace', value: body.workplace });
			for (const r of body.replies ?? []) {
				const seen = await db.messages.get(r.id);
				await db.messages.put({ ...r, read: seen?.read ?? false });
			}
			await db.outbox.bulkDelete(body.accepted);
			for (const s of body.sets ?? []) {
				if (s.set) await db.customSets.put({ id: s.id, set: s.set });
				else await db.customSets.delete(s.id);
			}
			const learning = ((await db.settings.get('learningSets'))?.value as string[] | undefined) ?? [];
			const added: string[] = [];
			for (const a of body.assignments) {
				if (a.deleted) {
					await db.assignments.delete(a.id);
				} else {
					// A new assignment puts its set on the learner's list (the teacher's set first).
					if (!(await db.assignments.get(a.id)) && !learning.includes(a.setId)) added.push(a.setId);
					await db.assignments.put({ id: a.id, setId: a.setId, dueDate: a.dueDate, goal: a.goal });
				}
			}
			if (added.length) await db.settings.put({ key: 'learningSets', value: [...added, ...learning] });
			newSets += added.length;
			updates += body.assignments.length + (body.sets?.length ?? 0) + (body.replies?.length ?? 0) + (body.workplace ? 1 : 0);
			for (const g of body.grants) await db.grants.put({ key: `${g.audience}|${g.scope}`, ...g });
			await db.settings.put({ key: 'syncCursor', value: body.cursor });
		});
		void prefetchMedia([...(body.sets ?? []).flatMap((s) => s.set?.items.flatMap((i) => [i.photo, i.audio]) ?? []), ...(body.replies ?? []).map((r) => r.audio)]);
		sent += body.accepted.length;
		received += body.events.length;
		const more = (await db.outbox.count()) > 0 && body.accepted.length > 0;
		if (!more && body.events.length < 5000) break;
	}
	return { status: 'synced', sent, received, newSets, updates };
}
