import { hash, verify } from '@node-rs/argon2';

// argon2id with the OWASP minimum (19 MiB, 2 passes, 1 lane).
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export const MIN_PASSWORD_LENGTH = 10;

export function hashSecret(secret: string): Promise<string> {
	return hash(secret, OPTIONS);
}

export async function verifySecret(stored: string | null, secret: string): Promise<boolean> {
	// Hash anyway when there is no stored hash, so a missing account takes as long as a wrong password.
	if (!stored) {
		await hash(secret, OPTIONS);
		return false;
	}
	try {
		return await verify(stored, secret);
	} catch {
		return false;
	}
}
