/**
 * Browser speech recognition, for "was it understood". Chrome sends the audio to its speech
 * service, so the app uses it only after the participant has said yes (a setting, off by
 * default) and never offline. Several alternatives in nb-NO are asked for and all are returned.
 */
interface RecognitionResultList {
	length: number;
	[index: number]: { length: number; [index: number]: { transcript: string } };
}
interface RecognitionLike {
	lang: string;
	maxAlternatives: number;
	interimResults: boolean;
	continuous: boolean;
	onresult: ((event: { results: RecognitionResultList }) => void) | null;
	onerror: ((event: { error: string }) => void) | null;
	onend: (() => void) | null;
	start(): void;
	stop(): void;
}
type RecognitionConstructor = new () => RecognitionLike;

function constructor(): RecognitionConstructor | undefined {
	const w = globalThis as unknown as { SpeechRecognition?: RecognitionConstructor; webkitSpeechRecognition?: RecognitionConstructor };
	return w.SpeechRecognition ?? w.webkitSpeechRecognition;
}

export const recognitionAvailable = (): boolean => !!constructor();

export interface Listening {
	/** Stops listening; resolves with what was heard, best first (empty when nothing). */
	stop(): Promise<string[]>;
}

/** Starts listening for Norwegian; call `stop` when the learner stops speaking. */
export function listen(maxAlternatives = 5): Listening {
	const Recognition = constructor();
	if (!Recognition) return { stop: async () => [] };
	const recognition = new Recognition();
	recognition.lang = 'nb-NO';
	recognition.maxAlternatives = maxAlternatives;
	recognition.interimResults = false;
	recognition.continuous = true;
	const heard: string[][] = [];
	let finished: () => void = () => {};
	const ended = new Promise<void>((resolve) => (finished = resolve));
	recognition.onresult = (event) => {
		heard.length = 0;
		for (let i = 0; i < event.results.length; i++) {
			const result = event.results[i]!;
			heard.push(Array.from({ length: result.length }, (_, k) => result[k]!.transcript));
		}
	};
	recognition.onerror = () => finished();
	recognition.onend = () => finished();
	recognition.start();
	return {
		async stop() {
			recognition.stop();
			await Promise.race([ended, new Promise((r) => setTimeout(r, 4000))]);
			// Several results in a row are joined: each alternative of the last one after the best of the others.
			if (!heard.length) return [];
			const before = heard.slice(0, -1).map((alternatives) => alternatives[0] ?? '').join(' ');
			return heard.at(-1)!.map((last) => `${before} ${last}`.trim());
		}
	};
}
