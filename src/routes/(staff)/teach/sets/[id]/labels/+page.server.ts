import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guard';
import { database } from '$lib/server/database';
import { loadSet } from '$lib/server/custom-sets';
import { qrSvg } from '$lib/server/qr';
import type { PageServerLoad } from './$types';

/** Labels to stick on equipment: scanning one opens that phrase, with its sound, in the app. */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const me = requireStaff(locals, url, 'teacher', 'specialist');
	const found = await loadSet(await database(), me, params.id);
	if (!found) error(404, 'Fant ikke settet.');
	return {
		title: found.body.title.nb,
		labels: found.body.items.map((i) => ({ id: i.id, nb: i.nb, emoji: i.emoji ?? '', qr: qrSvg(`${url.origin}/phrase/${encodeURIComponent(i.id)}`) }))
	};
};
