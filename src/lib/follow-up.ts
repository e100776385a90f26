/**
 * The place-then-train follow-up rhythm (shared/research): before the start, day 1, week 1,
 * month 1, month 3, then monthly. Pure dates, so the caseload page and tests agree.
 */
export interface FollowUp {
	/** Stable name of the point ("week-1"), used by check-ins. */
	key: string;
	label: string;
	date: string;
}

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
function addMonths(iso: string, months: number): string {
	const d = new Date(`${iso}T12:00:00Z`);
	const day = d.getUTCDate();
	d.setUTCDate(1);
	d.setUTCMonth(d.getUTCMonth() + months);
	const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
	d.setUTCDate(Math.min(day, last));
	return d.toISOString().slice(0, 10);
}

/** The follow-up points of a placement starting on `start`, up to `months` months in. */
export function followUps(start: string, months = 12): FollowUp[] {
	const points: FollowUp[] = [
		{ key: 'before', label: 'Før start', date: addDays(start, -3) },
		{ key: 'day-1', label: 'Første dag', date: start },
		{ key: 'week-1', label: 'Etter én uke', date: addDays(start, 7) },
		{ key: 'month-1', label: 'Etter én måned', date: addMonths(start, 1) },
		{ key: 'month-3', label: 'Etter tre måneder', date: addMonths(start, 3) }
	];
	for (let m = 4; m <= months; m++) points.push({ key: `month-${m}`, label: `Etter ${m} måneder`, date: addMonths(start, m) });
	return points;
}

/** The next follow-up on or after `today`, or null when the plan has run out. */
export function nextFollowUp(start: string, today: string): FollowUp | null {
	return followUps(start).find((p) => p.date >= today) ?? null;
}
