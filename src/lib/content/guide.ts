import * as v from 'valibot';
import { ReviewStatusSchema } from './schema';

/**
 * A working-life guide: `content/guides/<id>/guide.yaml` (facts about the guide: source,
 * last checked, linked words) and one Markdown file per language (`nb.md` is the source).
 * The text is plain language; its body uses a small Markdown subset, so no HTML ever reaches
 * the page.
 */
export const GuideSourceSchema = v.strictObject({
	/** The public body or law, e.g. "Arbeidstilsynet" or "Arbeidsmiljøloven § 14-5". */
	name: v.pipe(v.string(), v.minLength(2)),
	url: v.pipe(v.string(), v.url(), v.startsWith('https://'))
});

export const GuideMetaSchema = v.strictObject({
	id: v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)),
	emoji: v.pipe(v.string(), v.minLength(1), v.maxLength(16)),
	order: v.pipe(v.number(), v.integer()),
	sources: v.pipe(v.array(GuideSourceSchema), v.minLength(1, 'a guide names at least one source')),
	/** When a person last checked the facts against the sources (YYYY-MM-DD). */
	checked: v.pipe(v.string(), v.isoDate('checked is a date like 2026-11-20')),
	/** Practice items for the guide's key words: "<set>.<slug>". */
	words: v.optional(v.array(v.pipe(v.string(), v.regex(/^[a-z0-9-]+\.[a-z0-9-]+$/))), []),
	/** Whether the rule varies by workplace, agreement or case: the reader is told to ask. */
	varies: v.optional(v.boolean(), true)
});
export type GuideMeta = v.InferOutput<typeof GuideMetaSchema>;

export const QuizQuestionSchema = v.strictObject({
	q: v.pipe(v.string(), v.minLength(3)),
	options: v.pipe(v.array(v.pipe(v.string(), v.minLength(1))), v.minLength(2), v.maxLength(4)),
	/** Index of the right option. */
	answer: v.pipe(v.number(), v.integer(), v.minValue(0)),
	/** Why, shown after answering. */
	explain: v.pipe(v.string(), v.minLength(3))
});
export type QuizQuestion = v.InferOutput<typeof QuizQuestionSchema>;

export const GuideTextFrontSchema = v.pipe(
	v.strictObject({
		title: v.pipe(v.string(), v.minLength(2)),
		/** One or two sentences: what the guide says. */
		summary: v.pipe(v.string(), v.minLength(10)),
		/** `draft` until a qualified person has checked this language version. */
		status: ReviewStatusSchema,
		quiz: v.pipe(v.array(QuizQuestionSchema), v.minLength(3, 'each guide has 3 comprehension questions'))
	}),
	v.check((f) => f.quiz.every((q) => q.answer < q.options.length), 'a quiz answer points past its options')
);

export type Inline = { text: string; strong?: boolean };
export type Block = { type: 'h'; text: string } | { type: 'p'; inline: Inline[] } | { type: 'ul'; items: Inline[][] };

export interface GuideText {
	lang: string;
	title: string;
	summary: string;
	status: 'draft' | 'reviewed';
	quiz: QuizQuestion[];
	blocks: Block[];
}

export interface Guide extends GuideMeta {
	/** Keyed by language code; `nb` is always there. */
	texts: Record<string, GuideText>;
	/** Readability of the Norwegian text (LIX); plain Norwegian aims at 35 or lower. */
	lix: number;
	wordCount: number;
}

export interface GuideSummary {
	id: string;
	emoji: string;
	order: number;
	titles: Record<string, string>;
	checked: string;
	languages: string[];
}

