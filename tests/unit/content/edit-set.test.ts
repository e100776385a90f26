import { describe, expect, it } from 'vitest';
import { addItems, copySet, removeItem, SetEditError, slugify, updateItem, type ItemInput } from '../../../src/lib/content/edit-set';
import type { PhraseSet } from '../../../src/lib/content/schema';

const item = (nb: string, extra: Partial<ItemInput> = {}): ItemInput => ({ nb, example: `${nb} her.`, level: 'A1', tags: [], translations: { en: { text: nb, status: 'draft' } }, ...extra });
const base: PhraseSet = addItems({ id: 't-abcdefgh', title: { nb: 'Lager' }, emoji: '📦', level: 'A1', tags: [], items: [{ id: 't-abcdefgh.pall', nb: 'Pall', alternatives: [], translations: {}, example: 'Sett pallen her.', level: 'A1', tags: [] }] }, []);

describe('editing a teacher’s set', () => {
	it('makes readable ids from Norwegian, æ, ø and å included', () => {
		expect(slugify('Hjelm på hodet!')).toBe('hjelm-pa-hodet');
		expect(slugify('Kjøleskap og fryser')).toBe('kjoleskap-og-fryser');
		expect(slugify('Ærlig talt')).toBe('aerlig-talt');
		expect(slugify('!!!')).toBe('item');
	});

	it('adds items with unique ids and refuses the same Norwegian twice', () => {
		const next = addItems(base, [item('Trillebår'), item('Hjelm')]);
		expect(next.items.map((i) => i.id)).toEqual(['t-abcdefgh.pall', 't-abcdefgh.trillebar', 't-abcdefgh.hjelm']);
		expect(() => addItems(next, [item(' pall ')])).toThrow(SetEditError);
		// Two different texts with the same slug still get different ids.
		expect(addItems(next, [item('Hjelm!')]).items.at(-1)!.id).toBe('t-abcdefgh.hjelm-2');
	});

	it('keeps an item’s id when it is changed, so progress on it stays', () => {
		const next = updateItem(base, 't-abcdefgh.pall', item('Europall', { tags: ['safety'] }));
		expect(next.items[0]).toMatchObject({ id: 't-abcdefgh.pall', nb: 'Europall', tags: ['safety'] });
		expect(() => updateItem(base, 't-abcdefgh.none', item('X'))).toThrow('no item');
	});

	it('checks every change with the content schema', () => {
		expect(() => addItems(base, [item('Pall 2', { level: 'C1' as never })])).toThrow(SetEditError);
		expect(() => addItems(base, [item('Hjelm', { photo: 'https://evil.example/x.jpg' })])).toThrow('media link');
		expect(() => removeItem(base, 't-abcdefgh.pall')).toThrow('at least one item');
	});

	it('copies a built-in set under new ids, keeping translations and their review status', () => {
		const builtIn: PhraseSet = { id: 'safety', title: { nb: 'Sikkerhet', en: { text: 'Safety', status: 'reviewed' } } as never, emoji: '⚠️', level: 'A1', tags: [], items: [{ id: 'safety.stop', nb: 'Stopp!', alternatives: [], translations: { en: { text: 'Stop!', status: 'reviewed' } }, example: 'Stopp maskinen!', level: 'A1', tags: ['safety'] }] };
		const copy = copySet(builtIn, 't-zzzzzzzz', 'Rema 1000 – lager');
		expect(copy.title).toEqual({ nb: 'Rema 1000 – lager' });
		expect(copy.items[0]).toMatchObject({ id: 't-zzzzzzzz.stop', translations: { en: { text: 'Stop!', status: 'reviewed' } }, tags: ['safety'] });
	});
});
