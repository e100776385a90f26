import { describe, expect, it } from 'vitest';
import { understood, words } from '../../../src/lib/practice/understood';

const missed = (target: string, heard: string[]) => understood(target, heard).words.filter((w) => !w.understood).map((w) => w.word);

describe('was it understood', () => {
	it('ignores case and punctuation, and reads numbers as words', () => {
		expect(words('Kjør pallen til port 3!')).toEqual(['kjør', 'pallen', 'til', 'port', 'tre']);
		expect(understood('Lastebilen kommer klokka ti.', ['lastebilen kommer klokken 10']).all).toBe(true);
		expect(understood('Plukk ordre nummer 15.', ['plukk ordre nummer femten']).all).toBe(true);
	});

	it('marks a missing word, and an extra word does not hurt the others', () => {
		expect(missed('Hvor skal denne pallen?', ['hvor skal pallen'])).toEqual(['denne']);
		expect(missed('Jeg er ferdig.', ['ja jeg er helt ferdig'])).toEqual([]);
	});

	it('marks a word said wrongly (kvittering heard as something else)', () => {
		expect(missed('Vil du ha kvitteringen?', ['vil du ha kaffitering'])).toEqual(['kvitteringen']);
	});

	it('takes a compound heard as two words', () => {
		expect(understood('Husk arbeidsklær.', ['husk arbeids klær']).all).toBe(true);
	});

	it('keeps the best of several alternatives', () => {
		const result = understood('Jeg forstår ikke.', ['jeg for står', 'jeg forstår ikke']);
		expect(result).toMatchObject({ all: true, heard: 'jeg forstår ikke' });
		expect(understood('Stopp!', []).words).toEqual([{ word: 'stopp', understood: false }]);
	});

	it('keeps word order: the same words in another order are not all understood', () => {
		expect(missed('ta en pause', ['pause en ta']).length).toBeGreaterThan(0);
	});
});
