import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../db';
import { sessions, users } from '../db/schema';

/**
 * Sessions as in the Lucia guide: a random token in an httpOnly cookie, only its SHA-256 in
 * the database, sliding expiry. Staff sessions expire after 12 idle hours; a participant's
 * phone stays signed in for a year of use. Bumping a user's epoch ends all their sessions.
 */
export const SESSION_COOKIE = 'an_session';
const HOUR = 3_600_000;
export const LIFETIME = { staff: 12 * HOUR, device: 365 * 24 * HOUR } as const;

export type SessionKind = keyof typeof LIFETIME;
export type SessionUser = typeof users.$inferSelect;

export function newToken(): string {
	return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export async function createSession(db: Database, user: Pick<SessionUser, 'id' | 'sessionEpoch'>, kind: SessionKind, now = Date.now()) {
	const token = newToken();
	const expiresAt = new Date(now + LIFETIME[kind]);
	await db.insert(sessions).values({ id: hashToken(token), userId: user.id, kind, epoch: user.sessionEpoch, expiresAt });
	return { token, expiresAt };
}

/** The user behind a token, renewing the session when it is past half its life. */
export async function validateSession(db: Database, token: string, now = Date.now()) {
	const id = hashToken(token);
	const [row] = await db.select({ session: sessions, user: users }).from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(sessions.id, id));
	if (!row) return null;
	const { session, user } = row;
	if (session.expiresAt.getTime() <= now || session.epoch !== user.sessionEpoch) {
		await db.delete(sessions).where(eq(sessions.id, id));
		return null;
	}
	const lifetime = LIFETIME[session.kind];
	let expiresAt = session.expiresAt;
	if (expiresAt.getTime() - now < lifetime / 2) {
		expiresAt = new Date(now + lifetime);
		await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, id));
	}
	return { user, session: { ...session, expiresAt } };
}

export async function endSession(db: Database, token: string) {
	await db.delete(sessions).where(eq(sessions.id, hashToken(token)));
}

/** Logs a user out everywhere (also used when a password changes). */
export async function endAllSessions(db: Database, userId: string) {
	const [user] = await db.select({ epoch: users.sessionEpoch }).from(users).where(eq(users.id, userId));
	await db.update(users).set({ sessionEpoch: (user?.epoch ?? 0) + 1 }).where(eq(users.id, userId));
	await db.delete(sessions).where(eq(sessions.userId, userId));
}
