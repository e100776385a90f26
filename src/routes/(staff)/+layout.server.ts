import type { LayoutServerLoad } from './$types';

// Staff pages are rendered on the server for each request and never cached by the service worker.
export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user && locals.user.role !== 'participant' ? { name: locals.user.displayName, role: locals.user.role, isAdmin: locals.user.isAdmin } : null
});
