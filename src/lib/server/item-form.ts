import * as v from 'valibot';
import { CefrSchema, type Translations } from '../content/schema';
import { TRANSLATION_LANGUAGES } from '../content/languages';
import type { ItemInput } from '../content/edit-set';

/**
 * The item form on the set editor: one field per thing a teacher types. Translations come as
 * `tr_<lang>` with `st_<lang>` (draft or reviewed); an empty text means no translation.
 */
const Text = (max: number, message: string) => v.pipe(v.string(), v.trim(), v.minLength(1, message), v.maxLength(max, `at most ${max} characters`));
const ItemFormSchema = v.object({
	nb: Text(200, 'nb: write the Norwegian word or phrase'),
	example: Text(300, 'example: write a sentence from work that uses it'),
	level: CefrSchema,
	tags: v.optional(v.string(), ''),
	emoji: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(16)), ''),
	alternatives: v.optional(v.string(), ''),
	photo: v.optional(v.string(), ''),
	audio: v.optional(v.string(), '')
});

export class ItemFormError extends Error {}

export function itemFromForm(form: FormData): ItemInput {
	const fields = Object.fromEntries([...form.entries()].filter(([, value]) => typeof value === 'string')) as Record<string, string>;
	const result = v.safeParse(ItemFormSchema, fields);
	if (!result.success) {
		const issue = result.issues[0];
		const key = issue.path?.[0]?.key;
		throw new ItemFormError(/^\w+: /.test(issue.message) || !key ? issue.message : `${String(key)}: ${issue.message}`);
	}
	const f = result.output;
	const translations: Translations = {};
	for (const lang of TRANSLATION_LANGUAGES) {
		const text = (fields[`tr_${lang}`] ?? '').trim();
		if (text) translations[lang] = { text, status: fields[`st_${lang}`] === 'reviewed' ? 'reviewed' : 'draft' };
	}
	return {
		nb: f.nb,
		example: f.example,
		level: f.level,
		tags: f.tags
			.split(/[,;]/)
			.map((t) => t.trim().toLowerCase())
			.filter(Boolean),
		alternatives: f.alternatives
			.split('|')
			.map((a) => a.trim())
			.filter(Boolean),
		translations,
		...(f.emoji ? { emoji: f.emoji } : {}),
		...(f.photo ? { photo: f.photo } : {}),
		...(f.audio ? { audio: f.audio } : {})
	};
}
