import { requireStaff } from '$lib/server/auth/guard';
import { database } from '$lib/server/database';
import { caseloadView } from '$lib/server/staff-views';
import { createJoinCode, revokeCodeAction } from '$lib/server/join-codes';
import type { Actions, PageServerLoad } from './$types';

/** The job specialist's participants and the codes that bring new ones in. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const me = requireStaff(locals, url, 'specialist');
	return caseloadView(await database(), me, url.origin);
};

export const actions: Actions = {
	create: async ({ locals, url }) => {
		const me = requireStaff(locals, url, 'specialist');
		const made = await createJoinCode(await database(), me, { kind: 'caseload' });
		return { created: made.code };
	},
	revoke: async ({ locals, url, request }) => revokeCodeAction(await database(), requireStaff(locals, url, 'specialist'), request)
};
