import type { Speaker } from './synthesis';

/** Whether this device can speak Norwegian; checked once, shown plainly when it cannot. */
class VoiceStatus {
	hasNorwegianVoice = $state<boolean | null>(null);
	#checking: Promise<boolean> | undefined;

	check(speaker: Speaker): Promise<boolean> {
		this.#checking ??= speaker.voices().then((voices) => {
			this.hasNorwegianVoice = voices.length > 0;
			return this.hasNorwegianVoice;
		});
		return this.#checking;
	}
}

export const voiceStatus = new VoiceStatus();
