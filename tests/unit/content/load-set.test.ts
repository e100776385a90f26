import { describe, expect, it } from 'vitest';
import { ContentError, loadPhraseSet } from '../../../src/lib/content/load-set';

const good = `id: demo
title:
  nb: Demo
emoji: "👋"
level: A1
items:
  - id: demo.hello
    nb: Hei
    translations:
      en: { text: Hello, status: draft }
    example: Hei, jeg heter Ali.
    level: A1
`;

function errorOf(source: string): ContentError {
	try {
		loadPhraseSet(source, 'content/sets/demo.yaml');
	} catch (e) {
		if (e instanceof ContentError) return e;
		throw e;
	}
	throw new Error('expected a ContentError');
}

describe('loadPhraseSet', () => {
	it('loads a valid set with defaults filled in', () => {
		const set = loadPhraseSet(good, 'demo.yaml');
		expect(set.items[0]).toMatchObject({ id: 'demo.hello', nb: 'Hei', tags: [], alternatives: [] });
	});

	it('names the file, line and field of a schema error', () => {
		const e = errorOf(good.replace('    level: A1\n', '    level: C9\n'));
		expect(e.file).toBe('content/sets/demo.yaml');
		expect(e.line).toBe(12);
		expect(e.message).toMatch(/items\.0\.level/);
	});

	it('names the line of a YAML syntax error', () => {
		const e = errorOf(good + '  - id: [\n');
		expect(e.line).toBeGreaterThanOrEqual(14);
	});

	it('rejects a translation status other than draft or reviewed', () => {
		expect(errorOf(good.replace('status: draft', 'status: ok')).message).toMatch(/translations\.en\.status/);
	});

	it('rejects duplicate item ids with the line of the second', () => {
		const dup = good + good.split('items:\n')[1];
		const e = errorOf(dup);
		expect(e.message).toMatch(/used twice/);
		expect(e.line).toBe(13);
	});

	it('rejects an item id that does not belong to the set', () => {
		expect(errorOf(good.replace('demo.hello', 'other.hello')).message).toMatch(/set id/);
	});

	it('rejects unknown fields, so typos in keys do not pass silently', () => {
		expect(errorOf(good.replace('    level: A1\n', '    levle: A1\n')).message).toMatch(/levle|level/);
	});
});
