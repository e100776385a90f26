import * as v from 'valibot';
import { HARD_CHOICES } from './checkin';

/** A check-in as the server accepts it: scales 1–10 and listed choices only, never free text. */
const Score = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10));
export const CheckinSchema = v.strictObject({
	id: v.pipe(v.string(), v.uuid()),
	/** The follow-up point it answers ("week-1"). */
	point: v.pipe(v.string(), v.regex(/^[a-z0-9-]{2,20}$/, 'is not a follow-up point')),
	at: v.pipe(v.number(), v.integer(), v.minValue(Date.UTC(2024, 0, 1))),
	scores: v.strictObject({ sure: Score, pace: Score, help: Score, belonging: Score }),
	hard: v.pipe(v.array(v.picklist(HARD_CHOICES)), v.maxLength(HARD_CHOICES.length))
});
