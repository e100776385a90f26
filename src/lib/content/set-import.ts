/**
 * Import and export of a teacher's phrase set as CSV (from a spreadsheet) or YAML.
 * Pure TypeScript: runs in the browser and on the server. Documented for teachers in
 * docs/content.md, "Importing a teacher's set (CSV or YAML)".
 *
 * CSV
 * - Row 1 is the header. Column names are trimmed and case-insensitive:
 *   `norsk`/`nb` (required), `eksempel`/`example` (required), `nivå`/`level` (pre-A1, A1, A2,
 *   B1, B2; empty = A1), `stikkord`/`tags` (separated by `,` or `;`; lower-case letters a–z,
 *   digits, hyphens), `emoji`, `alternativer`/`alternatives` (separated by `|`), and one column
 *   per translation language: its code (`en`, `ar`, `so`, `ti`, `uk`, `pl`, `prs`) or its
 *   English/Norwegian name (`english`/`engelsk`, `arabic`/`arabisk`, `somali`,
 *   `tigrinya`/`tigrinja`, `ukrainian`/`ukrainsk`, `polish`/`polsk`, `dari`).
 *   Unknown, duplicate and unnamed-but-filled columns are errors.
 * - The delimiter (`,`, `;` or tab) is taken from the header line; Norwegian Excel uses `;`.
 *   Quoted cells may hold delimiters, newlines and quotes written as `""`.
 * - Bytes may be UTF-8 (with or without BOM), UTF-16 with BOM, or else windows-1252
 *   (what Excel on a Norwegian PC saves), so æøå survive in every case.
 * - Cells are trimmed; empty rows are skipped but still counted, so row numbers match the sheet.
 *   An empty translation cell means "no translation". Every imported translation is `draft`.
 * - Export writes `;`, CRLF and a UTF-8 BOM (so Excel opens it right), and puts `'` before a cell
 *   that starts with `=`, `+`, `-` or `@` so no spreadsheet runs it as a formula; import takes
 *   that one `'` off again.
 *
 * YAML: a list of items, or `items:` holding the list. Keys: `nb`, `example`, `level`, `tags`
 * (list), `emoji`, `alternatives` (list), `translations` (language code → text, or →
 * `{ text, status }`; any status becomes `draft`). Unknown keys are errors.
 *
 * Both: all or nothing. Any problem → `ok: false` with every problem found and no items.
 * At most 500 items and 1 MB. Norwegian text and translations ≤ 200 characters, examples ≤ 300.
 * The same Norwegian text twice (ignoring case) is an error on the later row.
 */
import * as v from 'valibot';
import { parse as parseCsv } from 'csv-parse/browser/esm/sync';
import { isNode, LineCounter, parseDocument, stringify } from 'yaml';
import { CefrSchema, ReviewStatusSchema, type Cefr, type Translation, type Translations } from './schema';
import { TRANSLATION_LANGUAGES, type TranslationLanguage } from './languages';

export type ImportedItem = {
	nb: string;
	alternatives: string[];
	translations: Translations;
	example: string;
	level: Cefr;
	tags: string[];
	emoji?: string;
};

/** Where and what: `row` is the spreadsheet row (header = 1) or, for YAML, the item number. */
export type ImportProblem = { row: number | null; column: string | null; message: string };

export type ImportResult = { ok: true; items: ImportedItem[] } | { ok: false; errors: ImportProblem[] };

export const MAX_ITEMS = 500;
export const MAX_BYTES = 1024 * 1024;
const MAX_TEXT = 200;
const MAX_EXAMPLE = 300;

/** How a problem reads in a list for the teacher: `row 4, column "norsk": empty — …`. */
export function describeProblem(problem: ImportProblem, unit: 'row' | 'item' = 'row'): string {
	const where = [
		problem.row === null ? null : `${unit} ${problem.row}`,
		problem.column === null ? null : `column "${problem.column}"`
	].filter(Boolean);
	return where.length ? `${where.join(', ')}: ${problem.message}` : problem.message;
}

// ---------------------------------------------------------------- validation (both formats)

function text(what: string, max: number) {
	return v.pipe(
		v.string(`must be text — write ${what}`),
		v.trim(),
		v.nonEmpty(`empty — write ${what}`),
		v.maxLength(max, (issue) => `too long (${issue.received} characters) — keep it to ${max} or fewer`)
	);
}

const NorwegianText = text('the Norwegian word or phrase', MAX_TEXT);
const TranslationText = text('the translation', MAX_TEXT);

const Level = v.pipe(
	v.string('must be text — use pre-A1, A1, A2, B1 or B2'),
	v.trim(),
	v.transform((level) => CefrSchema.options.find((l) => l.toLowerCase() === level.toLowerCase()) ?? level),
	v.picklist(CefrSchema.options, (issue) => `"${String(issue.input)}" is not a level — use pre-A1, A1, A2, B1 or B2`)
);

const Tag = v.pipe(
	v.string('must be text — write a tag such as "safety"'),
	v.trim(),
	v.toLowerCase(),
	v.regex(/^[a-z0-9-]+$/, (issue) => `"${issue.input}" is not a tag — use lower-case letters a–z, digits and hyphens, e.g. "first-day"`)
);

/** A translation as text, or `{ text, status }`. Whatever the status, an import is a draft. */
const TranslationInput = v.pipe(
	v.union(
		[TranslationText, v.strictObject({ text: TranslationText, status: ReviewStatusSchema })],
		'write the translation as text (or as text: and status: draft)'
	),
	v.transform((t): Translation => ({ text: typeof t === 'string' ? t : t.text, status: 'draft' }))
);

const languageList = `${TRANSLATION_LANGUAGES.slice(0, -1).join(', ')} or ${TRANSLATION_LANGUAGES.at(-1)}`;

const TranslationsInput = v.strictObject(
	Object.fromEntries(TRANSLATION_LANGUAGES.map((lang) => [lang, v.optional(TranslationInput)])) as Record<
		TranslationLanguage,
		v.OptionalSchema<typeof TranslationInput, undefined>
	>,
	(issue) =>
		issue.expected === 'never'
			? `"${String(issue.input)}" is not a language — use ${languageList}`
			: 'must be a map of language code to translation, e.g. "en: Helmet"'
);

const itemKeys = 'nb, example, level, tags, emoji, alternatives, translations';

/** One item as a teacher wrote it (CSV cells or a YAML map), checked and made tidy. */
const ItemInput = v.pipe(
	v.strictObject(
		{
			nb: NorwegianText,
			example: text('an example sentence from work that uses it', MAX_EXAMPLE),
			level: v.optional(Level, 'A1'),
			tags: v.optional(v.array(Tag, 'must be a list of tags'), []),
			emoji: v.optional(v.pipe(v.string('must be text'), v.trim(), v.maxLength(16, 'too long — use one emoji'))),
			alternatives: v.optional(v.array(NorwegianText, 'must be a list of other correct Norwegian answers'), []),
			translations: v.optional(v.pipe(v.unknown(), v.transform(withoutEmptyValues), TranslationsInput), {})
		},
		(issue) =>
			issue.expected === 'never'
				? `unknown key "${String(issue.input)}" — use ${itemKeys}`
				: `each item must be a map with the keys ${itemKeys}`
	),
	v.transform(
		(item): ImportedItem => ({
			nb: item.nb,
			alternatives: item.alternatives,
			translations: withoutEmptyValues(item.translations) as Translations,
			example: item.example,
			level: item.level,
			tags: [...new Set(item.tags)],
			...(item.emoji ? { emoji: item.emoji } : {})
		})
	)
);

/** Drops keys whose value is undefined, null or blank: an empty cell means "no translation". */
function withoutEmptyValues(value: unknown): unknown {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
	return Object.fromEntries(
		Object.entries(value).filter(([, x]) => x !== undefined && x !== null && !(typeof x === 'string' && !x.trim()))
	);
}

type ItemProblem = { index: number; path: (string | number)[]; message: string };

/**
 * Checks every item and the set as a whole. `label(i)` names item i for a duplicate message
 * ("row 3", "item 3 (line 12)").
 */
function checkItems(inputs: unknown[], label: (index: number) => string) {
	const items: ImportedItem[] = [];
	const problems: ItemProblem[] = [];
	const firstWith = new Map<string, number>();
	inputs.forEach((input, index) => {
		const result = v.safeParse(ItemInput, input);
		if (result.success) items.push(result.output);
		else problems.push(...firstPerField(result.issues).map((p) => ({ index, ...p })));

		// A YAML item may be anything, `null` too (a bare `-`): only a map has a Norwegian text to compare.
		const nb = (input as { nb?: unknown } | null)?.nb;
		if (typeof nb !== 'string' || !nb.trim()) return;
		const key = nb.trim().toLocaleLowerCase('nb');
		const earlier = firstWith.get(key);
		if (earlier === undefined) firstWith.set(key, index);
		else problems.push({ index, path: ['nb'], message: `"${nb.trim()}" is already on ${label(earlier)} — keep only one of them` });
	});
	return { items, problems };
}

/** One message per field: a blank cell need not also be reported as too short. */
function firstPerField(issues: readonly v.BaseIssue<unknown>[]) {
	const seen = new Map<string, { path: (string | number)[]; message: string }>();
	for (const issue of issues) {
		const path = (issue.path ?? []).map((p) => p.key as string | number);
		const field = path.filter((k) => typeof k === 'string').join('.');
		if (!seen.has(field)) seen.set(field, { path, message: issue.message });
	}
	return [...seen.values()];
}

// ---------------------------------------------------------------- bytes → text

/**
 * Reads a file's bytes as text: UTF-16 with BOM, UTF-8 (BOM or not), else windows-1252.
 * Returns a problem instead when the input is over the size limit.
 */
function readText(input: Uint8Array | string): string | ImportProblem {
	const bytes = typeof input === 'string' ? utf8Length(input) : input.length;
	if (bytes > MAX_BYTES) {
		return {
			row: null,
			column: null,
			message: `the file is ${(bytes / MAX_BYTES).toFixed(1)} MB — the limit is 1 MB (about ${MAX_ITEMS} items); split it into smaller sets`
		};
	}
	if (typeof input === 'string') return input.replace(/^\uFEFF/, '');
	if (input[0] === 0xff && input[1] === 0xfe) return new TextDecoder('utf-16le').decode(input);
	if (input[0] === 0xfe && input[1] === 0xff) return new TextDecoder('utf-16be').decode(input);
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(input);
	} catch {
		return new TextDecoder('windows-1252').decode(input);
	}
}

function utf8Length(s: string): number {
	return s.length > MAX_BYTES ? s.length : new TextEncoder().encode(s).length;
}

const fail = (errors: ImportProblem[]): ImportResult => ({ ok: false, errors });
const problem = (message: string, row: number | null = null, column: string | null = null): ImportProblem => ({ row, column, message });

function tooMany(count: number): ImportProblem {
	return problem(`the file has ${count} items — a set can have at most ${MAX_ITEMS}; split it into smaller sets`);
}

// ---------------------------------------------------------------- CSV

type Field = 'nb' | 'example' | 'level' | 'tags' | 'emoji' | 'alternatives' | TranslationLanguage;

/** Accepted header names for each field, lower-case. */
const COLUMN_NAMES: Record<Field, string[]> = {
	nb: ['norsk', 'nb'],
	example: ['eksempel', 'example'],
	level: ['nivå', 'level'],
	tags: ['stikkord', 'tags'],
	emoji: ['emoji'],
	alternatives: ['alternativer', 'alternatives'],
	en: ['en', 'engelsk', 'english'],
	ar: ['ar', 'arabisk', 'arabic'],
	so: ['so', 'somali'],
	ti: ['ti', 'tigrinja', 'tigrinya'],
	uk: ['uk', 'ukrainsk', 'ukrainian'],
	pl: ['pl', 'polsk', 'polish'],
	prs: ['prs', 'dari']
};

const FIELD_BY_NAME = new Map(
	Object.entries(COLUMN_NAMES).flatMap(([field, names]) => names.map((name) => [name, field as Field] as const))
);

/** Column names written on export: Norwegian for the item, codes for the languages. */
const EXPORT_HEADER = ['norsk', 'eksempel', 'nivå', 'stikkord', 'emoji', 'alternativer', ...TRANSLATION_LANGUAGES];

/** Cells a spreadsheet would run as a formula, possibly already behind our `'` guards. */
const FORMULA_START = /^'*[=+\-@]/;

/** Parses a teacher's CSV export of a spreadsheet into items (see the top of this file). */
export function parseSetItemsCsv(input: Uint8Array | string): ImportResult {
	const source = readText(input);
	if (typeof source !== 'string') return fail([source]);

	let records: string[][];
	try {
		records = parseCsv(source, {
			delimiter: detectDelimiter(source),
			relax_column_count: true,
			relax_quotes: true,
			skip_empty_lines: false
		});
	} catch (error) {
		return fail([csvSyntaxProblem(error)]);
	}
	const [header = [], ...body] = records.map((record) => record.map(readCell));
	if (header.every((cell) => !cell)) {
		const empty = body.every((cells) => cells.every((cell) => !cell));
		return fail([problem(`${empty ? 'the file is empty' : 'row 1 is empty'} — the first row must name the columns, e.g. norsk;eksempel;en`, 1)]);
	}

	const { fields, problems } = readHeader(header);
	const rows = body
		.map((cells, i) => ({ cells, row: i + 2 }))
		.filter(({ cells }) => cells.some((cell) => cell !== ''));
	if (rows.length > MAX_ITEMS) return fail([tooMany(rows.length)]);
	if (rows.length === 0) problems.push(problem('there are no items — add one row per word or phrase under the header'));
	if (!fields.has('nb') || !fields.has('example')) return fail(problems); // rows cannot be read without them

	for (const { cells, row } of rows) {
		cells.forEach((cell, i) => {
			if (cell && i >= header.length) problems.push(problem(`text in column ${i + 1}, which the header does not have — add a column name in row 1 or delete the text`, row));
			else if (cell && !header[i]) problems.push(problem(`text in column ${i + 1}, which has no name — add a name in row 1 or delete the text`, row));
		});
	}
	const inputs = rows.map(({ cells }) => itemFromCells(cells, fields));
	const checked = checkItems(inputs, (i) => `row ${rows[i]!.row}`);
	for (const p of checked.problems) {
		const field = (p.path[0] === 'translations' ? p.path[1] : p.path[0]) as Field;
		const column = fields.has(field) ? header[fields.get(field)!]! : field;
		problems.push(problem(p.message, rows[p.index]!.row, column));
	}
	return problems.length ? fail(problems) : { ok: true, items: checked.items };
}

/** Trims a cell and takes off one `'` put there to stop a formula (see export). */
function readCell(cell: string): string {
	const trimmed = cell.trim();
	return trimmed.startsWith("'") && FORMULA_START.test(trimmed.slice(1)) ? trimmed.slice(1) : trimmed;
}

/** The delimiter used most in the header line, outside quotes: `,`, `;` or tab. */
function detectDelimiter(source: string): string {
	const firstLine = source.split(/\r?\n|\r/, 1)[0] ?? '';
	const unquoted = firstLine.replace(/"[^"]*"/g, '');
	const counts = [';', ',', '\t'].map((d) => ({ d, n: unquoted.split(d).length - 1 }));
	return counts.reduce((best, c) => (c.n > best.n ? c : best)).d;
}

/** Maps each known field to its column index and reports unknown, duplicate and missing columns. */
function readHeader(header: string[]) {
	const fields = new Map<Field, number>();
	const problems: ImportProblem[] = [];
	header.forEach((name, i) => {
		if (!name) return;
		const field = FIELD_BY_NAME.get(name.toLowerCase());
		if (!field) {
			problems.push(problem(`unknown column — use norsk, eksempel, nivå, stikkord, emoji, alternativer or a language code (${languageList})`, 1, name));
		} else if (fields.has(field)) {
			problems.push(problem(`the same column as "${header[fields.get(field)!]}" — keep only one of them`, 1, name));
		} else {
			fields.set(field, i);
		}
	});
	if (!fields.has('nb')) problems.push(problem('no "norsk" column — add one for the Norwegian word or phrase', 1));
	if (!fields.has('example')) problems.push(problem('no "eksempel" column — add one for an example sentence from work', 1));
	return { fields, problems };
}

/** The cells of one row, shaped like a YAML item so both formats share one check. */
function itemFromCells(cells: string[], fields: Map<Field, number>) {
	const cell = (field: Field) => {
		const i = fields.get(field);
		return i === undefined ? '' : (cells[i] ?? '');
	};
	const list = (field: Field, separator: RegExp) =>
		cell(field)
			.split(separator)
			.map((s) => s.trim())
			.filter(Boolean);
	return {
		nb: cell('nb'),
		example: cell('example'),
		level: cell('level') || undefined,
		tags: list('tags', /[,;]/),
		emoji: cell('emoji') || undefined,
		alternatives: list('alternatives', /\|/),
		translations: Object.fromEntries(TRANSLATION_LANGUAGES.map((lang) => [lang, cell(lang)]))
	};
}

function csvSyntaxProblem(error: unknown): ImportProblem {
	const e = error as { code?: string; records?: number; message?: string };
	const row = typeof e.records === 'number' ? e.records + 1 : null;
	const message =
		e.code === 'CSV_QUOTE_NOT_CLOSED'
			? 'a cell starts with a quote (") that is never closed — check the quotes from this row on'
			: e.code === 'CSV_INVALID_CLOSING_QUOTE'
				? 'text after a closing quote (") — put the whole cell in quotes and write a quote inside it as ""'
				: `the file could not be read as CSV: ${e.message ?? String(error)}`;
	return problem(message, row);
}

/** Writes items as CSV that Excel opens directly (`;`, CRLF, UTF-8 BOM) and the import reads back. */
export function itemsToCsv(items: ImportedItem[]): string {
	const rows = items.map((item) => [
		item.nb,
		item.example,
		item.level,
		item.tags.join(', '),
		item.emoji ?? '',
		item.alternatives.join(' | '),
		...TRANSLATION_LANGUAGES.map((lang) => item.translations[lang]?.text ?? '')
	]);
	const lines = [EXPORT_HEADER, ...rows].map((row) => row.map(writeCell).join(';'));
	return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Guards against formula injection, then quotes the cell if it needs it. */
function writeCell(value: string): string {
	const safe = FORMULA_START.test(value) ? `'${value}` : value;
	return /[;,"\t\r\n]|^\s|\s$/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

// ---------------------------------------------------------------- YAML

/** Parses a YAML list of items (or `items:` holding one); see the top of this file. */
export function parseSetItemsYaml(input: Uint8Array | string): ImportResult {
	const source = readText(input);
	if (typeof source !== 'string') return fail([source]);

	const lineCounter = new LineCounter();
	const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
	if (doc.errors.length) {
		return fail(
			doc.errors.map((error) => {
				const { line, col } = lineCounter.linePos(error.pos[0]);
				return problem(`YAML error at line ${line}, column ${col}: ${error.message.split('\n')[0]} — check the indentation and quotes there`);
			})
		);
	}
	let root: unknown;
	try {
		root = doc.toJS();
	} catch (error) {
		return fail([problem(`the YAML could not be read: ${(error as Error).message}`)]);
	}

	const { list, extraKeys } = itemList(root);
	if (!list) return fail([problem('the file must be a list of items, or have "items:" with the list under it')]);
	const prefix = Array.isArray(root) ? [] : ['items'];
	const problems = extraKeys.map((key) => problem(`unknown key "${key}" (line ${lineOf(doc, lineCounter, [key])}) — the file may only have "items:"`));
	if (list.length > MAX_ITEMS) return fail([tooMany(list.length)]);
	if (list.length === 0) problems.push(problem('there are no items — add at least one under "items:"'));

	const line = (index: number, path: (string | number)[] = []) => lineOf(doc, lineCounter, [...prefix, index, ...path]);
	const checked = checkItems(list, (i) => `item ${i + 1} (line ${line(i)})`);
	for (const p of checked.problems) {
		const column = p.path.filter((k) => typeof k === 'string').join('.') || null;
		problems.push(problem(`${p.message} (line ${line(p.index, p.path)})`, p.index + 1, column));
	}
	return problems.length ? fail(problems) : { ok: true, items: checked.items };
}

/** The item list of a YAML document that is a list or `{ items: [...] }`, and any other top-level keys. */
function itemList(root: unknown): { list: unknown[] | null; extraKeys: string[] } {
	if (Array.isArray(root)) return { list: root, extraKeys: [] };
	if (typeof root !== 'object' || root === null || !('items' in root) || !Array.isArray(root.items)) return { list: null, extraKeys: [] };
	return { list: root.items, extraKeys: Object.keys(root).filter((key) => key !== 'items') };
}

/** The line of the deepest node on `path` that exists in the document. */
function lineOf(doc: ReturnType<typeof parseDocument>, lineCounter: LineCounter, path: (string | number)[]): number {
	for (let depth = path.length; depth >= 0; depth--) {
		const node = doc.getIn(path.slice(0, depth), true);
		if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
	}
	return 1;
}

/** Writes items as YAML (`items:` with a list) that the import reads back unchanged. */
export function itemsToYaml(items: ImportedItem[]): string {
	const plain = items.map((item) => ({
		nb: item.nb,
		example: item.example,
		level: item.level,
		...(item.tags.length ? { tags: item.tags } : {}),
		...(item.emoji ? { emoji: item.emoji } : {}),
		...(item.alternatives.length ? { alternatives: item.alternatives } : {}),
		translations: Object.fromEntries(
			TRANSLATION_LANGUAGES.flatMap((lang) => (item.translations[lang] ? [[lang, item.translations[lang].text]] : []))
		)
	}));
	return stringify({ items: plain }, { lineWidth: 0 });
}
