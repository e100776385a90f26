import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import * as v from 'valibot';
import type { Database } from './db';
import { auditLog, joinCodes, users } from './db/schema';
import { hashSecret, verifySecret } from './auth/passwords';

/** A PIN is 4 to 8 digits: easy on a phone keypad, and only ever checked with a limit. */
export const PinSchema = v.pipe(v.string('pin must be text'), v.regex(/^\d{4,8}$/, 'pin: 4 to 8 digits'));

/** Wrong PINs allowed with one transfer code before it is revoked; the tests check this figure. */
export const TRANSFER_PIN_TRIES = 5;

export class PinError extends Error {
	constructor(
		readonly reason: 'needed' | 'wrong' | 'locked',
		message: string
	) {
		super(message);
	}
}

/** Sets (or with null, removes) the participant's PIN; logged for them to see. */
export async function setPin(db: Database, participantId: string, pin: string | null, actorId = participantId) {
	await db
		.update(users)
		.set({ pinHash: pin === null ? null : await hashSecret(pin) })
		.where(and(eq(users.id, participantId), eq(users.role, 'participant')));
	await db.insert(auditLog).values({ actorId, participantId, action: pin === null ? 'pin-removed' : 'pin-set', detail: {} });
}

export async function hasPin(db: Database, participantId: string): Promise<boolean> {
	const [row] = await db.select({ pinHash: users.pinHash }).from(users).where(eq(users.id, participantId));
	return !!row?.pinHash;
}

/**
 * A code to move to a new phone is read out loud and could be overheard, so when the
 * participant has a PIN the new phone must give it too. Wrong PINs are counted on the code;
 * at the limit the code is revoked (lockout) and the participant needs a new one from staff.
 * Runs before the join transaction, so a failure is counted even though the join fails.
 */
export async function checkTransferPin(db: Database, code: string, pin: string | undefined, now = new Date()) {
	const [row] = await db
		.select({ pinHash: users.pinHash })
		.from(joinCodes)
		.innerJoin(users, eq(users.id, joinCodes.participantId))
		.where(and(eq(joinCodes.code, code), eq(joinCodes.kind, 'transfer'), isNull(joinCodes.revokedAt), isNull(joinCodes.usedAt), gt(joinCodes.expiresAt, now)));
	if (!row?.pinHash) return; // not a live transfer code, or no PIN: the join itself decides
	if (pin === undefined) throw new PinError('needed', 'pin: this account has a PIN; enter it to move to this phone');
	if (await verifySecret(row.pinHash, pin)) return;
	const [counted] = await db
		.update(joinCodes)
		.set({
			pinFailures: sql`${joinCodes.pinFailures} + 1`,
			revokedAt: sql`case when ${joinCodes.pinFailures} + 1 >= ${TRANSFER_PIN_TRIES} then ${now.toISOString()}::timestamptz else null end`
		})
		.where(eq(joinCodes.code, code))
		.returning({ failures: joinCodes.pinFailures });
	if ((counted?.failures ?? TRANSFER_PIN_TRIES) >= TRANSFER_PIN_TRIES) {
		throw new PinError('locked', 'pin: too many wrong PINs; this code no longer works, ask for a new one');
	}
	throw new PinError('wrong', `pin: wrong PIN (${TRANSFER_PIN_TRIES - (counted?.failures ?? 0)} tries left)`);
}
