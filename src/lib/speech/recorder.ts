/** A recording in progress: stop it to get the audio. */
export interface Recording {
	stop(): Promise<Blob>;
	/** How loud the microphone is now, 0–1, for a live level meter. */
	level(): number;
}

export interface Recorder {
	supported(): boolean;
	start(): Promise<Recording>;
}

/** MediaRecorder on the microphone. The audio stays on the phone. */
export function browserRecorder(): Recorder {
	return {
		supported() {
			return typeof MediaRecorder !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;
		},
		async start() {
			const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
			const recorder = new MediaRecorder(stream);
			const chunks: Blob[] = [];
			recorder.ondataavailable = (e) => {
				if (e.data.size) chunks.push(e.data);
			};
			recorder.start();
			// A live level from the same stream: the learner sees that the phone hears them.
			const audio = typeof AudioContext === 'undefined' ? null : new AudioContext();
			const analyser = audio?.createAnalyser();
			if (audio && analyser) {
				analyser.fftSize = 512;
				audio.createMediaStreamSource(stream).connect(analyser);
			}
			const samples = new Uint8Array(analyser?.fftSize ?? 0);
			return {
				level() {
					if (!analyser) return 0;
					analyser.getByteTimeDomainData(samples);
					let peak = 0;
					for (const s of samples) peak = Math.max(peak, Math.abs(s - 128));
					return Math.min(1, peak / 100);
				},
				stop: () =>
					new Promise<Blob>((resolve) => {
						recorder.onstop = () => {
							stream.getTracks().forEach((t) => t.stop());
							void audio?.close();
							resolve(new Blob(chunks, { type: recorder.mimeType || 'audio/webm' }));
						};
						recorder.stop();
					})
			};
		}
	};
}
