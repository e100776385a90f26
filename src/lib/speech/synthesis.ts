import { pickVoice, norwegianVoices, type VoiceInfo } from './voices';

export interface SpeakOptions {
	/** Slower, for a learner who did not catch it. */
	slow?: boolean;
}

/** Speaks Norwegian. Tests and browsers without speech provide their own. */
export interface Speaker {
	/** Norwegian voices on this device, best first (empty when there are none). */
	voices(): Promise<VoiceInfo[]>;
	speak(text: string, options?: SpeakOptions): Promise<void>;
	cancel(): void;
}

export interface SpeakerPreferences {
	voiceURI: string | null;
	rate: number;
}

const SLOW_FACTOR = 0.65;
const VOICE_WAIT_MS = 1500;

/** Web Speech synthesis with the best Norwegian voice. */
export function browserSpeaker(preferences: () => SpeakerPreferences): Speaker {
	const synth = typeof speechSynthesis === 'undefined' ? undefined : speechSynthesis;

	async function allVoices(): Promise<SpeechSynthesisVoice[]> {
		if (!synth) return [];
		const now = synth.getVoices();
		if (now.length) return now;
		// Chromium fills the list asynchronously; wait for it briefly.
		return new Promise((resolve) => {
			const done = () => resolve(synth.getVoices());
			synth.addEventListener('voiceschanged', done, { once: true });
			setTimeout(done, VOICE_WAIT_MS);
		});
	}

	return {
		async voices() {
			return norwegianVoices(await allVoices());
		},
		async speak(text, options = {}) {
			if (!synth) throw new Error('no speech synthesis');
			const prefs = preferences();
			const voice = pickVoice(await allVoices(), prefs.voiceURI);
			if (!voice) throw new Error('no Norwegian voice');
			synth.cancel();
			const utterance = new SpeechSynthesisUtterance(text);
			utterance.voice = voice;
			utterance.lang = voice.lang;
			utterance.rate = prefs.rate * (options.slow ? SLOW_FACTOR : 1);
			await new Promise<void>((resolve) => {
				utterance.onend = () => resolve();
				utterance.onerror = () => resolve();
				synth.speak(utterance);
			});
		},
		cancel() {
			synth?.cancel();
		}
	};
}

/**
 * Says a text once in the given language with whatever voice the phone has for it: the
 * check-in questions in the learner's language, words on the fadder's page. Silent without speech.
 */
export function speakOnce(text: string, lang: string, rate = 1): void {
	if (typeof speechSynthesis === 'undefined') return;
	const utterance = new SpeechSynthesisUtterance(text);
	utterance.lang = lang;
	utterance.rate = rate;
	speechSynthesis.cancel();
	speechSynthesis.speak(utterance);
}
