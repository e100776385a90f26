import { redirect } from '@sveltejs/kit';
import type { SessionUser } from './sessions';

/** The signed-in staff member with one of `roles`, or a redirect to the login page. */
export function requireStaff(locals: App.Locals, url: URL, ...roles: SessionUser['role'][]): SessionUser {
	const user = locals.user;
	if (!user || user.role === 'participant' || (roles.length && !roles.includes(user.role))) {
		redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	}
	return user;
}
