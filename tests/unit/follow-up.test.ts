import { describe, expect, it } from 'vitest';
import { followUps, nextFollowUp } from '../../src/lib/follow-up';

describe('the follow-up rhythm', () => {
	it('is before the start, day 1, week 1, month 1, month 3, then monthly', () => {
		const plan = followUps('2027-01-04', 5).map((p) => p.date);
		expect(plan).toEqual(['2027-01-01', '2027-01-04', '2027-01-11', '2027-02-04', '2027-04-04', '2027-05-04', '2027-06-04']);
	});

	it('keeps to the end of short months', () => {
		expect(followUps('2027-01-31', 3)[3]!.date).toBe('2027-02-28');
	});

	it('gives the next point due', () => {
		expect(nextFollowUp('2027-01-04', '2027-01-05')).toEqual({ key: 'week-1', label: 'Etter én uke', date: '2027-01-11' });
		expect(nextFollowUp('2027-01-04', '2026-12-01')?.label).toBe('Før start');
		expect(nextFollowUp('2025-01-04', '2027-01-05')).toBeNull();
	});
});
