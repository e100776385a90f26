import { fail, redirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import * as v from 'valibot';
import { database } from '$lib/server/database';
import { users } from '$lib/server/db/schema';
import { hashSecret, MIN_PASSWORD_LENGTH, verifySecret } from '$lib/server/auth/passwords';
import { hit, limited, LIMITS, reset } from '$lib/server/auth/rate-limit';
import { createSession, endAllSessions, SESSION_COOKIE } from '$lib/server/auth/sessions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (!locals.user || locals.user.role === 'participant') redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
	return { email: locals.user.email };
};

const PasswordForm = v.pipe(
	v.object({
		current: v.pipe(v.string(), v.minLength(1, 'Skriv passordet du har nå.'), v.maxLength(200, 'Passordet er for langt.')),
		next: v.pipe(v.string(), v.minLength(MIN_PASSWORD_LENGTH, `Det nye passordet må ha minst ${MIN_PASSWORD_LENGTH} tegn.`), v.maxLength(200, 'Det nye passordet kan ha høyst 200 tegn.')),
		repeat: v.string()
	}),
	v.forward(
		v.check((f) => f.next === f.repeat, 'De to nye passordene er ikke like.'),
		['repeat']
	)
);

export const actions: Actions = {
	/**
	 * A new password ends every session of the account, this one included, and starts a new one
	 * here: a stolen session cookie stops working the moment the password is changed.
	 */
	password: async ({ request, locals, cookies }) => {
		const user = locals.user;
		if (!user || user.role === 'participant') return fail(401, { problem: 'Logg inn først.' });
		const form = await request.formData();
		const parsed = v.safeParse(PasswordForm, { current: form.get('current') ?? '', next: form.get('next') ?? '', repeat: form.get('repeat') ?? '' });
		if (!parsed.success) return fail(400, { problem: parsed.issues[0].message });
		const db = await database();
		// Wrong current passwords count like failed logins, so a borrowed session cannot guess it.
		const key = `login:${(user.email ?? user.id).toLowerCase()}`;
		const blocked = await limited(db, key, LIMITS.login);
		if (blocked.limited) return fail(429, { problem: `For mange forsøk. Prøv igjen om ${Math.ceil(blocked.retryAfterS / 60)} minutter.` });
		if (!(await verifySecret(user.passwordHash, parsed.output.current))) {
			await hit(db, key, LIMITS.login);
			return fail(400, { problem: 'Passordet du har nå, er feil.' });
		}
		await reset(db, key);
		await db.update(users).set({ passwordHash: await hashSecret(parsed.output.next) }).where(eq(users.id, user.id));
		await endAllSessions(db, user.id);
		const [fresh] = await db.select().from(users).where(eq(users.id, user.id));
		const { token, expiresAt } = await createSession(db, fresh!, 'staff');
		cookies.set(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', expires: expiresAt });
		return { changed: true };
	}
};
