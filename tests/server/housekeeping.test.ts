import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../src/lib/server/db';
import { invites, joinCodes, organisations, rateLimits, sessions, users } from '../../src/lib/server/db/schema';
import { housekeeping, RETENTION } from '../../src/lib/server/housekeeping';
import { createSession, hashToken } from '../../src/lib/server/auth/sessions';
import { freshDatabase } from './test-db';

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 24, 12);
let open: OpenDatabase;
let staff: { id: string; sessionEpoch: number };

beforeAll(async () => {
	open = await freshDatabase();
	const [org] = await open.db.insert(organisations).values({ name: 'Test' }).returning();
	const [made] = await open.db.insert(users).values({ organisationId: org!.id, role: 'teacher', displayName: 'Kari', email: 'kari@example.no' }).returning();
	staff = made!;
});
afterAll(async () => {
	await open?.close();
});

describe('housekeeping', () => {
	it('deletes what has outlived its use and keeps everything still in use', async () => {
		const { db } = open;
		const live = await createSession(db, staff, 'staff', now);
		const expired = await createSession(db, staff, 'staff', now - 13 * 3_600_000);
		const code = (c: string, over: Partial<typeof joinCodes.$inferInsert>) => ({ code: c, kind: 'caseload' as const, createdBy: staff.id, expiresAt: new Date(now + DAY), ...over });
		await db.insert(joinCodes).values([
			code('LIVE01', {}),
			code('JUSTEXP', { expiresAt: new Date(now - DAY) }),
			code('OLDEXP', { expiresAt: new Date(now - RETENTION.codesAfterEnd - DAY) }),
			code('OLDUSED', { usedAt: new Date(now - RETENTION.codesAfterEnd - DAY) }),
			code('OLDSTOP', { revokedAt: new Date(now - RETENTION.codesAfterEnd - DAY) })
		]);
		await db.insert(invites).values([
			{ tokenHash: 'fresh', userId: staff.id, expiresAt: new Date(now + 14 * DAY) },
			{ tokenHash: 'old', userId: staff.id, expiresAt: new Date(now - RETENTION.invitesAfterEnd - DAY) }
		]);
		await db.insert(rateLimits).values([
			{ key: 'join:203.0.113.9', windowStart: new Date(now - 5 * 60_000), count: 3 },
			{ key: 'join:198.51.100.4', windowStart: new Date(now - 2 * DAY), count: 10 }
		]);

		expect(await housekeeping(db, now)).toEqual({ sessions: 1, codes: 3, invites: 1, rateLimits: 1 });
		expect((await db.select().from(sessions)).map((s) => s.id)).toEqual([hashToken(live.token)]);
		expect(hashToken(expired.token)).not.toBe(hashToken(live.token));
		expect((await db.select().from(joinCodes)).map((c) => c.code).sort()).toEqual(['JUSTEXP', 'LIVE01']);
		expect((await db.select().from(invites)).map((i) => i.tokenHash)).toEqual(['fresh']);
		expect((await db.select().from(rateLimits)).map((r) => r.key)).toEqual(['join:203.0.113.9']);
		// Running again (another process, the next hour) finds nothing more.
		expect(await housekeeping(db, now)).toEqual({ sessions: 0, codes: 0, invites: 0, rateLimits: 0 });
	});
});
