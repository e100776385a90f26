import { error, fail } from '@sveltejs/kit';
import * as v from 'valibot';
import { requireStaff } from '$lib/server/auth/guard';
import { database } from '$lib/server/database';
import { caseload } from '$lib/server/reports';
import { CardSchema, inviteContact, keptWorkplace, placeParticipant, placedAt, saveCard, WorkplaceError } from '$lib/server/workplaces';
import { followUps } from '$lib/follow-up';
import { eq } from 'drizzle-orm';
import { CalendarDate } from '$lib/server/groups';
import { describeIssue } from '$lib/sync/protocol';
import { users, workplaceContacts } from '$lib/server/db/schema';
import type { Actions, PageServerLoad } from './$types';

async function kept(locals: App.Locals, url: URL, id: string) {
	const me = requireStaff(locals, url, 'specialist');
	const db = await database();
	const place = await keptWorkplace(db, me, id);
	if (!place) error(404, 'Fant ikke arbeidsplassen.');
	return { me, db, place };
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { me, db, place } = await kept(locals, url, params.id);
	const placed = await placedAt(db, place.id);
	return {
		workplace: { id: place.id, name: place.name, card: v.parse(CardSchema, place.card ?? {}), setId: place.setId },
		placed: placed.map((p) => ({ ...p, plan: p.startDate ? followUps(p.startDate, 6) : [] })),
		caseload: (await caseload(db, me.id)).filter((p) => !placed.some((x) => x.id === p.id)),
		contacts: await db
			.select({ name: users.displayName, email: users.email, active: users.passwordHash })
			.from(workplaceContacts)
			.innerJoin(users, eq(users.id, workplaceContacts.userId))
			.where(eq(workplaceContacts.workplaceId, place.id))
			.then((rows) => rows.map((r) => ({ name: r.name, email: r.email, active: !!r.active })))
	};
};

const StartDate = CalendarDate('startDate');

const Invite = v.object({
	name: v.pipe(v.string(), v.trim(), v.minLength(2, 'Skriv navnet.'), v.maxLength(80)),
	email: v.pipe(v.string(), v.trim(), v.email('Skriv en gyldig e-postadresse.'))
});

export const actions: Actions = {
	card: async ({ locals, url, params, request }) => {
		const { me, db, place } = await kept(locals, url, params.id);
		const card = v.safeParse(CardSchema, Object.fromEntries(await request.formData()));
		if (!card.success) return fail(400, { problem: /^\w+: /.test(card.issues[0].message) ? card.issues[0].message : describeIssue(card.issues) });
		await saveCard(db, me, place.id, card.output);
		return { saved: 'Kortet er lagret. Deltakerne får det neste gang telefonen er på nett.' };
	},
	place: async ({ locals, url, params, request }) => {
		const { me, db, place } = await kept(locals, url, params.id);
		const form = await request.formData();
		// No date is fine (not known yet); a date that is not a day is a mistake, not "no date".
		const start = String(form.get('startDate') ?? '');
		if (start && !v.is(StartDate, start)) return fail(400, { problem: v.safeParse(StartDate, start).issues![0].message });
		try {
			await placeParticipant(db, me, String(form.get('participant') ?? ''), place.id, start || null);
		} catch (e) {
			if (e instanceof WorkplaceError) return fail(400, { problem: e.message });
			throw e;
		}
		return { saved: 'Deltakeren er plassert her.' };
	},
	invite: async ({ locals, url, params, request }) => {
		const { me, db, place } = await kept(locals, url, params.id);
		const input = v.safeParse(Invite, Object.fromEntries(await request.formData()));
		if (!input.success) return fail(400, { problem: input.issues[0].message.startsWith('Invalid') ? describeIssue(input.issues) : input.issues[0].message });
		try {
			const token = await inviteContact(db, me, place.id, input.output);
			return { invite: `${url.origin}/invite/${token}` };
		} catch (e) {
			if (e instanceof WorkplaceError) return fail(400, { problem: e.message });
			throw e;
		}
	}
};
