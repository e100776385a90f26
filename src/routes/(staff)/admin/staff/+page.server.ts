import { error, fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { requireStaff } from '$lib/server/auth/guard';
import { database } from '$lib/server/database';
import { createStaff, listStaff, NewStaffSchema, StaffError } from '$lib/server/staff';
import { describeIssue } from '$lib/sync/protocol';
import type { Actions, PageServerLoad } from './$types';

function requireAdmin(locals: App.Locals, url: URL) {
	const me = requireStaff(locals, url);
	if (!me.isAdmin) error(403, 'Bare administratorer kan opprette brukere.');
	return me;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const me = requireAdmin(locals, url);
	return { staff: await listStaff(await database(), me.organisationId) };
};

export const actions: Actions = {
	create: async ({ request, locals, url }) => {
		const me = requireAdmin(locals, url);
		const form = await request.formData();
		const input = v.safeParse(NewStaffSchema, {
			email: String(form.get('email') ?? ''),
			name: String(form.get('name') ?? ''),
			role: String(form.get('role') ?? ''),
			admin: form.get('admin') === 'on'
		});
		if (!input.success) return fail(400, { message: describeIssue(input.issues) });
		try {
			const { user, password } = await createStaff(await database(), me.organisationId, input.output);
			return { created: { email: user.email, password } };
		} catch (e) {
			if (e instanceof StaffError) return fail(400, { message: e.message });
			throw e;
		}
	}
};
