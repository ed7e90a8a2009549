import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with OWASP's minimum recommended parameters (19 MiB memory, 2 iterations, 1 lane:
 * OWASP Password Storage Cheat Sheet), which are also @node-rs/argon2's defaults. Stated here
 * so a library default change cannot weaken stored hashes silently.
 */
const PARAMS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, PARAMS);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
	try {
		return await verify(hashed, password);
	} catch {
		// A malformed stored hash must read as "wrong password", never as a server error page.
		return false;
	}
}

/**
 * Verified against when the account does not exist, so that a wrong email takes as long as a
 * wrong password and response times do not reveal which addresses have accounts.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
	decoy ??= hashPassword('decoy-password-for-timing-only');
	return decoy;
}
