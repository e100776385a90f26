import { readableRandom } from './auth/readable-random';
import { eq, sql } from 'drizzle-orm';
import * as v from 'valibot';
import type { Database } from './db';
import { organisations, users } from './db/schema';
import { hashSecret, MIN_PASSWORD_LENGTH } from './auth/passwords';
import { endAllSessions } from './auth/sessions';

export const NewStaffSchema = v.strictObject({
	email: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.email('not a valid e-mail address')),
	name: v.pipe(v.string(), v.trim(), v.minLength(2, 'write the full name'), v.maxLength(80)),
	role: v.picklist(['teacher', 'specialist', 'workplace'], 'role is teacher, specialist or workplace'),
	admin: v.optional(v.boolean(), false)
});
export type NewStaff = v.InferOutput<typeof NewStaffSchema>;

export class StaffError extends Error {}

/** A readable one-time password: 4 groups of 4 letters and digits (about 80 bits). */
export function generatePassword(): string {
	return readableRandom(16).match(/.{4}/g)!.join('-');
}

/** Creates a staff account in the organisation and returns it with its first password. */
export async function createStaff(db: Database, organisationId: string, input: NewStaff) {
	const [taken] = await db.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, input.email));
	if (taken) throw new StaffError(`email: ${input.email} already has an account`);
	const password = generatePassword();
	const [user] = await db
		.insert(users)
		.values({ organisationId, role: input.role, isAdmin: input.admin, email: input.email, displayName: input.name, passwordHash: await hashSecret(password) })
		.returning();
	return { user: user!, password };
}

/** Sets a new password and ends every session of the account (a new token on next login). */
export async function setPassword(db: Database, userId: string, password: string) {
	if (password.length < MIN_PASSWORD_LENGTH) throw new StaffError(`password: at least ${MIN_PASSWORD_LENGTH} characters`);
	await db.update(users).set({ passwordHash: await hashSecret(password) }).where(eq(users.id, userId));
	await endAllSessions(db, userId);
}

export async function listStaff(db: Database, organisationId?: string) {
	return db
		.select({ id: users.id, email: users.email, name: users.displayName, role: users.role, admin: users.isAdmin, organisation: organisations.name })
		.from(users)
		.innerJoin(organisations, eq(organisations.id, users.organisationId))
		.where(sql`${users.role} <> 'participant' ${organisationId ? sql`and ${users.organisationId} = ${organisationId}` : sql``}`)
		.orderBy(users.displayName);
}
