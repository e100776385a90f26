/**
 * User Timing marks around the moments a participant waits for (Today's plan, a new session, the
 * next exercise). They cost next to nothing, show in DevTools' performance panel, and are what
 * tests/bench reads to check the "instant" goals on real devices and in Chromium.
 */
export function mark(name: string): void {
	performance.mark(`an:${name}`);
}

/** Measures from `mark(from)` to now as `an:<name>`, once: the start mark is used up. */
export function measure(name: string, from: string): void {
	if (!performance.getEntriesByName(`an:${from}`, 'mark').length) return;
	performance.measure(`an:${name}`, `an:${from}`);
	performance.clearMarks(`an:${from}`);
}
