import type { PhraseItem, Translations } from './schema';
import type { LanguageCode } from './languages';

export interface Meaning {
	text: string;
	/** The language the text is in: the learner's own, or English when theirs is missing. */
	lang: LanguageCode;
	/** false while no qualified person has checked the translation. */
	reviewed: boolean;
}

/**
 * The meaning of a Norwegian text in the learner's language. Falls back to English (marked
 * as such) when their language has no translation yet; a Norwegian UI also gets English.
 */
export function meaningIn(translations: Translations, lang: LanguageCode): Meaning | null {
	const own = lang === 'nb' ? undefined : translations[lang];
	if (own) return { text: own.text, lang, reviewed: own.status === 'reviewed' };
	const en = translations.en;
	return en ? { text: en.text, lang: 'en', reviewed: en.status === 'reviewed' } : null;
}

export function itemMeaning(item: PhraseItem, lang: LanguageCode): Meaning | null {
	return meaningIn(item.translations, lang);
}

/** A set or guide title in the learner's language, else Norwegian. */
export function localisedTitle(
	title: { nb: string } & Partial<Record<Exclude<LanguageCode, 'nb'>, { text: string }>>,
	lang: LanguageCode
): string {
	return lang === 'nb' ? title.nb : (title[lang]?.text ?? title.nb);
}

/**
 * Text written for the learner (an explanation, a situation) that exists in Norwegian too:
 * the learner's language, else Norwegian for a Norwegian UI, else English.
 */
export function explanationIn(text: { nb: string } & Translations, lang: LanguageCode): Meaning {
	if (lang === 'nb') return { text: text.nb, lang: 'nb', reviewed: true };
	return meaningIn(text, lang) ?? { text: text.nb, lang: 'nb', reviewed: true };
}
