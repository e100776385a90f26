import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guard';
import { database } from '$lib/server/database';
import { ownGroup } from '$lib/server/groups';
import { activeGroupCodes } from '$lib/server/join-codes';
import { joinCodeView } from '$lib/server/qr';
import type { PageServerLoad } from './$types';

/** A sheet to print and hand out: the group's join QR, big, with a few words in each language. */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const me = requireStaff(locals, url, 'teacher');
	const db = await database();
	const group = await ownGroup(db, me, params.id);
	if (!group) error(404, 'Fant ikke gruppen.');
	const code = (await activeGroupCodes(db, [group.id]))[0]?.code;
	if (!code) error(404, 'Gruppen har ingen kode som virker. Lag en først.');
	return { name: group.name, ...joinCodeView(url.origin, code) };
};
