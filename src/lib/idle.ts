/**
 * Work the first screen does not need (sync, the update check) waits until that screen is on
 * show and the browser is idle, so that on a slow phone it neither delays the screen nor competes
 * with the participant's first tap. Today says when its plan is on screen; other screens are
 * ready when they mount; after `FIRST_SCREEN_CAP_MS` the work starts anyway.
 */
import { mark } from './timing';

const FIRST_SCREEN_CAP_MS = 3000;

let markReady: () => void = () => {};
const firstScreen = new Promise<void>((resolve) => {
	markReady = resolve;
	if (typeof window !== 'undefined') setTimeout(resolve, FIRST_SCREEN_CAP_MS);
});

let shown = false;

/** The first screen is showing what it came to show (marked as `an:first-screen` for tests/bench). */
export function firstScreenShown(): void {
	if (shown) return;
	shown = true;
	mark('first-screen');
	markReady();
}

/** Runs `work` once the first screen is shown and the browser is idle (or 2 s later at most). */
export function afterFirstScreen(work: () => void): void {
	void firstScreen.then(() => {
		if (typeof requestIdleCallback === 'function') requestIdleCallback(() => work(), { timeout: 2000 });
		else setTimeout(work, 200);
	});
}
