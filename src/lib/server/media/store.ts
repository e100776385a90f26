import { and, eq } from 'drizzle-orm';
import type { Database } from '../db';
import { media } from '../db/schema';

/** Stores a checked, cleaned upload; returns the link items use. */
export async function storeMedia(db: Database, owner: { id: string; organisationId: string }, kind: 'photo' | 'audio', mime: string, bytes: Uint8Array): Promise<string> {
	const [row] = await db.insert(media).values({ organisationId: owner.organisationId, ownerId: owner.id, kind, mime, bytes }).returning({ id: media.id });
	return `/media/${row!.id}`;
}

/** A file of the reader's own organisation, or nothing. */
export async function readMedia(db: Database, organisationId: string, id: string) {
	const [row] = await db
		.select({ mime: media.mime, bytes: media.bytes })
		.from(media)
		.where(and(eq(media.id, id), eq(media.organisationId, organisationId)));
	return row ?? null;
}
