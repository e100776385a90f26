/** What the app needs to know of a voice; matches SpeechSynthesisVoice. */
export interface VoiceInfo {
	voiceURI: string;
	name: string;
	lang: string;
	localService: boolean;
	default: boolean;
}

/** How well a voice's language fits Norwegian bokmål: higher is better, 0 is not Norwegian. */
export function norwegianFit(lang: string): number {
	const tag = lang.toLowerCase().replace('_', '-');
	if (tag === 'nb-no' || tag === 'nb') return 4;
	if (tag === 'no-no' || tag === 'no') return 3;
	if (tag.startsWith('nb-') || tag.startsWith('no-')) return 2;
	return 0;
}

/** Norwegian voices, best first: language fit, then voices that work offline, then by name. */
export function norwegianVoices<V extends VoiceInfo>(voices: readonly V[]): V[] {
	return voices
		.filter((v) => norwegianFit(v.lang) > 0)
		.sort(
			(a, b) =>
				norwegianFit(b.lang) - norwegianFit(a.lang) ||
				Number(b.localService) - Number(a.localService) ||
				a.name.localeCompare(b.name)
		);
}

/** The learner's chosen voice when it is still installed, else the best Norwegian one. */
export function pickVoice<V extends VoiceInfo>(voices: readonly V[], preferredURI: string | null): V | null {
	const candidates = norwegianVoices(voices);
	return candidates.find((v) => v.voiceURI === preferredURI) ?? candidates[0] ?? null;
}
