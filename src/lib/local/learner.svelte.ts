import { browserSpeaker } from '../speech/synthesis';
import { localDb } from './db';
import { loadSettings, saveSetting, type LearnerSettings } from './settings';

/**
 * The participant's settings as reactive state, loaded once from IndexedDB. Every change is
 * written through; a failed write is reported, never swallowed.
 */
class Learner {
	settings = $state<LearnerSettings | null>(null);
	storageError = $state<string | null>(null);
	persisted = $state<boolean | null>(null);
	#booting: Promise<LearnerSettings> | undefined;

	boot(): Promise<LearnerSettings> {
		this.#booting ??= loadSettings(localDb()).then((s) => {
			this.settings = s;
			return s;
		});
		return this.#booting;
	}

	async set<K extends keyof LearnerSettings>(key: K, value: LearnerSettings[K]): Promise<void> {
		if (!this.settings) throw new Error('settings not loaded');
		this.settings[key] = value;
		try {
			await saveSetting(localDb(), key, value);
			this.storageError = null;
		} catch (e) {
			this.storageError = e instanceof Error ? e.name || e.message : String(e);
			throw e;
		}
	}

	/** Asks the browser not to evict our data under storage pressure. */
	async askPersistence(): Promise<void> {
		if (!navigator.storage?.persist) return;
		this.persisted = (await navigator.storage.persisted()) || (await navigator.storage.persist());
	}
}

export const learner = new Learner();

export const speaker = browserSpeaker(() => ({
	voiceURI: learner.settings?.voiceURI ?? null,
	rate: learner.settings?.speechRate ?? 1
}));
