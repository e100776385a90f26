import type { Speaker } from './synthesis';

/**
 * Recordings made by a teacher or fadder, by the Norwegian text they say. The app's speaker
 * plays one of these when it exists: a real voice from the workplace beats a synthetic one.
 */
const byText = new Map<string, string>();

const key = (text: string) => text.trim().toLowerCase();

export function registerRecordings(items: readonly { nb: string; audio?: string }[]): void {
	for (const item of items) if (item.audio) byText.set(key(item.nb), item.audio);
}

export const recordingFor = (text: string): string | undefined => byText.get(key(text));

/** The recording, slowed down for 🐢; resolves when it has finished. */
function playRecording(src: string, slow: boolean, current: { audio: HTMLAudioElement | null }): Promise<void> {
	return new Promise((resolve, reject) => {
		const audio = new Audio(src);
		current.audio = audio;
		audio.playbackRate = slow ? 0.75 : 1;
		audio.onended = () => resolve();
		audio.onerror = () => reject(new Error('recording failed'));
		audio.play().catch(reject);
	});
}

/** A speaker that plays a recording where there is one, and falls back to `synthetic` (e.g. offline and not cached). */
export function withRecordings(synthetic: Speaker): Speaker {
	const current: { audio: HTMLAudioElement | null } = { audio: null };
	return {
		voices: () => synthetic.voices(),
		async speak(text, options = {}) {
			const src = recordingFor(text);
			if (src) {
				try {
					return await playRecording(src, !!options.slow, current);
				} catch {
					// fall through to the synthetic voice
				}
			}
			return synthetic.speak(text, options);
		},
		cancel() {
			current.audio?.pause();
			synthetic.cancel();
		}
	};
}
