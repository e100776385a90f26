import type { BrowserContext, Page } from '@playwright/test';

/**
 * Headless Chromium has no voices. These replace the Web Speech synthesis API in the page, so
 * the app's real adapter runs against them; what it says is kept in `window.__spoken`.
 */
export async function installFakeSpeech(target: BrowserContext | Page, { norwegian = true, recognition = false } = {}) {
	await target.addInitScript(({ norwegian, recognition }: { norwegian: boolean; recognition: boolean }) => {
		const voices = norwegian
			? [
					{ voiceURI: 'fake-en', name: 'Fake English', lang: 'en-US', localService: true, default: true },
					{ voiceURI: 'fake-nb', name: 'Fake Norsk', lang: 'nb-NO', localService: true, default: false }
				]
			: [{ voiceURI: 'fake-en', name: 'Fake English', lang: 'en-US', localService: true, default: true }];
		const spoken: { text: string; rate: number; voice: string | null }[] = [];
		class FakeUtterance {
			text: string;
			voice: { voiceURI: string } | null = null;
			lang = '';
			rate = 1;
			onend: ((e: Event) => void) | null = null;
			onerror: ((e: Event) => void) | null = null;
			constructor(text: string) {
				this.text = text;
			}
		}
		const synth = {
			speaking: false,
			pending: false,
			paused: false,
			getVoices: () => voices,
			speak(u: FakeUtterance) {
				spoken.push({ text: u.text, rate: u.rate, voice: u.voice?.voiceURI ?? null });
				setTimeout(() => u.onend?.(new Event('end')), 5);
			},
			cancel() {},
			pause() {},
			resume() {},
			addEventListener() {},
			removeEventListener() {}
		};
		Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
		Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: FakeUtterance, configurable: true });
		Object.defineProperty(window, '__spoken', { value: spoken, configurable: true });
		// A teacher's recording "plays" too: the test says which text each recording link says.
		const recordings: Record<string, string> = {};
		Object.defineProperty(window, '__recordings', { value: recordings, configurable: true });
		HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
			const text = recordings[new URL(this.src, location.href).pathname];
			if (text === undefined) return Promise.reject(new DOMException('no such recording', 'NotSupportedError'));
			spoken.push({ text, rate: this.playbackRate, voice: 'recording' });
			setTimeout(() => this.dispatchEvent(new Event('ended')), 5);
			return Promise.resolve();
		};
		// Speech recognition: it "hears" what the test put in window.__heard (alternatives).
		if (recognition) {
			const heard: string[] = [];
			Object.defineProperty(window, '__heard', { value: heard, configurable: true });
			class FakeRecognition {
				lang = '';
				maxAlternatives = 1;
				interimResults = true;
				continuous = false;
				onresult: ((e: unknown) => void) | null = null;
				onerror: ((e: unknown) => void) | null = null;
				onend: (() => void) | null = null;
				start() {}
				stop() {
					if (heard.length) this.onresult?.({ results: [heard.map((transcript) => ({ transcript }))] });
					setTimeout(() => this.onend?.(), 5);
				}
			}
			for (const name of ['SpeechRecognition', 'webkitSpeechRecognition']) Object.defineProperty(window, name, { value: FakeRecognition, configurable: true });
		}
	}, { norwegian, recognition });
}

export async function spokenTexts(page: Page): Promise<string[]> {
	return page.evaluate(() => (window as unknown as { __spoken: { text: string }[] }).__spoken.map((s) => s.text));
}

/** Tells the fake which Norwegian text a teacher's recording at `link` says. */
export async function knowRecording(page: Page, link: string, text: string) {
	await page.evaluate(([l, t]) => Object.assign((window as unknown as { __recordings: Record<string, string> }).__recordings, { [l!]: t }), [link, text]);
}
