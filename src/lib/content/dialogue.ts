import * as v from 'valibot';
import { TranslationsSchema } from './schema';

/**
 * A short branching dialogue from a real workplace moment. The other person's lines are
 * spoken; the learner picks a reply. A wrong reply is explained kindly in their language and
 * they try again; a right one moves the conversation on.
 */
const NodeId = v.pipe(v.string(), v.regex(/^[a-z0-9-]+$/));
const Norwegian = v.pipe(v.string(), v.trim(), v.minLength(1));

export const DialogueChoiceSchema = v.strictObject({
	/** What the learner says, in Norwegian. */
	reply: Norwegian,
	translations: TranslationsSchema,
	/** Right replies lead on; wrong ones stay on the same line and explain. */
	correct: v.boolean(),
	next: v.optional(NodeId),
	/** Why this reply does or does not work, in the learner's language (nb as well). */
	why: v.strictObject({ nb: Norwegian, ...TranslationsSchema.entries })
});

export const DialogueNodeSchema = v.strictObject({
	id: NodeId,
	/** The other person, e.g. "Kari, leder". */
	speaker: Norwegian,
	line: Norwegian,
	translations: TranslationsSchema,
	/** No choices: the conversation ends here. */
	choices: v.optional(v.array(DialogueChoiceSchema), [])
});

export const DialogueSchema = v.pipe(
	v.strictObject({
		id: v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)),
		/** The phrase set whose practice sessions include this dialogue. */
		set: v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)),
		title: v.strictObject({ nb: Norwegian, ...TranslationsSchema.entries }),
		/** The situation in one sentence, in the learner's language. */
		situation: v.strictObject({ nb: Norwegian, ...TranslationsSchema.entries }),
		emoji: v.pipe(v.string(), v.minLength(1), v.maxLength(16)),
		level: v.picklist(['pre-A1', 'A1', 'A2', 'B1', 'B2']),
		nodes: v.pipe(v.array(DialogueNodeSchema), v.minLength(2))
	}),
	v.check((d) => {
		const ids = new Set(d.nodes.map((n) => n.id));
		return ids.size === d.nodes.length && d.nodes.every((n) => n.choices.every((c) => !c.correct || (c.next && ids.has(c.next))));
	}, 'node ids must be unique and every right reply must lead to an existing node'),
	v.check(
		(d) => d.nodes.every((n) => n.choices.length === 0 || (n.choices.some((c) => c.correct) && n.choices.some((c) => !c.correct))),
		'every line with replies needs at least one right and one wrong reply'
	),
	v.check((d) => d.nodes.some((n) => n.choices.length === 0), 'a dialogue needs an end (a line with no replies)')
);
export type Dialogue = v.InferOutput<typeof DialogueSchema>;
