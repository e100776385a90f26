/**
 * The languages Arbeidsnorsk speaks. `nb` (bokmål) is the language being learnt and the
 * source of every UI string; the others are participants' own languages.
 */
export const LANGUAGES = [
	{ code: 'nb', name: 'Norsk', english: 'Norwegian (bokmål)', dir: 'ltr' },
	{ code: 'en', name: 'English', english: 'English', dir: 'ltr' },
	{ code: 'ar', name: 'العربية', english: 'Arabic', dir: 'rtl' },
	{ code: 'so', name: 'Soomaali', english: 'Somali', dir: 'ltr' },
	{ code: 'ti', name: 'ትግርኛ', english: 'Tigrinya', dir: 'ltr' },
	{ code: 'uk', name: 'Українська', english: 'Ukrainian', dir: 'ltr' },
	{ code: 'pl', name: 'Polski', english: 'Polish', dir: 'ltr' },
	{ code: 'prs', name: 'دری', english: 'Dari', dir: 'rtl' }
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]['code'];
/** Languages a phrase can be translated into: every language but Norwegian itself. */
export type TranslationLanguage = Exclude<LanguageCode, 'nb'>;

export const LANGUAGE_CODES = LANGUAGES.map((l) => l.code) as LanguageCode[];
export const TRANSLATION_LANGUAGES = LANGUAGE_CODES.filter(
	(c): c is TranslationLanguage => c !== 'nb'
);

export function isLanguageCode(value: unknown): value is LanguageCode {
	return typeof value === 'string' && (LANGUAGE_CODES as string[]).includes(value);
}

export function textDirection(code: LanguageCode): 'ltr' | 'rtl' {
	return LANGUAGES.find((l) => l.code === code)?.dir ?? 'ltr';
}

/** The tag for `lang` attributes: Dari as `fa-AF`, which browsers and screen readers know. */
export function htmlLang(code: LanguageCode): string {
	return code === 'prs' ? 'fa-AF' : code;
}
