import { error } from '@sveltejs/kit';
import * as v from 'valibot';
import { requireStaff } from '$lib/server/auth/guard';
import { database } from '$lib/server/database';
import { canView, isRelated, participantName } from '$lib/server/access';
import { activity, assignedSets, itemResults } from '$lib/server/reports';
import { createTransferCode } from '$lib/server/participants';
import { hasPin, setPin } from '$lib/server/pin';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const me = requireStaff(locals, url, 'teacher', 'specialist', 'workplace');
	if (!v.is(v.pipe(v.string(), v.uuid()), params.id)) error(404, 'Fant ikke deltakeren.');
	const db = await database();
	// Someone not related to this participant learns nothing, not even the name.
	if (!(await isRelated(db, me, params.id))) error(404, 'Fant ikke deltakeren.');
	const [sets, act, items] = await Promise.all([
		canView(db, me, params.id, 'sets'),
		canView(db, me, params.id, 'activity'),
		canView(db, me, params.id, 'items')
	]);
	return {
		name: await participantName(db, params.id),
		sets: sets ? await assignedSets(db, params.id) : null,
		activity: act ? await activity(db, params.id) : null,
		items: items ? await itemResults(db, params.id) : null,
		hasPin: await hasPin(db, params.id)
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
	}
};
