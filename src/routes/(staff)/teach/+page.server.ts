import { requireStaff } from '$lib/server/auth/guard';
import { database } from '$lib/server/database';
import { visibleScopes } from '$lib/server/access';
import { teacherGroups } from '$lib/server/reports';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const me = requireStaff(locals, url, 'teacher', 'specialist', 'workplace');
	const db = await database();
	const groups = await teacherGroups(db, me.id);
	const withScopes = await Promise.all(
		groups.map(async (g) => ({
			...g,
			members: await Promise.all(g.members.map(async (m) => ({ ...m, shared: await visibleScopes(db, me, m.id) })))
		}))
	);
	return { groups: withScopes, isAdmin: me.isAdmin };
};
