import { browserSpeaker } from '../speech/synthesis';
import { withRecordings } from '../speech/recordings';
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
	/** Bumped when a sync brought something new (an assignment, a teacher's set): screens reload. */
	synced = $state(0);
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

	/** Takes a setting that sync wrote to the database into the screen's state. */
	async reload<K extends keyof LearnerSettings>(key: K): Promise<void> {
		const row = await localDb().settings.get(key);
		if (this.settings && row) this.settings[key] = row.value as LearnerSettings[K];
	}

	/** Asks the browser not to evict our data under storage pressure. */
	async askPersistence(): Promise<void> {
		if (!navigator.storage?.persist) return;
		this.persisted = (await navigator.storage.persisted()) || (await navigator.storage.persist());
	}
}

export const learner = new Learner();

/** The learner's speaker: a teacher's recording where there is one, else the chosen synthetic voice. */
export const speaker = withRecordings(
	browserSpeaker(() => ({
		voiceURI: learner.settings?.voiceURI ?? null,
		rate: learner.settings?.speechRate ?? 1
	}))
);
