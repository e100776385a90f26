import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_CODES } from '../../../src/lib/content/languages';

const dir = join(import.meta.dirname, '..', '..', '..', 'locales');
const PLURAL = /_(zero|one|two|few|many|other)$/;

type Tree = { [key: string]: string | Tree };
function flatten(tree: Tree, prefix = ''): Record<string, string> {
	return Object.fromEntries(
		Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v]] : Object.entries(flatten(v, `${prefix}${k}.`))))
	);
}
function strings(lang: string): Record<string, string> {
	return Object.fromEntries(
		readdirSync(join(dir, lang))
			.filter((f) => f.endsWith('.json'))
			.flatMap((f) => Object.entries(flatten(JSON.parse(readFileSync(join(dir, lang, f), 'utf8')))).map(([k, v]) => [`${f}:${k}`, v]))
	);
}
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const source = strings('nb');
const sourceKeys = new Set(Object.keys(source).map((k) => k.replace(PLURAL, '')));

describe('UI strings', () => {
	it('has a folder for every language the app offers, and no others', () => {
		expect(readdirSync(dir).sort()).toEqual([...LANGUAGE_CODES].sort());
	});

	for (const lang of LANGUAGE_CODES) {
		describe(lang, () => {
			const own = strings(lang);
			const categories = new Intl.PluralRules(lang === 'prs' ? 'fa' : lang).resolvedOptions().pluralCategories;

			it('has every key of the Norwegian source and nothing else', () => {
				const keys = new Set(Object.keys(own).map((k) => k.replace(PLURAL, '')));
				expect([...sourceKeys].filter((k) => !keys.has(k)), 'missing').toEqual([]);
				expect([...keys].filter((k) => !sourceKeys.has(k)), 'unknown').toEqual([]);
			});

			it("has every plural form the language's CLDR rules need", () => {
				const plurals = new Set(Object.keys(source).filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')));
				const missing = [...plurals].flatMap((k) => categories.filter((c) => !(`${k}_${c}` in own)).map((c) => `${k}_${c}`));
				expect(missing).toEqual([]);
			});

			it('keeps the placeholders of the source', () => {
				const wrong = Object.entries(own).filter(([k, v]) => {
					const base = source[k] ?? source[k.replace(PLURAL, '_other')];
					return base !== undefined && placeholders(v).join() !== placeholders(base).join() && !(PLURAL.test(k) && placeholders(v).join() === '');
				});
				expect(wrong.map(([k]) => k)).toEqual([]);
			});

			it('records whether its strings are reviewed', () => {
				expect(['draft', 'reviewed']).toContain(own['meta.json:status']);
			});
		});
	}
});
