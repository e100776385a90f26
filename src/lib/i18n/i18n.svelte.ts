import i18next, { type TOptions } from 'i18next';
import { htmlLang, isLanguageCode, textDirection, type LanguageCode } from '../content/languages';

/** UI string namespaces: one JSON file each in locales/<lang>/. */
export const NAMESPACES = ['common', 'learn', 'practice'] as const;

// One lazy chunk per language and namespace: a phone downloads only its own language.
const bundles = import.meta.glob<Record<string, unknown>>('/locales/*/*.json', { import: 'default' });

const loaded = new Set<string>();

async function loadLanguage(lang: LanguageCode) {
	await Promise.all(
		NAMESPACES.concat(['meta'] as never).map(async (ns) => {
			const key = `${lang}/${ns}`;
			const load = bundles[`/locales/${key}.json`];
			if (loaded.has(key) || !load) return;
			i18next.addResourceBundle(lang, ns, await load(), true, true);
			loaded.add(key);
		})
	);
}

class UiLanguage {
	/** The UI language; reading it makes a component re-render when it changes. */
	current = $state<LanguageCode>('nb');
	ready = $state(false);
}

export const ui = new UiLanguage();

let initialised: Promise<unknown> | undefined;

/** Loads Norwegian (the fallback) and `lang`, then switches the UI and `<html lang dir>`. */
export async function setUiLanguage(lang: LanguageCode): Promise<void> {
	initialised ??= i18next.init({
		lng: 'nb',
		fallbackLng: 'nb',
		ns: [...NAMESPACES],
		defaultNS: 'common',
		resources: {},
		interpolation: { escapeValue: false },
		returnNull: false
	});
	await initialised;
	await Promise.all([loadLanguage('nb'), loadLanguage(lang)]);
	await i18next.changeLanguage(lang);
	ui.current = lang;
	ui.ready = true;
	if (typeof document !== 'undefined') {
		document.documentElement.lang = htmlLang(lang);
		document.documentElement.dir = textDirection(lang);
	}
}

/** Translate a key such as 'learn:today.title'. Plurals take `{ count }`. */
export function t(key: string, options?: TOptions): string {
	// Reading `ui.current` ties the caller's rendering to language changes.
	void ui.current;
	return i18next.t(key, options) as string;
}

/** Whether the current UI language's strings have been checked by a qualified person. */
export function uiLanguageReviewed(): boolean {
	return t('meta:status') === 'reviewed';
}

export function languageFromNavigator(languages: readonly string[]): LanguageCode | null {
	for (const tag of languages) {
		const base = tag.toLowerCase().split('-')[0];
		const code = base === 'no' || base === 'nn' ? 'nb' : base === 'fa' && tag.toLowerCase().includes('af') ? 'prs' : base;
		if (isLanguageCode(code)) return code;
	}
	return null;
}

