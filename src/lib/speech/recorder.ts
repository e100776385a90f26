/** A recording in progress: stop it to get the audio. */
export interface Recording {
	stop(): Promise<Blob>;
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
			return {
				stop: () =>
					new Promise<Blob>((resolve) => {
						recorder.onstop = () => {
							stream.getTracks().forEach((t) => t.stop());
							resolve(new Blob(chunks, { type: recorder.mimeType || 'audio/webm' }));
						};
						recorder.stop();
					})
			};
		}
	};
}
