import { describe, expect, it } from 'vitest';
import { readableRandom } from '../../src/lib/server/auth/readable-random';
import { newCode } from '../../src/lib/server/join-codes';
import { generatePassword } from '../../src/lib/server/staff';

describe('codes and first passwords', () => {
	it('have the asked length and no look-alike characters', () => {
		for (let i = 0; i < 200; i++) {
			expect(readableRandom(12)).toMatch(/^[a-hjkmnp-z2-9]{12}$/);
			expect(newCode()).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
			expect(generatePassword()).toMatch(/^([a-hjkmnp-z2-9]{4}-){3}[a-hjkmnp-z2-9]{4}$/);
		}
	});

	it('use every character about equally often', () => {
		const counts = new Map<string, number>();
		for (const c of readableRandom(31_000)) counts.set(c, (counts.get(c) ?? 0) + 1);
		expect(counts.size).toBe(31);
		for (const n of counts.values()) expect(n).toBeGreaterThan(800);
		for (const n of counts.values()) expect(n).toBeLessThan(1200);
	});
});
