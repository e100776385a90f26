import { sql } from 'drizzle-orm';
import type { Database } from '../db';
import { rateLimits } from '../db/schema';

export interface Limit {
	/** Attempts allowed per window. */
	max: number;
	windowMs: number;
}

/** Limits in force; the tests check these figures. */
export const LIMITS = {
	/** Failed staff logins per account and per address. */
	login: { max: 10, windowMs: 15 * 60_000 },
	/** Wrong codes per address: codes are short, so guessing must be slow (right ones are not counted: a class joins from one school network). */
	joinCode: { max: 10, windowMs: 15 * 60_000 },
	sync: { max: 120, windowMs: 60_000 }
} satisfies Record<string, Limit>;

/**
 * Counts one attempt (usually a failed one) under `key` in a fixed window kept in the database (so several server
 * processes share it). Returns whether it is allowed and, if not, when to try again.
 */
export async function hit(db: Database, key: string, limit: Limit, now = Date.now()): Promise<{ allowed: boolean; retryAfterS: number }> {
	const windowStart = new Date(now - (now % limit.windowMs));
	const [row] = await db
		.insert(rateLimits)
		.values({ key, windowStart, count: 1 })
		.onConflictDoUpdate({
			target: rateLimits.key,
			set: {
				count: sql`case when ${rateLimits.windowStart} = excluded.window_start then ${rateLimits.count} + 1 else 1 end`,
				windowStart: sql`excluded.window_start`
			}
		})
		.returning({ count: rateLimits.count });
	const allowed = (row?.count ?? 1) <= limit.max;
	return { allowed, retryAfterS: allowed ? 0 : Math.ceil((windowStart.getTime() + limit.windowMs - now) / 1000) };
}

/** Whether `key` is over its limit now, without counting an attempt. */
export async function limited(db: Database, key: string, limit: Limit, now = Date.now()): Promise<{ limited: boolean; retryAfterS: number }> {
	const windowStart = now - (now % limit.windowMs);
	const [row] = await db.select().from(rateLimits).where(sql`${rateLimits.key} = ${key}`);
	const over = !!row && row.windowStart.getTime() === windowStart && row.count >= limit.max;
	return { limited: over, retryAfterS: over ? Math.ceil((windowStart + limit.windowMs - now) / 1000) : 0 };
}

/** Forget failures after a success (a correct password clears the account's counter). */
export async function reset(db: Database, key: string) {
	await db.delete(rateLimits).where(sql`${rateLimits.key} = ${key}`);
}
