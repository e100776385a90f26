import { uuidv7 } from 'uuidv7';
import type { LanguageCode } from '../content/languages';
import { DEFAULT_NEW_PER_DAY } from '../practice/session';
import type { LocalDatabase } from './db';

export interface LearnerSettings {
	/** The learner's own language for the app; null until they have chosen. */
	language: LanguageCode | null;
	/** Sets on the learner's list, in the order they were added. */
	learningSets: string[];
	newPerDay: number;
	sessionMinutes: number;
	/** Identifies this phone in the review log. */
	deviceId: string;
	/** Speech rate for "normal" playback (1 = the voice's default). */
	speechRate: number;
	voiceURI: string | null;
	/** The participant said yes to the browser's (cloud) speech recognition for "was it understood". */
	recognition: boolean;
}

export const DEFAULT_SETTINGS: Omit<LearnerSettings, 'deviceId'> = {
	language: null,
	learningSets: [],
	newPerDay: DEFAULT_NEW_PER_DAY,
	sessionMinutes: 5,
	speechRate: 0.95,
	voiceURI: null,
	recognition: false
};

export async function loadSettings(db: LocalDatabase): Promise<LearnerSettings> {
	const rows = await db.settings.toArray();
	const stored = Object.fromEntries(rows.map((r) => [r.key, r.value])) as Partial<LearnerSettings>;
	const settings = { ...DEFAULT_SETTINGS, ...stored } as LearnerSettings;
	if (!settings.deviceId) {
		settings.deviceId = uuidv7();
		await db.settings.put({ key: 'deviceId', value: settings.deviceId });
	}
	return settings;
}

export async function saveSetting<K extends keyof LearnerSettings>(
	db: LocalDatabase,
	key: K,
	value: LearnerSettings[K]
): Promise<void> {
	await db.settings.put({ key, value: plainCopy(value) });
}

/** Svelte proxies cannot be stored in IndexedDB; plain copies can. */
function plainCopy<T>(value: T): T {
	return value === null || typeof value !== 'object' ? value : (JSON.parse(JSON.stringify(value)) as T);
}
