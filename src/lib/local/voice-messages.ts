import type { LocalDatabase } from './db';

export type SendOutcome = 'sent' | 'offline' | 'no-teacher' | 'error';

/**
 * "Send to my teacher": one recording, only when the participant taps it, only to their
 * teacher. Never queued: if there is no network the participant is told, and nothing leaves.
 */
export async function sendRecording(phrase: { itemId: string; nb: string }, audio: Blob, send: typeof fetch = fetch): Promise<SendOutcome> {
	const query = new URLSearchParams({ item: phrase.itemId, nb: phrase.nb });
	let res: Response;
	try {
		res = await send(`/api/recordings?${query}`, { method: 'POST', body: audio, headers: { 'content-type': audio.type || 'audio/webm' }, credentials: 'same-origin' });
	} catch {
		return 'offline';
	}
	if (res.status === 409) return 'no-teacher';
	return res.ok ? 'sent' : 'error';
}

/** Answers from the teacher not yet marked as read, newest first. */
export async function unreadMessages(db: LocalDatabase) {
	return (await db.messages.orderBy('at').reverse().toArray()).filter((m) => !m.read);
}

export async function markRead(db: LocalDatabase, id: string) {
	await db.messages.update(id, { read: true });
}
