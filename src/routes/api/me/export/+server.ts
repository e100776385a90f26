import { error, json } from '@sveltejs/kit';
import { database } from '$lib/server/database';
import { exportParticipant } from '$lib/server/participants';
import type { RequestHandler } from './$types';

/** All the server holds about the signed-in participant, as a JSON download. */
export const GET: RequestHandler = async ({ locals }) => {
	if (locals.user?.role !== 'participant') error(401, 'only a participant can download their data');
	const data = await exportParticipant(await database(), locals.user.id);
	return json(data, { headers: { 'Content-Disposition': `attachment; filename="arbeidsnorsk-server-${data.exportedAt.slice(0, 10)}.json"` } });
};
