import { z } from 'zod/mini';

/**
 * A slow hash of a secret (the password typed at sign-in, or a PIN), kept on the device so an
 * idle lock can be lifted with no signal (ARCHITECTURE.md, "Device safety"). PBKDF2-SHA-256 with
 * OWASP's 600,000 iterations and a random 16-byte salt, through WebCrypto: the browser derives it
 * off the page's main thread, so checking a PIN does not freeze the page. The secret itself is
 * never stored.
 */
export const PBKDF2_ITERATIONS = 600_000;

export const StoredSecret = z.object({
	algorithm: z.literal('PBKDF2-SHA-256'),
	iterations: z.int().check(z.minimum(1)),
	salt: z.string(),
	hash: z.string()
});
export type StoredSecret = z.infer<typeof StoredSecret>;

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(secret: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
	const key = await crypto.subtle.importKey(
		'raw',
		new TextEncoder().encode(secret),
		'PBKDF2',
		false,
		['deriveBits']
	);
	const bits = await crypto.subtle.deriveBits(
		{ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
		key,
		256
	);
	return new Uint8Array(bits);
}

/** A new hash of `secret` with a fresh salt. `iterations` is for tests only. */
export async function hashSecret(
	secret: string,
	iterations = PBKDF2_ITERATIONS
): Promise<StoredSecret> {
	const salt = crypto.getRandomValues(new Uint8Array(16));
	return {
		algorithm: 'PBKDF2-SHA-256',
		iterations,
		salt: toBase64(salt),
		hash: toBase64(await derive(secret, salt, iterations))
	};
}

/** Whether `secret` is the one `stored` was made from. A stored value that does not read back is "no". */
export async function verifySecret(secret: string, stored: unknown): Promise<boolean> {
	const parsed = StoredSecret.safeParse(stored);
	if (!parsed.success) return false;
	let expected: Uint8Array, salt: Uint8Array;
	try {
		expected = fromBase64(parsed.data.hash);
		salt = fromBase64(parsed.data.salt);
	} catch {
		return false;
	}
	const actual = await derive(secret, salt, parsed.data.iterations);
	if (actual.length !== expected.length) return false;
	// Compare every byte whatever the first difference, as a password check should.
	let difference = 0;
	for (let i = 0; i < actual.length; i++) difference |= actual[i]! ^ expected[i]!;
	return difference === 0;
}
