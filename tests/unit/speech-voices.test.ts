import { describe, expect, it } from 'vitest';
import { norwegianVoices, pickVoice, type VoiceInfo } from '../../src/lib/speech/voices';

const voice = (name: string, lang: string, localService = true): VoiceInfo => ({ voiceURI: name, name, lang, localService, default: false });

describe('choosing a Norwegian voice', () => {
	const voices = [voice('English', 'en-US'), voice('Norsk online', 'nb-NO', false), voice('Norsk', 'nb-NO'), voice('Norsk gammel', 'no-NO'), voice('Svensk', 'sv-SE')];

	it('prefers nb-NO, then no, and offline voices first', () => {
		expect(norwegianVoices(voices).map((v) => v.name)).toEqual(['Norsk', 'Norsk online', 'Norsk gammel']);
	});

	it('keeps the learner\'s own choice while it is installed', () => {
		expect(pickVoice(voices, 'Norsk gammel')?.name).toBe('Norsk gammel');
		expect(pickVoice(voices, 'Removed voice')?.name).toBe('Norsk');
	});

	it('finds none when the device has no Norwegian voice', () => {
		expect(pickVoice([voice('English', 'en-US'), voice('Svensk', 'sv-SE')], null)).toBeNull();
	});
});
