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
		settings.deviceId = newDeviceId();
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

/**
 * A random UUID (version 4) for this phone. Not crypto.randomUUID, which browsers give only to
 * secure contexts (so not to plain http on a LAN), and not uuidv7, which would load on the first screen.
 */
function newDeviceId(): string {
	const b = crypto.getRandomValues(new Uint8Array(16));
	b[6] = (b[6]! & 0x0f) | 0x40;
	b[8] = (b[8]! & 0x3f) | 0x80;
	const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
