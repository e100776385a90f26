import { error, fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { requireStaff } from '$lib/server/auth/guard';
import { database } from '$lib/server/database';
import { canView, isRelated, participantName } from '$lib/server/access';
import { activity, assignedSets, checkinHistory, itemResults, masteryPerSet, weeklyActivity } from '$lib/server/reports';
import { createTransferCode } from '$lib/server/participants';
import { hasPin, setPin } from '$lib/server/pin';
import { findSet, listSets } from '$lib/server/custom-sets';
import { builtInSets } from '$lib/server/content-facts';
import { assignToParticipant, GroupError, parseAssignForm } from '$lib/server/groups';
import type { PhraseSet } from '$lib/content/schema';
import { messagesFor, reply, VoiceMessageError } from '$lib/server/voice-messages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const me = requireStaff(locals, url, 'teacher', 'specialist', 'workplace');
	if (!v.is(v.pipe(v.string(), v.uuid()), params.id)) error(404, 'Fant ikke deltakeren.');
	const db = await database();
	// Someone not related to this participant learns nothing, not even the name.
	if (!(await isRelated(db, me, params.id))) error(404, 'Fant ikke deltakeren.');
	const [sets, act, items, follow] = await Promise.all([
		canView(db, me, params.id, 'sets'),
		canView(db, me, params.id, 'activity'),
		canView(db, me, params.id, 'items'),
		me.role === 'specialist' ? canView(db, me, params.id, 'checkins') : Promise.resolve(false)
	]);
	// A set given both to the group and to the participant shows once, with the earliest due date.
	const assigned = sets
		? [...new Map((await assignedSets(db, params.id)).sort((a, b) => (b.dueDate ?? '9999').localeCompare(a.dueDate ?? '9999')).map((a) => [a.setId, a])).values()]
		: null;
	const found = new Map<string, PhraseSet | null>();
	const setOf = async (id: string) => {
		if (!found.has(id)) found.set(id, await findSet(db, me, id));
		return found.get(id) ?? null;
	};
	const results = items ? await itemResults(db, params.id) : null;
	const itemText = async (itemId: string) => (await setOf(itemId.split('.')[0]!))?.items.find((i) => i.id === itemId)?.nb ?? itemId;
	return {
		name: await participantName(db, params.id),
		sets: assigned
			? await Promise.all(
					assigned.map(async (a) => {
						const set = await setOf(a.setId);
						return { setId: a.setId, dueDate: a.dueDate, title: set ? `${set.emoji} ${set.title.nb}` : a.setId, itemIds: set?.items.map((i) => i.id) ?? [] };
					})
				)
			: null,
		mastery: items && assigned ? await masteryPerSet(db, params.id, await Promise.all(assigned.map(async (a) => ({ id: a.setId, itemIds: (await setOf(a.setId))?.items.map((i) => i.id) ?? [] })))) : null,
		activity: act ? await activity(db, params.id) : null,
		weeks: act ? await weeklyActivity(db, params.id) : null,
		items: results ? { ...results, hardest: await Promise.all(results.hardest.map(async (h) => ({ ...h, nb: await itemText(h.itemId) }))) } : null,
		hasPin: await hasPin(db, params.id),
		isSpecialist: me.role === 'specialist',
		checkins: follow ? await checkinHistory(db, params.id) : null,
		messages: me.role === 'teacher' ? await messagesFor(db, me, params.id) : [],
		canAssign: me.role === 'teacher' || me.role === 'specialist',
		choices: { own: await listSets(db, me), builtIn: builtInSets().map((s) => ({ id: s.id, title: `${s.emoji} ${s.title.nb}` })) }
	};
};

/** The teacher or job specialist of this participant, or a 404 that tells nothing. */
async function relatedStaff(locals: App.Locals, url: URL, id: string) {
	const me = requireStaff(locals, url, 'teacher', 'specialist');
	if (!v.is(v.pipe(v.string(), v.uuid()), id)) error(404, 'Fant ikke deltakeren.');
	const db = await database();
	if (!(await isRelated(db, me, id))) error(404, 'Fant ikke deltakeren.');
	return { me, db };
}

export const actions: Actions = {
	/** A one-time code for the participant's new phone. */
	transfer: async ({ locals, url, params }) => {
		const { me, db } = await relatedStaff(locals, url, params.id);
		return { transferCode: await createTransferCode(db, me.id, params.id) };
	},
	/** A participant who forgot their PIN: staff who know them in person remove it. */
	clearPin: async ({ locals, url, params }) => {
		const { me, db } = await relatedStaff(locals, url, params.id);
		await setPin(db, params.id, null, me.id);
		return { pinCleared: true };
	},
	/** The teacher answers a recording: a short comment, a recording, or both. */
	reply: async ({ locals, url, params, request }) => {
		const me = requireStaff(locals, url, 'teacher');
		const { db } = await relatedStaff(locals, url, params.id);
		const form = await request.formData();
		const text = String(form.get('text') ?? '').trim().slice(0, 500) || null;
		const audio = String(form.get('audio') ?? '');
		try {
			await reply(db, me, String(form.get('message') ?? ''), { text, audio: /^\/media\/[0-9a-f-]{36}$/.test(audio) ? audio : null });
		} catch (e) {
			if (e instanceof VoiceMessageError) return fail(400, { problem: e.message });
			throw e;
		}
		return { replied: true };
	},
	/** A set for this participant alone (their own workplace), with a due date. */
	assign: async ({ locals, url, params, request }) => {
		const { me, db } = await relatedStaff(locals, url, params.id);
		const input = parseAssignForm(await request.formData());
		if ('problem' in input) return fail(400, { problem: input.problem });
		try {
			await assignToParticipant(db, me, params.id, input);
		} catch (e) {
			if (e instanceof GroupError) return fail(400, { problem: e.message });
			throw e;
		}
		return { assigned: true };
	}
};
