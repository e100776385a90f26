import { requireStaff } from '$lib/server/auth/guard';
import { translationStatus } from '$lib/server/content-facts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	requireStaff(locals, url, 'teacher', 'specialist');
	return translationStatus();
};
