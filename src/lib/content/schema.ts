import * as v from 'valibot';
import { TRANSLATION_LANGUAGES } from './languages';

/**
 * A translation is `draft` until a qualified person (a native speaker with the training to
 * judge it) has checked it. Nothing written by a machine or a non-native speaker is `reviewed`.
 */
export const ReviewStatusSchema = v.picklist(['draft', 'reviewed']);
export type ReviewStatus = v.InferOutput<typeof ReviewStatusSchema>;

export const TranslationSchema = v.strictObject({
	text: v.pipe(v.string(), v.trim(), v.minLength(1, 'a translation cannot be empty')),
	status: ReviewStatusSchema
});
export type Translation = v.InferOutput<typeof TranslationSchema>;

const translationEntries = Object.fromEntries(
	TRANSLATION_LANGUAGES.map((lang) => [lang, v.optional(TranslationSchema)])
) as Record<(typeof TRANSLATION_LANGUAGES)[number], v.OptionalSchema<typeof TranslationSchema, undefined>>;

/** Translations keyed by language code. A missing language is a counted gap, not an error. */
export const TranslationsSchema = v.strictObject(translationEntries);
export type Translations = v.InferOutput<typeof TranslationsSchema>;

export const CefrSchema = v.picklist(['pre-A1', 'A1', 'A2', 'B1', 'B2']);
export type Cefr = v.InferOutput<typeof CefrSchema>;

const Slug = v.pipe(
	v.string(),
	v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case letters, digits and hyphens, e.g. "first-day"')
);
const ItemId = v.pipe(
	v.string(),
	v.regex(
		/^[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*$/,
		'an item id is "<set-id>.<slug>", e.g. "safety.stop"'
	)
);
const Norwegian = v.pipe(v.string(), v.trim(), v.minLength(1, 'Norwegian text cannot be empty'));
/** A photo or recording a teacher added: served by the app at /media/<id>. */
const MediaRef = v.pipe(v.string(), v.regex(/^\/media\/[0-9a-f-]{36}$/, 'a media link is /media/<id>'));
const Tag = v.pipe(v.string(), v.regex(/^[a-z0-9-]+$/, 'a tag is lower-case, e.g. "safety"'));

export const PhraseItemSchema = v.strictObject({
	id: ItemId,
	/** The Norwegian (bokmål) word or phrase as said at work. */
	nb: Norwegian,
	/** Other correct Norwegian answers accepted when typing or building. */
	alternatives: v.optional(v.array(Norwegian), []),
	translations: TranslationsSchema,
	/** A sentence from real work that uses the item. */
	example: Norwegian,
	/** The exact words of `example` to blank out in a fill-the-gap exercise, when they differ from `nb`. */
	gap: v.optional(Norwegian),
	emoji: v.optional(v.pipe(v.string(), v.maxLength(16))),
	/** Path below `static/` of a picture the project may use (SVG drawn for it). */
	picture: v.optional(v.pipe(v.string(), v.regex(/^pictures\/[a-z0-9-]+\.svg$/))),
	/** A teacher's photo of the thing at the workplace. */
	photo: v.optional(MediaRef),
	/** A teacher's or fadder's recording: played instead of synthetic speech. */
	audio: v.optional(MediaRef),
	level: CefrSchema,
	tags: v.optional(v.array(Tag), [])
});
export type PhraseItem = v.InferOutput<typeof PhraseItemSchema>;

export const PhraseSetSchema = v.pipe(
	v.strictObject({
		id: Slug,
		title: v.strictObject({ nb: Norwegian, ...translationEntries }),
		description: v.optional(v.strictObject({ nb: Norwegian, ...translationEntries })),
		emoji: v.pipe(v.string(), v.minLength(1), v.maxLength(16)),
		level: CefrSchema,
		tags: v.optional(v.array(Tag), []),
		items: v.pipe(v.array(PhraseItemSchema), v.minLength(1, 'a set needs at least one item'))
	}),
	v.check(
		(set) => set.items.every((item) => item.id.startsWith(`${set.id}.`)),
		'every item id must start with the set id and a dot'
	)
);
export type PhraseSet = v.InferOutput<typeof PhraseSetSchema>;

/** What Today and the set list need, without the items: kept small so the index loads fast. */
export interface PhraseSetSummary {
	id: string;
	title: PhraseSet['title'];
	description?: PhraseSet['description'];
	emoji: string;
	level: Cefr;
	tags: string[];
	itemCount: number;
	safetyCount: number;
}

export interface ContentIndex {
	/** Changes whenever any pack changes; lets the phone know its copy is stale. */
	version: string;
	sets: PhraseSetSummary[];
	guides: import('./guide').GuideSummary[];
	dialogues: DialogueSummary[];
	/** Sets that have instruction drills, and their template ids. */
	drills: { set: string; templates: string[] }[];
}

export interface DialogueSummary {
	id: string;
	set: string;
	emoji: string;
	title: PhraseSet['title'];
	level: Cefr;
}
