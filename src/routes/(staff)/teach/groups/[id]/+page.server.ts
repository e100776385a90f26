import { error, fail } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guard';
import { database } from '$lib/server/database';
import { assignToGroup, parseAssignForm, GroupError, groupAssignments, ownGroup, removeMember, unassign } from '$lib/server/groups';
import { groupProgress } from '$lib/server/reports';
import { findSet, listSets } from '$lib/server/custom-sets';
import { builtInSets } from '$lib/server/content-facts';
import { activeGroupCodes, createJoinCode, revokeCodeAction } from '$lib/server/join-codes';
import { joinCodeView } from '$lib/server/qr';
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
	const assigned = await groupAssignments(db, group.id);
	const sets = new Map<string, { id: string; nb: string }[]>();
	const titles: Record<string, string> = {};
	for (const a of assigned) {
		const set = await findSet(db, me, a.setId);
		sets.set(a.setId, set?.items.map((i) => ({ id: i.id, nb: i.nb })) ?? []);
		titles[a.setId] = set ? `${set.emoji} ${set.title.nb}` : a.setId;
	}
	const codes = (await activeGroupCodes(db, [group.id])).map((c) => c.code);
	return {
		group: { id: group.id, name: group.name },
		codes: codes.map((c) => joinCodeView(url.origin, c)),
		assignments: assigned.map((a) => ({ ...a, title: titles[a.setId]! })),
		progress: await groupProgress(db, me, group.id, assigned, sets),
		choices: {
			own: await listSets(db, me),
			builtIn: builtInSets().map((s) => ({ id: s.id, title: `${s.emoji} ${s.title.nb}` }))
		}
	};
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
