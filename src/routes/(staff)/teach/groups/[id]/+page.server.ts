import { error, fail } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guard';
import { database } from '$lib/server/database';
import { assignToGroup, parseAssignForm, GroupError, ownGroup, removeMember, unassign } from '$lib/server/groups';
import { groupView } from '$lib/server/staff-views';
import { createJoinCode, revokeCodeAction } from '$lib/server/join-codes';
import type { Actions, PageServerLoad } from './$types';

async function mine(locals: App.Locals, url: URL, id: string) {
	const me = requireStaff(locals, url, 'teacher');
	const db = await database();
	const group = await ownGroup(db, me, id);
	if (!group) error(404, 'Fant ikke gruppen.');
	return { me, db, group };
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { me, db, group } = await mine(locals, url, params.id);
	return groupView(db, me, group, url.origin);
};

export const actions: Actions = {
	assign: async ({ locals, url, params, request }) => {
		const { me, db, group } = await mine(locals, url, params.id);
		const input = parseAssignForm(await request.formData());
		if ('problem' in input) return fail(400, { problem: input.problem });
		try {
			await assignToGroup(db, me, group.id, input);
		} catch (e) {
			if (e instanceof GroupError) return fail(400, { problem: e.message });
			throw e;
		}
		return { assigned: true };
	},
	unassign: async ({ locals, url, params, request }) => {
		const { me, db, group } = await mine(locals, url, params.id);
		try {
			await unassign(db, me, group.id, String((await request.formData()).get('assignment') ?? ''));
		} catch (e) {
			if (e instanceof GroupError) return fail(404, { problem: e.message });
			throw e;
		}
		return { unassigned: true };
	},
	remove: async ({ locals, url, params, request }) => {
		const { me, db, group } = await mine(locals, url, params.id);
		try {
			await removeMember(db, me, group.id, String((await request.formData()).get('participant') ?? ''));
		} catch (e) {
			if (e instanceof GroupError) return fail(404, { problem: e.message });
			throw e;
		}
		return { removed: true };
	},
	code: async ({ locals, url, params }) => {
		const { me, db, group } = await mine(locals, url, params.id);
		return { created: (await createJoinCode(db, me, { kind: 'group', groupId: group.id })).code };
	},
	revoke: async ({ locals, url, params, request }) => {
		const { me, db } = await mine(locals, url, params.id);
		return revokeCodeAction(db, me, request);
	}
};
