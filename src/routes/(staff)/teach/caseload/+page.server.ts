import { requireStaff } from '$lib/server/auth/guard';
import { database } from '$lib/server/database';
import { visibleScopes } from '$lib/server/access';
import { caseload } from '$lib/server/reports';
import { activeCaseloadCodes, createJoinCode, revokeCodeAction } from '$lib/server/join-codes';
import { joinCodeView } from '$lib/server/qr';
import { nextFollowUp } from '$lib/follow-up';
import type { Actions, PageServerLoad } from './$types';

/** The job specialist's participants and the codes that bring new ones in. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const me = requireStaff(locals, url, 'specialist');
	const db = await database();
	const people = await caseload(db, me.id);
	return {
		people: await Promise.all(
			people.map(async (p) => ({ ...p, shared: await visibleScopes(db, me, p.id), next: p.startDate ? nextFollowUp(p.startDate, new Date().toISOString().slice(0, 10)) : null }))
		),
		codes: (await activeCaseloadCodes(db, me.id)).map((c) => ({ ...c, ...joinCodeView(url.origin, c.code) }))
	};
};

export const actions: Actions = {
	create: async ({ locals, url }) => {
		const me = requireStaff(locals, url, 'specialist');
		const made = await createJoinCode(await database(), me, { kind: 'caseload' });
		return { created: made.code };
	},
	revoke: async ({ locals, url, request }) => revokeCodeAction(await database(), requireStaff(locals, url, 'specialist'), request)
};
