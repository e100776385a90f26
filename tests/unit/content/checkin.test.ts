import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { checkinTrend, dueCheckin } from '../../../src/lib/content/checkin';
import { CheckinSchema } from '../../../src/lib/content/checkin-schema';

const scores = (n: number) => ({ sure: n, pace: n, help: n, belonging: n });

describe('check-ins', () => {
	it('are due at the latest follow-up point reached, once', () => {
		expect(dueCheckin('2027-01-04', '2027-01-03', new Set())).toBeNull();
		expect(dueCheckin('2027-01-04', '2027-01-04', new Set())?.key).toBe('day-1');
		expect(dueCheckin('2027-01-04', '2027-01-20', new Set())?.key).toBe('week-1');
		expect(dueCheckin('2027-01-04', '2027-01-20', new Set(['week-1']))).toBeNull();
		expect(dueCheckin('2027-01-04', '2027-02-05', new Set(['week-1']))?.key).toBe('month-1');
	});

	it('flag a drop of two or more, or any low answer', () => {
		expect(checkinTrend([{ at: 1, scores: scores(8) }, { at: 2, scores: scores(7) }]).flag).toBe(false);
		expect(checkinTrend([{ at: 1, scores: scores(8) }, { at: 2, scores: scores(6) }])).toMatchObject({ dropped: true, flag: true });
		expect(checkinTrend([{ at: 1, scores: { ...scores(8), help: 2 } }])).toMatchObject({ low: true, flag: true });
		expect(checkinTrend([{ at: 2, scores: scores(5) }, { at: 1, scores: scores(9) }]).averages).toEqual([9, 5]);
	});

	it('take only 1–10 and the listed hard things: no free text', () => {
		const ok = { id: '0193a1b2-0000-7000-8000-000000000000', point: 'week-1', at: Date.UTC(2027, 0, 11), scores: scores(7), hard: ['words'] };
		expect(v.is(CheckinSchema, ok)).toBe(true);
		expect(v.is(CheckinSchema, { ...ok, scores: { ...scores(7), sure: 11 } })).toBe(false);
		expect(v.is(CheckinSchema, { ...ok, hard: ['my back hurts'] })).toBe(false);
		expect(v.is(CheckinSchema, { ...ok, note: 'free text' })).toBe(false);
	});
});
