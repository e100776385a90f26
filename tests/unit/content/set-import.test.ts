import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	describeProblem,
	itemsToCsv,
	itemsToYaml,
	MAX_ITEMS,
	parseSetItemsCsv,
	parseSetItemsYaml,
	type ImportedItem,
	type ImportProblem,
	type ImportResult
} from '../../../src/lib/content/set-import';

function items(result: ImportResult): ImportedItem[] {
	if (!result.ok) throw new Error(`expected ok, got:\n${result.errors.map((e) => describeProblem(e)).join('\n')}`);
	return result.items;
}

function errors(result: ImportResult): ImportProblem[] {
	if (result.ok) throw new Error('expected errors, got items');
	expect(result).not.toHaveProperty('items');
	return result.errors;
}

/** Windows-1252 bytes of a Latin-1 string (enough for æøåÆØÅ). */
function windows1252(s: string): Uint8Array {
	return Uint8Array.from([...s].map((c) => {
		const code = c.charCodeAt(0);
		if (code > 0xff) throw new Error(`not in test encoder: ${c}`);
		return code;
	}));
}

function utf16le(s: string, bom = true): Uint8Array {
	const bytes = new Uint8Array((bom ? 2 : 0) + s.length * 2);
	const view = new DataView(bytes.buffer);
	if (bom) view.setUint16(0, 0xfeff, true);
	for (let i = 0; i < s.length; i++) view.setUint16((bom ? 2 : 0) + i * 2, s.charCodeAt(i), true);
	return bytes;
}

const hjelm: ImportedItem = {
	nb: 'Hjelm på hodet',
	alternatives: [],
	translations: { en: { text: 'Helmet on your head', status: 'draft' } },
	example: 'Du må ha hjelm på hodet på byggeplassen.',
	level: 'A1',
	tags: ['safety'],
	emoji: '⛑️'
};

describe('parseSetItemsCsv', () => {
	it('reads a comma-separated file with defaults filled in', () => {
		const csv = 'norsk,eksempel,en,stikkord,emoji\nHjelm på hodet,Du må ha hjelm på hodet på byggeplassen.,Helmet on your head,Safety,⛑️\nHei,"Hei, jeg heter Ali.",Hello,,\n';
		const result = items(parseSetItemsCsv(csv));
		expect(result).toEqual([
			hjelm,
			{ nb: 'Hei', alternatives: [], translations: { en: { text: 'Hello', status: 'draft' } }, example: 'Hei, jeg heter Ali.', level: 'A1', tags: [] }
		]);
		expect(result[1]).not.toHaveProperty('emoji');
	});

	it('reads a semicolon-separated file as Norwegian Excel saves it, with every optional column', () => {
		const csv = [
			'Norsk;Eksempel;Nivå;Stikkord;Emoji;Alternativer;Engelsk;Arabisk;Somali;Tigrinja;Ukrainsk;Polsk;Dari',
			'Pause;Vi tar pause klokka tolv.;a2;break, time;☕;Matpause | Lunsj;Break;استراحة;Nasasho;ዕረፍቲ;Перерва;Przerwa;استراحت'
		].join('\r\n');
		const [item] = items(parseSetItemsCsv(csv));
		expect(item).toEqual({
			nb: 'Pause',
			alternatives: ['Matpause', 'Lunsj'],
			translations: {
				en: { text: 'Break', status: 'draft' },
				ar: { text: 'استراحة', status: 'draft' },
				so: { text: 'Nasasho', status: 'draft' },
				ti: { text: 'ዕረፍቲ', status: 'draft' },
				uk: { text: 'Перерва', status: 'draft' },
				pl: { text: 'Przerwa', status: 'draft' },
				prs: { text: 'استراحت', status: 'draft' }
			},
			example: 'Vi tar pause klokka tolv.',
			level: 'A2',
			tags: ['break', 'time'],
			emoji: '☕'
		});
	});

	it('reads tab-separated text (pasted from a spreadsheet)', () => {
		const [item] = items(parseSetItemsCsv('nb\texample\tlevel\nStopp\tStopp maskinen!\tpre-a1\n'));
		expect(item).toMatchObject({ nb: 'Stopp', example: 'Stopp maskinen!', level: 'pre-A1' });
	});

	it('reads quoted cells with delimiters, quotes and newlines, trims cells and skips empty rows', () => {
		const csv = 'norsk;eksempel;en\n\n"Si ""hei""";"Han sa: ""hei; god morgen""\nog gikk.";  Say "hi"  \n;;\n"Takk";Takk for hjelpen.;\n';
		const result = items(parseSetItemsCsv(csv));
		expect(result.map((i) => [i.nb, i.example, i.translations.en?.text])).toEqual([
			['Si "hei"', 'Han sa: "hei; god morgen"\nog gikk.', 'Say "hi"'],
			['Takk', 'Takk for hjelpen.', undefined]
		]);
		expect(result[1]!.translations).toEqual({});
	});

	it('keeps spreadsheet row numbers when empty rows and multi-line cells come first', () => {
		const csv = 'norsk;eksempel\n\nHei;"To\nlinjer"\n;\nHei;Igjen.\n';
		expect(errors(parseSetItemsCsv(csv))).toEqual([
			{ row: 5, column: 'norsk', message: '"Hei" is already on row 3 — keep only one of them' }
		]);
	});

	it('accepts UTF-8 with a BOM, as bytes and as a string', () => {
		const text = '\uFEFFnorsk;eksempel\nBlåse;Blås i fløyta.\n';
		expect(items(parseSetItemsCsv(new TextEncoder().encode(text)))[0]!.nb).toBe('Blåse');
		expect(items(parseSetItemsCsv(text))[0]!.nb).toBe('Blåse');
	});

	it('reads windows-1252 bytes from Excel on a Norwegian PC so æøå come out right', () => {
		const bytes = windows1252('norsk;eksempel;nivå\nHjelm på hodet;Ha hjelmen på hodet hele tiden.;A1\nSkjære;Skjær brødet i skiver.;A2\nØre;Vondt i øret? Gå til legen.;A2\n');
		expect(bytes).toContain(0xe5); // å as one byte: really not UTF-8
		const result = items(parseSetItemsCsv(bytes));
		expect(result.map((i) => i.nb)).toEqual(['Hjelm på hodet', 'Skjære', 'Øre']);
		expect(result[2]!.example).toBe('Vondt i øret? Gå til legen.');
	});

	it('reads UTF-16LE with a BOM (Excel "Unicode text")', () => {
		const result = items(parseSetItemsCsv(utf16le('norsk\teksempel\tti\nHjelm på hodet\tHa hjelm.\tቆብዕ\n')));
		expect(result[0]).toMatchObject({ nb: 'Hjelm på hodet', translations: { ti: { text: 'ቆብዕ', status: 'draft' } } });
	});

	it('rejects the whole file when one row among good rows is bad, naming row and column', () => {
		const csv = 'norsk;eksempel;nivå\nHei;Hei, Ali.;A1\nTakk;Takk skal du ha.;A1\n;Et eksempel uten ord.;A1\nHjelm;Ta på hjelm.;A2\n';
		const problems = errors(parseSetItemsCsv(csv));
		expect(problems).toEqual([{ row: 4, column: 'norsk', message: 'empty — write the Norwegian word or phrase' }]);
		expect(describeProblem(problems[0]!)).toBe('row 4, column "norsk": empty — write the Norwegian word or phrase');
	});

	it('reports every bad row, not just the first', () => {
		const csv = [
			'norsk;eksempel;nivå;stikkord',
			'Hei;Hei, Ali.;C1;hilsen',
			'Takk;;A1;',
			'Pause;Vi tar pause.;A1;Første dag',
			`${'a'.repeat(201)};${'b'.repeat(301)};A1;`
		].join('\n');
		expect(errors(parseSetItemsCsv(csv))).toEqual([
			{ row: 2, column: 'nivå', message: '"C1" is not a level — use pre-A1, A1, A2, B1 or B2' },
			{ row: 3, column: 'eksempel', message: 'empty — write an example sentence from work that uses it' },
			{ row: 4, column: 'stikkord', message: '"første dag" is not a tag — use lower-case letters a–z, digits and hyphens, e.g. "first-day"' },
			{ row: 5, column: 'norsk', message: 'too long (201 characters) — keep it to 200 or fewer' },
			{ row: 5, column: 'eksempel', message: 'too long (301 characters) — keep it to 300 or fewer' }
		]);
	});

	it('checks translation length and lower-cases tags split by comma or semicolon', () => {
		expect(errors(parseSetItemsCsv(`nb;example;english\nHei;Hei.;${'x'.repeat(201)}\n`))).toEqual([
			{ row: 2, column: 'english', message: 'too long (201 characters) — keep it to 200 or fewer' }
		]);
		const [item] = items(parseSetItemsCsv('nb,example,tags\nHei,Hei.,"Safety; First-Day, safety"\n'));
		expect(item!.tags).toEqual(['safety', 'first-day']);
	});

	it('names unknown and duplicate columns', () => {
		const problems = errors(parseSetItemsCsv('norsk;eksempel;en;engelsk;tysk\nHei;Hei.;Hi;Hello;Hallo\n'));
		expect(problems).toEqual([
			{ row: 1, column: 'engelsk', message: 'the same column as "en" — keep only one of them' },
			{ row: 1, column: 'tysk', message: expect.stringContaining('unknown column') }
		]);
	});

	it('says which required column is missing', () => {
		expect(errors(parseSetItemsCsv('ord;en\nHei;Hi\n'))).toEqual([
			{ row: 1, column: 'ord', message: expect.stringContaining('unknown column') },
			{ row: 1, column: null, message: 'no "norsk" column — add one for the Norwegian word or phrase' },
			{ row: 1, column: null, message: 'no "eksempel" column — add one for an example sentence from work' }
		]);
	});

	it('reports text in a column the header does not name', () => {
		expect(errors(parseSetItemsCsv('norsk;eksempel;;\nHei;Hei.;;\nTakk;Takk.;;x\n'))).toEqual([
			{ row: 3, column: null, message: 'text in column 4, which has no name — add a name in row 1 or delete the text' }
		]);
	});

	it('reports duplicate Norwegian text, ignoring case and spaces, on the later row', () => {
		expect(errors(parseSetItemsCsv('norsk,eksempel\nHjelm,Ta på hjelm.\nTakk,Takk.\n  hjelm ,Hjelmen er gul.\n'))).toEqual([
			{ row: 4, column: 'norsk', message: '"hjelm" is already on row 2 — keep only one of them' }
		]);
	});

	it('reports an unclosed quote with its row', () => {
		const [problem] = errors(parseSetItemsCsv('norsk;eksempel\nHei;Hei.\n"Takk;Takk.\n'));
		expect(problem).toMatchObject({ row: 3, column: null, message: expect.stringContaining('never closed') });
	});

	it('takes off the formula guard on import', () => {
		const [item] = items(parseSetItemsCsv("norsk;eksempel;en\n'-ing;'=ikke en formel;'@home\n"));
		expect(item).toMatchObject({ nb: '-ing', example: '=ikke en formel', translations: { en: { text: '@home' } } });
	});

	it('refuses empty files, files with no items, too many items and files over 1 MB', () => {
		expect(errors(parseSetItemsCsv(''))[0]!.message).toContain('the file is empty');
		expect(errors(parseSetItemsCsv('\nnorsk;eksempel\nHei;Hei.\n'))[0]).toMatchObject({ row: 1, message: expect.stringContaining('row 1 is empty') });
		expect(errors(parseSetItemsCsv('norsk;eksempel\n;\n'))[0]!.message).toContain('no items');
		const many = ['norsk;eksempel', ...Array.from({ length: MAX_ITEMS + 1 }, (_, i) => `Ord ${i};Eksempel ${i}.`)].join('\n');
		expect(errors(parseSetItemsCsv(many))).toEqual([
			{ row: null, column: null, message: 'the file has 501 items — a set can have at most 500; split it into smaller sets' }
		]);
		const exactly = ['norsk;eksempel', ...Array.from({ length: MAX_ITEMS }, (_, i) => `Ord ${i};Eksempel ${i}.`)].join('\n');
		expect(items(parseSetItemsCsv(exactly))).toHaveLength(MAX_ITEMS);
		const huge = new Uint8Array(1024 * 1024 + 1).fill(0x61);
		expect(errors(parseSetItemsCsv(huge))[0]!.message).toContain('the limit is 1 MB');
		expect(errors(parseSetItemsCsv('a'.repeat(1024 * 1024 + 1)))[0]!.message).toContain('the limit is 1 MB');
	});
});

describe('parseSetItemsYaml', () => {
	it('reads a plain list and an items: list, making every translation a draft', () => {
		const yaml = `- nb: Hjelm på hodet
  example: Du må ha hjelm på hodet på byggeplassen.
  tags: [Safety]
  emoji: "⛑️"
  translations:
    en: { text: Helmet on your head, status: reviewed }
`;
		expect(items(parseSetItemsYaml(yaml))).toEqual([hjelm]);
		expect(items(parseSetItemsYaml(`items:\n${yaml.replace(/^/gm, '  ')}`))).toEqual([hjelm]);
	});

	it('treats an empty translation as none', () => {
		const [item] = items(parseSetItemsYaml('- nb: Hei\n  example: Hei.\n  translations:\n    en: Hi\n    ar: ""\n    so:\n'));
		expect(item!.translations).toEqual({ en: { text: 'Hi', status: 'draft' } });
	});

	it('gives line and column for a syntax error', () => {
		expect(errors(parseSetItemsYaml('- nb: Hei\n  example: "Hei.\n- nb: Takk\n'))[0]!.message).toMatch(
			/^YAML error at line 4, column 1: Missing closing "quote/
		);
		expect(errors(parseSetItemsYaml('- nb: Hei\n  nb: Hallo\n  example: Hei.\n'))).toEqual([
			{ row: null, column: null, message: 'YAML error at line 2, column 3: Map keys must be unique — check the indentation and quotes there' }
		]);
		expect(errors(parseSetItemsYaml('- nb: Hei\n  example: Hei: Ali.\n'))[0]!.message).toMatch(/^YAML error at line 2, column 12: /);
	});

	it('reports unknown keys, bad values and duplicates with item, key and line', () => {
		const yaml = `items:
  - nb: Hei
    example: Hei.
    nivaa: A1
  - nb: Takk
    example: Takk.
    level: C1
    translations:
      de: Danke
      en: { text: Thanks, status: approved }
  - nb: hei
    example: Hei igjen.
`;
		expect(errors(parseSetItemsYaml(yaml))).toEqual([
			{ row: 1, column: 'nivaa', message: 'unknown key "nivaa" — use nb, example, level, tags, emoji, alternatives, translations (line 4)' },
			{ row: 2, column: 'level', message: '"C1" is not a level — use pre-A1, A1, A2, B1 or B2 (line 7)' },
			{ row: 2, column: 'translations.en', message: 'write the translation as text (or as text: and status: draft) (line 10)' },
			{ row: 2, column: 'translations.de', message: '"de" is not a language — use en, ar, so, ti, uk, pl or prs (line 9)' },
			{ row: 3, column: 'nb', message: '"hei" is already on item 1 (line 2) — keep only one of them (line 11)' }
		]);
	});

	it('refuses other top-level shapes and keys', () => {
		expect(errors(parseSetItemsYaml('nb: Hei\n'))[0]!.message).toContain('must be a list of items');
		expect(errors(parseSetItemsYaml('title: Mitt sett\nitems:\n  - nb: Hei\n    example: Hei.\n'))).toEqual([
			{ row: null, column: null, message: 'unknown key "title" (line 1) — the file may only have "items:"' }
		]);
		expect(errors(parseSetItemsYaml('[]'))[0]!.message).toContain('no items');
	});

	it('refuses too many items and files over 1 MB', () => {
		const many = Array.from({ length: MAX_ITEMS + 1 }, (_, i) => `- { nb: Ord ${i}, example: Eksempel ${i}. }`).join('\n');
		expect(errors(parseSetItemsYaml(many))[0]!.message).toContain('at most 500');
		expect(errors(parseSetItemsYaml(`# ${'x'.repeat(1024 * 1024)}\n[]`))[0]!.message).toContain('the limit is 1 MB');
	});
});

describe('export and import round trip', () => {
	const set: ImportedItem[] = [
		hjelm,
		{
			nb: '=SUM(A1:A2)',
			alternatives: ['+47 sjef', 'Si "ja"; takk'],
			translations: {
				en: { text: '-minus, "quoted"', status: 'draft' },
				ar: { text: 'خوذة على الرأس', status: 'draft' },
				ti: { text: 'ቆብዕ ኣብ ርእሲ', status: 'draft' }
			},
			example: "@sjefen: 'Ring meg.'\nTo linjer, med komma",
			level: 'pre-A1',
			tags: ['first-day', 'b1'],
			emoji: '📞'
		},
		{ nb: "'=allerede beskyttet", alternatives: [], translations: {}, example: 'yes', level: 'B2', tags: [] },
		{ nb: '123', alternatives: [], translations: { prs: { text: 'کلاه ایمنی', status: 'draft' } }, example: 'Nei: ja', level: 'B1', tags: [] }
	];

	it('round-trips CSV exactly, with formulas guarded', () => {
		const csv = itemsToCsv(set);
		expect(csv.startsWith('\uFEFFnorsk;eksempel;nivå;stikkord;emoji;alternativer;en;ar;so;ti;uk;pl;prs\r\n')).toBe(true);
		expect(csv).toContain("\r\n'=SUM(A1:A2);");
		expect(csv).toContain(`"'-minus, ""quoted"""`);
		expect(csv).toContain("\r\n''=allerede beskyttet;");
		expect(parseSetItemsCsv(csv)).toStrictEqual({ ok: true, items: set });
		expect(parseSetItemsCsv(new TextEncoder().encode(csv))).toStrictEqual({ ok: true, items: set });
	});

	it('round-trips YAML exactly', () => {
		const yaml = itemsToYaml(set);
		expect(yaml.startsWith('items:\n')).toBe(true);
		expect(parseSetItemsYaml(yaml)).toStrictEqual({ ok: true, items: set });
	});

	it('turns a CSV import into YAML and back', () => {
		const fromCsv = items(parseSetItemsCsv(itemsToCsv(set)));
		expect(items(parseSetItemsYaml(itemsToYaml(fromCsv)))).toStrictEqual(set);
	});
});

describe('bad files (property-based)', () => {
	/** A result the page can show: no items, and every problem says what and, where it can, where. */
	function wellReported(result: ImportResult, rows: number) {
		if (result.ok) {
			for (const item of result.items) expect(item.nb.trim()).not.toBe('');
			return;
		}
		expect(result).not.toHaveProperty('items');
		expect(result.errors.length).toBeGreaterThan(0);
		for (const problem of result.errors) {
			expect(problem.message.trim()).not.toBe('');
			expect(problem.message).not.toMatch(/undefined|\[object Object\]|NaN/);
			if (problem.row !== null) {
				expect(Number.isInteger(problem.row)).toBe(true);
				expect(problem.row).toBeGreaterThanOrEqual(1);
				expect(problem.row).toBeLessThanOrEqual(rows + 1);
			}
		}
	}
	const lineCount = (bytes: Uint8Array | string) => (typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('latin1')).split(/\r\n|\r|\n/).length;

	it('arbitrary bytes into either importer never throw: problems, each with a message and a row that exists', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
				wellReported(parseSetItemsCsv(bytes), lineCount(bytes));
				// For YAML, `row` is the item's number, not a line: any whole number from 1.
				wellReported(parseSetItemsYaml(bytes), Infinity);
			}),
			{ numRuns: 300, seed: 9 }
		);
	});

	it('spreadsheet-shaped junk (quotes, delimiters, newlines, BOMs, NUL, RTL) never throws, and bad rows are named', () => {
		const cell = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('"', '""', '"a"b', ';', ',', '\t', '\r', '\n', '\u0000', '\ufeff', '\u202e', '=1+1', "'", 'A1', 'C1', 'x'.repeat(400), 'hei'));
		const header = fc.shuffledSubarray(['norsk', 'eksempel', 'nivå', 'stikkord', 'emoji', 'en', 'ar', 'xx', ''], { minLength: 1 });
		const csv = fc.tuple(header, fc.constantFrom(';', ',', '\t'), fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 12 })).map(([h, d, rows]) => [h.join(d), ...rows.map((r) => r.join(d))].join(fc.sample(fc.constantFrom('\n', '\r\n'), 1)[0]));
		fc.assert(
			fc.property(csv, (text) => wellReported(parseSetItemsCsv(text), lineCount(text))),
			{ numRuns: 300, seed: 10 }
		);
	});

	it('YAML-shaped junk (wrong types, nesting, anchors, tabs) never throws; every problem has a line or an item', () => {
		const yaml = fc.oneof(
			fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
			fc.jsonValue({ maxDepth: 3 }).map((value) => `items:\n  - nb: ${JSON.stringify(value)}\n    example: ${JSON.stringify(value)}\n`),
			fc.string({ maxLength: 200 }).map((s) => `- nb: ${s}\n  example: ${s}\n`),
			fc.constantFrom('\t- nb: Hei\n', '- &a [*a]\n', '- { nb: Hei, example: Hei., nb: Hallo }\n', '!!binary aGVp\n', '- nb: !!js/function "f"\n', '%YAML 9.9\n---\n[]', '---\n[]\n---\n[]\n')
		);
		fc.assert(
			fc.property(yaml, (text) => {
				const result = parseSetItemsYaml(text);
				wellReported(result, Infinity);
				if (!result.ok) for (const p of result.errors) expect(p.row !== null || /line \d+|limit|list|items|YAML|empty/i.test(p.message), p.message).toBe(true);
			}),
			{ numRuns: 300, seed: 11 }
		);
	});

	it('an alias bomb ("billion laughs") is refused quickly with a message, not expanded', () => {
		const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`), 'items: *i'].join('\n');
		const started = Date.now();
		const [problem] = errors(parseSetItemsYaml(bomb));
		expect(Date.now() - started).toBeLessThan(2000);
		expect(problem!.message).toMatch(/YAML|alias|items|key/i);
	});

	it('UTF-16 without a BOM, and UTF-16BE, are reported by row and column rather than read as garbage items', () => {
		const text = 'norsk;eksempel\nHei;Hei, Ali.\n';
		const le = utf16le(text, false);
		const bom = utf16le(text, true);
		const be = bom.map((_, i) => bom[i ^ 1]!);
		for (const bytes of [le, be]) {
			const result = parseSetItemsCsv(bytes);
			if (result.ok) expect(result.items.map((i) => i.nb)).toEqual(['Hei']);
			else for (const p of result.errors) expect(p.row !== null || p.column !== null || /column|empty|encoding|header/i.test(p.message), describeProblem(p)).toBe(true);
		}
	});
});
