import { followUps, type FollowUp } from '../follow-up';

/**
 * Follow-up check-ins, modelled on the job self-efficacy and support-at-work questions in
 * shared/research/report-004.md (not the licensed instruments themselves: their licensing and
 * translation validity must be checked before anyone calls these "validated"). 1–10 scales,
 * and "what is hard" as choices, never free text: nothing about health can be typed in.
 */
export const CHECKIN_SCALES = ['sure', 'pace', 'help', 'belonging'] as const;
export type CheckinScale = (typeof CHECKIN_SCALES)[number];
export const HARD_CHOICES = ['words', 'instructions', 'speed', 'colleagues', 'tasks', 'safety', 'travel'] as const;

/** One answered check-in: 1–10 per scale, and the hard things chosen. */
export interface Checkin {
	id: string;
	/** The follow-up point it answers ("week-1"). */
	point: string;
	at: number;
	scores: Record<CheckinScale, number>;
	hard: (typeof HARD_CHOICES)[number][];
}

/** The follow-up point a check-in is due for today: the latest one reached and not answered (old missed ones are not asked). */
export function dueCheckin(startDate: string, today: string, answered: ReadonlySet<string>): FollowUp | null {
	const reached = followUps(startDate).filter((p) => p.key !== 'before' && p.date <= today);
	const latest = reached.at(-1);
	return latest && !answered.has(latest.key) ? latest : null;
}

const average = (c: Pick<Checkin, 'scores'>) => CHECKIN_SCALES.reduce((sum, k) => sum + c.scores[k], 0) / CHECKIN_SCALES.length;

/**
 * The trend the job specialist sees: each check-in's average, and a flag when the latest one
 * dropped by 2 or more since the one before, or any answer is 3 or lower.
 */
export function checkinTrend(history: readonly Pick<Checkin, 'scores' | 'at'>[]) {
	const sorted = [...history].sort((a, b) => a.at - b.at);
	const averages = sorted.map(average);
	const last = sorted.at(-1);
	const dropped = averages.length >= 2 && averages.at(-1)! <= averages.at(-2)! - 2;
	const low = !!last && CHECKIN_SCALES.some((k) => last.scores[k] <= 3);
	return { averages, flag: dropped || low, dropped, low };
}
