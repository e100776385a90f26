import { fail, redirect } from '@sveltejs/kit';
import { eq, sql } from 'drizzle-orm';
import { database } from '$lib/server/database';
import { users } from '$lib/server/db/schema';
import { verifySecret } from '$lib/server/auth/passwords';
import { hit, limited, LIMITS, reset } from '$lib/server/auth/rate-limit';
import { createSession, SESSION_COOKIE } from '$lib/server/auth/sessions';
import type { Actions, PageServerLoad } from './$types';

const HOME = { teacher: '/teach', specialist: '/teach/caseload', workplace: '/workplace' } as const;

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user && locals.user.role !== 'participant') redirect(303, HOME[locals.user.role]);
};

export const actions: Actions = {
	default: async ({ request, cookies, getClientAddress, url }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '').trim().toLowerCase();
		const password = String(form.get('password') ?? '');
		if (!email || !password) return fail(400, { email, message: 'Skriv e-post og passord.' });
		const db = await database();
		// Checked before hashing: argon2 is deliberately slow. Only failures count.
		const keys = [`login:${email}`, `login-ip:${getClientAddress()}`];
		for (const key of keys) {
			const blocked = await limited(db, key, LIMITS.login);
			if (blocked.limited) return fail(429, { email, message: `For mange forsøk. Prøv igjen om ${Math.ceil(blocked.retryAfterS / 60)} minutter.` });
		}
		const [user] = await db.select().from(users).where(eq(sql`lower(${users.email})`, email));
		const ok = await verifySecret(user?.passwordHash ?? null, password);
		if (!user || !ok || user.role === 'participant') {
			for (const key of keys) await hit(db, key, LIMITS.login);
			return fail(400, { email, message: 'Feil e-post eller passord.' });
		}
		await reset(db, `login:${email}`);
		const { token, expiresAt } = await createSession(db, user, 'staff');
		cookies.set(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', expires: expiresAt });
		const next = url.searchParams.get('next');
		// Only a path on this site: not "//host" or "/\\host", which browsers treat as another site.
		redirect(303, next && /^\/(?![\/\\])/.test(next) ? next : HOME[user.role]);
	}
};
