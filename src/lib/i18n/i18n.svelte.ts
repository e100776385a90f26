import i18next, { type TOptions } from 'i18next';
import { htmlLang, isLanguageCode, textDirection, type LanguageCode } from '../content/languages';

/** UI string namespaces: one JSON file each in locales/<lang>/. */
export const NAMESPACES = ['common', 'learn', 'practice'] as const;

// UI strings are data, not code: one JSON file per language and namespace, fetched (and
// precached by the service worker), so a phone downloads only its own language and the strings
// never count against the first screen's JavaScript or its parse time.
const bundles = import.meta.glob<string>('/locales/*/*.json', { query: '?url', import: 'default', eager: true });

const loaded = new Map<string, Promise<void>>();

function loadLanguage(lang: LanguageCode): Promise<unknown> {
	return Promise.all(
		NAMESPACES.concat(['meta'] as never).map((ns) => {
			const key = `${lang}/${ns}`;
			const url = bundles[`/locales/${key}.json`];
			if (!url) return;
			let loading = loaded.get(key);
			if (!loading) {
				loading = fetch(url)
					.then((res) => {
						if (!res.ok) throw new Error(`${url}: ${res.status}`);
						return res.json();
					})
					.then((strings) => void i18next.addResourceBundle(lang, ns, strings, true, true));
				// A failed load (offline before the worker cached it) may be tried again.
				loading.catch(() => loaded.delete(key));
				loaded.set(key, loading);
			}
			return loading;
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

/**
 * Loads `lang`, then switches the UI and `<html lang dir>`. Norwegian, the fallback, follows in the
 * background: every language has every key (a unit test checks), so it is only a safety net.
 */
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
	await loadLanguage(lang);
	await i18next.changeLanguage(lang);
	if (lang !== 'nb') void loadLanguage('nb').catch(() => {});
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

