import type { LocalDatabase } from './db';

/** After this long in the background the app asks for the PIN again. */
export const RELOCK_AFTER_MS = 2 * 60_000;

/**
 * Whether the app is locked behind the participant's PIN. Locked on start when a PIN is set,
 * and again after the app has been in the background for a while (a shared phone).
 * Kept tiny: the lock screen and its crypto load only when a PIN exists.
 */
class PinGate {
	locked = $state(false);
	#hiddenAt: number | null = null;
	#listening = false;

	async start(db: LocalDatabase): Promise<void> {
		this.locked = !!(await db.settings.get('pinLock'));
		if (this.#listening) return;
		this.#listening = true;
		document.addEventListener('visibilitychange', async () => {
			if (document.visibilityState === 'hidden') {
				this.#hiddenAt = Date.now();
			} else if (this.#hiddenAt !== null && Date.now() - this.#hiddenAt >= RELOCK_AFTER_MS) {
				this.#hiddenAt = null;
				this.locked = !!(await db.settings.get('pinLock'));
			}
		});
	}

	unlock(): void {
		this.locked = false;
	}
}

export const pinGate = new PinGate();
