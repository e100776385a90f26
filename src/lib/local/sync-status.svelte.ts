import { localDb } from './db';
import { learner } from './learner.svelte';
import { setsWithProgress } from './cards';
import { syncOnce, type SyncResult } from './sync-client';

const MIN_BACKOFF = 2_000;
const MAX_BACKOFF = 5 * 60_000;

/**
 * What the small status line shows: "saved on this phone" (not joined), "synced", "waiting
 * for network". Syncs on start, on reconnect, on return to the app and after each session,
 * retrying with backoff when the network or server fails.
 */
class SyncStatus {
	state = $state<'local' | 'syncing' | 'synced' | 'offline' | 'error' | 'signed-out'>('local');
	pending = $state(0);
	#deviceId = '';
	#running: Promise<SyncResult> | null = null;
	#again = false;
	#backoff = MIN_BACKOFF;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#started = false;

	start(deviceId: string) {
		this.#deviceId = deviceId;
		if (this.#started) return;
		this.#started = true;
		addEventListener('online', () => void this.run());
		document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && void this.run());
		void this.run();
	}

	async run(): Promise<SyncResult | undefined> {
		if (!this.#deviceId) return;
		if (this.#running) {
			this.#again = true;
			return this.#running;
		}
		clearTimeout(this.#timer);
		const db = localDb();
		this.state = 'syncing';
		this.#running = syncOnce(db, this.#deviceId);
		let result: SyncResult;
		try {
			result = await this.#running;
		} catch (e) {
			result = { status: 'error', message: e instanceof Error ? e.message : String(e) };
		} finally {
			this.#running = null;
		}
		this.pending = await db.outbox.count();
		if (result.status === 'synced' && result.newSets > 0) await learner.reload('learningSets');
		if (result.status === 'synced' && (result.received > 0 || result.updates > 0)) learner.synced++;
		// A phone that has just taken over a participant's history picks up their sets too.
		if (result.status === 'synced' && result.received > 0 && learner.settings && !learner.settings.learningSets.length) {
			const sets = await setsWithProgress(db);
			if (sets.length) await learner.set('learningSets', sets);
		}
		this.state = result.status === 'not-joined' ? 'local' : result.status;
		if (result.status === 'offline' || result.status === 'error') {
			this.#timer = setTimeout(() => void this.run(), this.#backoff);
			this.#backoff = Math.min(this.#backoff * 2, MAX_BACKOFF);
		} else {
			this.#backoff = MIN_BACKOFF;
		}
		if (this.#again) {
			this.#again = false;
			return this.run();
		}
		return result;
	}
}

export const syncStatus = new SyncStatus();
