import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guard';
import { database } from '$lib/server/database';
import { loadSet } from '$lib/server/custom-sets';
import { itemsToCsv, itemsToYaml } from '$lib/content/set-import';
import type { RequestHandler } from './$types';

/** The set's items as CSV (for Excel) or YAML, in the same format the import reads. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const me = requireStaff(locals, url, 'teacher', 'specialist');
	const found = await loadSet(await database(), me, params.id);
	if (!found) error(404, 'Fant ikke settet.');
	const yaml = url.searchParams.get('format') === 'yaml';
	const items = found.body.items.map(({ nb, alternatives, translations, example, level, tags, emoji }) => ({ nb, alternatives, translations, example, level, tags, ...(emoji ? { emoji } : {}) }));
	return new Response(yaml ? itemsToYaml(items) : itemsToCsv(items), {
		headers: {
			'Content-Type': yaml ? 'application/yaml; charset=utf-8' : 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="${found.body.id}.${yaml ? 'yaml' : 'csv'}"`,
			'Cache-Control': 'no-store'
		}
	});
};
