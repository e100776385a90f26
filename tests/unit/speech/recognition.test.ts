import { afterEach, describe, expect, it } from 'vitest';
import { listen, recognitionAvailable } from '../../../src/lib/speech/recognition';
import { understood } from '../../../src/lib/practice/understood';

type Handler = ((event: unknown) => void) | null;
let last: FakeRecognition | null = null;
class FakeRecognition {
	lang = '';
	maxAlternatives = 1;
	interimResults = true;
	continuous = false;
	onresult: Handler = null;
	onerror: Handler = null;
	onend: (() => void) | null = null;
	started = false;
	constructor() {
		last = this;
	}
	start() {
		this.started = true;
	}
	stop() {
		// Two results: the first phrase, then the second with its alternatives.
		this.onresult?.({ results: [[{ transcript: 'vil du ha' }], [{ transcript: 'kaffitering' }, { transcript: 'kvitteringen' }]] });
		this.onend?.();
	}
}

afterEach(() => {
	delete (globalThis as Record<string, unknown>).webkitSpeechRecognition;
});

describe('speech recognition for "was it understood"', () => {
	it('is only there when the browser has it', async () => {
		expect(recognitionAvailable()).toBe(false);
		expect(await listen().stop()).toEqual([]);
	});

	it('asks for Norwegian with several alternatives and joins the results', async () => {
		(globalThis as Record<string, unknown>).webkitSpeechRecognition = FakeRecognition;
		expect(recognitionAvailable()).toBe(true);
		const heard = await listen(5).stop();
		expect(last).toMatchObject({ lang: 'nb-NO', maxAlternatives: 5, interimResults: false, started: true });
		expect(heard).toEqual(['vil du ha kaffitering', 'vil du ha kvitteringen']);
		// The best alternative is the one that understood most words.
		expect(understood('Vil du ha kvitteringen?', heard)).toMatchObject({ all: true, heard: 'vil du ha kvitteringen' });
	});
});
