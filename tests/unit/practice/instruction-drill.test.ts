import { describe, expect, it } from 'vitest';
import { instructionVariant, templateSlots } from '../../../src/lib/practice/instruction-drill';
import { seededRandom } from '../../../src/lib/practice/random';

const cloth = { id: 'cloth-room', nb: 'Ta den {colour} kluten og vask rom {room} først.', icon: '🧽' };

describe('instruction drills', () => {
	it('fills every slot and offers four different choices, exactly one right', () => {
		for (let seed = 0; seed < 200; seed++) {
			const v = instructionVariant(cloth, seededRandom(seed));
			expect(v.text).not.toMatch(/[{}]/);
			expect(v.choices).toHaveLength(4);
			expect(new Set(v.choices.map((c) => c.show)).size).toBe(4);
			expect(v.choices.filter((c) => c.correct)).toHaveLength(1);
		}
	});

	it('makes wrong choices that differ in one detail, like swapped room digits', () => {
		const v = instructionVariant({ id: 'r', nb: 'Vask rom {room}.' }, seededRandom(7));
		const right = v.choices.find((c) => c.correct)!.show.replace(/\D/g, '');
		for (const wrong of v.choices.filter((c) => !c.correct)) {
			const digits = wrong.show.replace(/\D/g, '');
			expect(digits).toHaveLength(3);
			expect(digits).not.toBe(right);
		}
	});

	it('reads "halv tre" as 14:30 and offers 15:30 as the classic mistake', () => {
		let found = false;
		for (let seed = 0; seed < 400 && !found; seed++) {
			const v = instructionVariant({ id: 't', nb: 'Kom klokka {time}.' }, seededRandom(seed));
			if (v.text !== 'Kom klokka halv tre.') continue;
			found = true;
			expect(v.choices.find((c) => c.correct)!.show).toContain('14:30');
			expect(v.choices.map((c) => c.show).join()).toContain('15:30');
		}
		expect(found).toBe(true);
	});

	it('gives many different instructions from one template', () => {
		const texts = new Set(Array.from({ length: 1000 }, (_, seed) => instructionVariant(cloth, seededRandom(seed)).text));
		expect(texts.size).toBeGreaterThan(150);
	});

	it('finds the slots of a template', () => {
		expect(templateSlots(cloth.nb)).toEqual(['colour', 'room']);
	});
});
