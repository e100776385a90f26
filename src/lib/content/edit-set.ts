import * as v from 'valibot';
import { PhraseSetSchema, type Cefr, type PhraseItem, type PhraseSet, type Translations } from './schema';

/**
 * Editing a teacher's own phrase set: pure functions from one valid set to the next, so the
 * server, the import and the tests share them. Every result is checked by the same schema as
 * the built-in content.
 */

/** What a teacher types for one item; the id is made from the Norwegian. */
export interface ItemInput {
	nb: string;
	alternatives?: string[];
	translations: Translations;
	example: string;
	level: Cefr;
	tags: string[];
	emoji?: string;
	photo?: string;
	audio?: string;
}

/** "Hjelm på hodet!" → "hjelm-pa-hodet": ids stay readable and stable. */
export function slugify(text: string): string {
	const slug = text
		.toLowerCase()
		.replace(/æ/g, 'ae')
		.replace(/ø/g, 'o')
		.replace(/å/g, 'a')
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 40)
		.replace(/-+$/, '');
	return slug || 'item';
}

function uniqueItemId(set: PhraseSet, nb: string): string {
	const taken = new Set(set.items.map((i) => i.id));
	const base = `${set.id}.${slugify(nb)}`;
	let id = base;
	for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
	return id;
}

export class SetEditError extends Error {}

/** Validates a whole set, turning the first problem into a message a teacher can act on. */
export function checkSet(set: unknown): PhraseSet {
	const result = v.safeParse(PhraseSetSchema, set);
	if (result.success) return result.output;
	const issue = result.issues[0];
	const path = (issue.path ?? []).map((p) => String(p.key)).join('.');
	throw new SetEditError(path ? `${path}: ${issue.message}` : issue.message);
}

function toItem(id: string, input: ItemInput): PhraseItem {
	return {
		id,
		nb: input.nb,
		alternatives: input.alternatives ?? [],
		translations: input.translations,
		example: input.example,
		level: input.level,
		tags: input.tags,
		...(input.emoji ? { emoji: input.emoji } : {}),
		...(input.photo ? { photo: input.photo } : {}),
		...(input.audio ? { audio: input.audio } : {})
	};
}

/** Adds items at the end (a new item, or an import); all or nothing. */
export function addItems(set: PhraseSet, inputs: readonly ItemInput[]): PhraseSet {
	const next = { ...set, items: [...set.items] };
	const seen = new Map(set.items.map((i) => [i.nb.trim().toLowerCase(), i.nb]));
	for (const input of inputs) {
		const key = input.nb.trim().toLowerCase();
		if (seen.has(key)) throw new SetEditError(`nb: "${input.nb}" is already in the set`);
		seen.set(key, input.nb);
		next.items.push(toItem(uniqueItemId(next, input.nb), input));
	}
	return checkSet(next);
}

/** Changes one item; its id (and so every participant's progress on it) stays. */
export function updateItem(set: PhraseSet, itemId: string, input: ItemInput): PhraseSet {
	const index = set.items.findIndex((i) => i.id === itemId);
	if (index < 0) throw new SetEditError(`item: no item ${itemId} in this set`);
	const clash = set.items.find((i, n) => n !== index && i.nb.trim().toLowerCase() === input.nb.trim().toLowerCase());
	if (clash) throw new SetEditError(`nb: "${input.nb}" is already in the set`);
	const items = [...set.items];
	items[index] = toItem(itemId, input);
	return checkSet({ ...set, items });
}

export function removeItem(set: PhraseSet, itemId: string): PhraseSet {
	if (!set.items.some((i) => i.id === itemId)) throw new SetEditError(`item: no item ${itemId} in this set`);
	if (set.items.length === 1) throw new SetEditError('items: a set needs at least one item');
	return checkSet({ ...set, items: set.items.filter((i) => i.id !== itemId) });
}

/** A copy of a built-in set under a new id, to adapt to one workplace. */
export function copySet(from: PhraseSet, id: string, title: string): PhraseSet {
	return checkSet({
		...from,
		id,
		title: { nb: title },
		description: undefined,
		items: from.items.map((item) => ({ ...item, id: `${id}.${item.id.slice(item.id.indexOf('.') + 1)}` }))
	});
}
