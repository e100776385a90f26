import { and, isNotNull, lt, or } from 'drizzle-orm';
import type { Database } from './db';
import { invites, joinCodes, rateLimits, sessions } from './db/schema';

const DAY = 86_400_000;

/**
 * How long records that exist only to let someone in are kept once they are of no use
 * (docs/privacy.md, "Retention"). Rate-limit rows hold an IP address in their key.
 */
export const RETENTION = {
	/** Expired sessions: gone at once (they no longer open anything). */
	sessionsAfterExpiry: 0,
	/** Join, caseload and transfer codes after they expired, were stopped or used. */
	codesAfterEnd: 30 * DAY,
	/** Fadder invitations after they expired or were accepted. */
	invitesAfterEnd: 30 * DAY,
	/** Rate-limit counters (keys hold an IP address or an e-mail) after their window. */
	rateLimitsAfterWindow: DAY
} as const;

/**
 * Deletes what has outlived its use. Safe to run in several processes at once and as often as
 * wanted; the server runs it at start and then hourly. Returns how many rows went, per kind.
 */
export async function housekeeping(db: Database, now = Date.now()) {
	const before = (ms: number) => new Date(now - ms);
	const codeEnd = before(RETENTION.codesAfterEnd);
	const removed = {
		sessions: (await db.delete(sessions).where(lt(sessions.expiresAt, before(RETENTION.sessionsAfterExpiry))).returning({ id: sessions.id })).length,
		codes: (
			await db
				.delete(joinCodes)
				.where(or(lt(joinCodes.expiresAt, codeEnd), and(isNotNull(joinCodes.revokedAt), lt(joinCodes.revokedAt, codeEnd)), and(isNotNull(joinCodes.usedAt), lt(joinCodes.usedAt, codeEnd))))
				.returning({ code: joinCodes.code })
		).length,
		invites: (
			await db
				.delete(invites)
				.where(or(lt(invites.expiresAt, before(RETENTION.invitesAfterEnd)), and(isNotNull(invites.usedAt), lt(invites.usedAt, before(RETENTION.invitesAfterEnd)))))
				.returning({ token: invites.tokenHash })
		).length,
		rateLimits: (await db.delete(rateLimits).where(lt(rateLimits.windowStart, before(RETENTION.rateLimitsAfterWindow))).returning({ key: rateLimits.key })).length
	};
	return removed;
}
