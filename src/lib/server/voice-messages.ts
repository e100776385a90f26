import { and, desc, eq, gt, isNotNull, sql } from 'drizzle-orm';
import * as v from 'valibot';
import type { Database } from './db';
import { auditLog, groupMembers, groups, voiceMessages } from './db/schema';
import { isRelated, type Viewer } from './access';

export class VoiceMessageError extends Error {}

/** The teacher of the participant's most recent group: the only one a recording goes to. */
async function teacherOf(db: Database, participantId: string): Promise<string | null> {
	const [row] = await db
		.select({ teacherId: groups.teacherId })
		.from(groupMembers)
		.innerJoin(groups, eq(groups.id, groupMembers.groupId))
		.where(eq(groupMembers.participantId, participantId))
		.orderBy(desc(groupMembers.joinedAt))
		.limit(1);
	return row?.teacherId ?? null;
}

/** The participant sends one recording of a phrase to their teacher, by their own choice. */
export async function sendToTeacher(db: Database, participantId: string, phrase: { itemId: string; nb: string }, mime: string, bytes: Uint8Array) {
	const teacherId = await teacherOf(db, participantId);
	if (!teacherId) throw new VoiceMessageError('teacher: you are not in a teacher’s group yet');
	const [row] = await db.insert(voiceMessages).values({ participantId, teacherId, itemId: phrase.itemId, nb: phrase.nb, mime, bytes }).returning({ id: voiceMessages.id });
	await db.insert(auditLog).values({ actorId: participantId, participantId, action: 'recording-sent', detail: { itemId: phrase.itemId } });
	return row!.id;
}

/** What a participant sent to this teacher, newest first (never what they sent to someone else). */
export async function messagesFor(db: Database, teacher: Viewer, participantId: string) {
	if (!(await isRelated(db, teacher, participantId))) return [];
	return db
		.select({ id: voiceMessages.id, itemId: voiceMessages.itemId, nb: voiceMessages.nb, createdAt: voiceMessages.createdAt, replyText: voiceMessages.replyText, replyAudio: voiceMessages.replyAudio, repliedAt: voiceMessages.repliedAt })
		.from(voiceMessages)
		.where(and(eq(voiceMessages.participantId, participantId), eq(voiceMessages.teacherId, teacher.id)))
		.orderBy(desc(voiceMessages.createdAt));
}

/** The recording itself, for the teacher it was sent to while they are still related; each listen is logged. */
export async function readRecording(db: Database, teacher: Viewer, id: string) {
	const [row] = await db.select().from(voiceMessages).where(and(eq(voiceMessages.id, id), eq(voiceMessages.teacherId, teacher.id)));
	if (!row || !(await isRelated(db, teacher, row.participantId))) return null;
	await db.insert(auditLog).values({ actorId: teacher.id, participantId: row.participantId, action: 'view', detail: { scope: 'recording', id } });
	return { mime: row.mime, bytes: row.bytes };
}

/** The teacher answers with a comment, a recording, or both; the phone gets it on its next sync. */
export async function reply(db: Database, teacher: Viewer, id: string, answer: { text: string | null; audio: string | null }) {
	if (!answer.text && !answer.audio) throw new VoiceMessageError('reply: write a comment or record an answer');
	if (!v.is(v.pipe(v.string(), v.uuid()), id)) throw new VoiceMessageError('recording: not found');
	const [row] = await db.select({ participantId: voiceMessages.participantId }).from(voiceMessages).where(and(eq(voiceMessages.id, id), eq(voiceMessages.teacherId, teacher.id)));
	if (!row || !(await isRelated(db, teacher, row.participantId))) throw new VoiceMessageError('recording: not found');
	await db
		.update(voiceMessages)
		.set({ replyText: answer.text, replyAudio: answer.audio, repliedAt: sql`now()`, seq: sql`nextval('sync_seq')` })
		.where(eq(voiceMessages.id, id));
}

/** Answers the participant has not had yet. */
export async function repliesForPull(tx: Database, participantId: string, cursor: number) {
	return tx
		.select({ id: voiceMessages.id, itemId: voiceMessages.itemId, nb: voiceMessages.nb, replyText: voiceMessages.replyText, replyAudio: voiceMessages.replyAudio, repliedAt: voiceMessages.repliedAt, seq: voiceMessages.seq })
		.from(voiceMessages)
		.where(and(eq(voiceMessages.participantId, participantId), isNotNull(voiceMessages.repliedAt), gt(voiceMessages.seq, cursor)));
}
