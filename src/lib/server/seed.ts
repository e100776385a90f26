import { count, eq } from 'drizzle-orm';
import type { Database } from './db';
import { groups, joinCodes, organisations, users } from './db/schema';
import { hashSecret, verifySecret } from './auth/passwords';

export const DEMO = {
	password: 'demo-passord-2026',
	teacher: 'larer@demo.no',
	otherTeacher: 'larer2@demo.no',
	specialist: 'jobb@demo.no',
	joinCode: 'DEMO24'
} as const;

/**
 * A demo organisation for a first start on an empty database, so that `npm start` shows the
 * whole product. Set SEED_DEMO=0 in production.
 */
export async function seedDemo(db: Database): Promise<boolean> {
	const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(organisations);
	if (n > 0) {
		// Remind whoever starts the server how to log in, while the demo password still works.
		const [teacher] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.email, DEMO.teacher));
		if (teacher && (await verifySecret(teacher.hash, DEMO.password))) printLogins('Demo logins');
		return false;
	}
	const passwordHash = await hashSecret(DEMO.password);
	const [org] = await db.insert(organisations).values({ name: 'Demo voksenopplæring' }).returning();
	const [teacher] = await db
		.insert(users)
		.values([
			{ organisationId: org!.id, role: 'teacher', isAdmin: true, email: DEMO.teacher, displayName: 'Kari Lærer', passwordHash },
			{ organisationId: org!.id, role: 'teacher', email: DEMO.otherTeacher, displayName: 'Ola Annenlærer', passwordHash },
			{ organisationId: org!.id, role: 'specialist', email: DEMO.specialist, displayName: 'Per Jobbspesialist', phone: '+47 400 00 000', passwordHash }
		])
		.returning();
	const [group] = await db.insert(groups).values({ organisationId: org!.id, name: 'Norsk for jobb (demo)', teacherId: teacher!.id }).returning();
	await db.insert(joinCodes).values({ code: DEMO.joinCode, kind: 'group', groupId: group!.id, createdBy: teacher!.id, expiresAt: new Date(Date.now() + 365 * 86_400_000) });
	printLogins('Demo data created (set SEED_DEMO=0 to skip this on a real installation)');
	return true;
}

function printLogins(heading: string) {
	console.log(
		[
			'',
			`${heading}:`,
			`  teacher (admin):  ${DEMO.teacher} / ${DEMO.password}`,
			`  other teacher:    ${DEMO.otherTeacher} / ${DEMO.password}`,
			`  job specialist:   ${DEMO.specialist} / ${DEMO.password}`,
			`  participant join code for the demo group: ${DEMO.joinCode}`,
			''
		].join('\n')
	);
}
