import { randomBytes } from 'node:crypto';

// Letters and digits without look-alikes (no i, l, o, 0, 1).
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
// The largest multiple of the alphabet's size below 256: bytes above it are skipped, so every character is equally likely.
const LIMIT = 256 - (256 % ALPHABET.length);

/** Random text a person can read out and type: join codes and first passwords (about 5 bits a character). */
export function readableRandom(length: number): string {
	let out = '';
	while (out.length < length) {
		for (const b of randomBytes(length * 2)) {
			if (b < LIMIT && out.length < length) out += ALPHABET[b % ALPHABET.length];
		}
	}
	return out;
}
