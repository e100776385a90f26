import { requireStaff } from '$lib/server/auth/guard';
import { database } from '$lib/server/database';
import { viewable } from '$lib/server/access';
import { teacherGroups } from '$lib/server/reports';
import { CodeError, createJoinCode, revokeCodeAction } from '$lib/server/join-codes';
import { fail, redirect } from '@sveltejs/kit';
import { createGroup, GroupNameSchema } from '$lib/server/groups';
import * as v from 'valibot';
import { joinCodeView } from '$lib/server/qr';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const me = requireStaff(locals, url, 'teacher', 'specialist');
	const db = await database();
	const groups = await teacherGroups(db, me.id);
	const shared = await viewable(db, me, groups.flatMap((g) => g.members.map((m) => m.id)));
	const withScopes = groups.map((g) => ({
		...g,
		members: g.members.map((m) => ({ ...m, shared: shared.get(m.id)! })),
		codes: g.codes.map((code) => joinCodeView(url.origin, code))
	}));
	return { groups: withScopes, isAdmin: me.isAdmin, isSpecialist: me.role === 'specialist' };
};

const Uuid = v.pipe(v.string(), v.uuid());

export const actions: Actions = {
	/** A new group; the teacher goes straight to it. */
	group: async ({ locals, url, request }) => {
		const me = requireStaff(locals, url, 'teacher');
		const name = v.safeParse(GroupNameSchema, (await request.formData()).get('name') ?? '');
		if (!name.success) return fail(400, { problem: 'Skriv et navn på gruppen (2–80 tegn).' });
		redirect(303, `/teach/groups/${await createGroup(await database(), me, name.output)}`);
	},
	/** A new join code for one of the teacher's groups. */
	code: async ({ locals, url, request }) => {
		const me = requireStaff(locals, url, 'teacher');
		const groupId = (await request.formData()).get('group');
		if (!v.is(Uuid, groupId)) return fail(400, { problem: 'Velg en gruppe.' });
		try {
			return { created: (await createJoinCode(await database(), me, { kind: 'group', groupId })).code };
		} catch (e) {
			if (e instanceof CodeError) return fail(404, { problem: 'Fant ikke gruppen.' });
			throw e;
		}
	},
	revoke: async ({ locals, url, request }) => revokeCodeAction(await database(), requireStaff(locals, url, 'teacher'), request)
};
