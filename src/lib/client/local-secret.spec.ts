import { describe, expect, it } from 'vitest';
import { hashSecret, PBKDF2_ITERATIONS, verifySecret } from './local-secret';

// A few iterations keep most tests fast; one test uses the real count.
const FEW = 1_000;

describe('the slow hash kept on the device', () => {
	it("uses OWASP's 600,000 iterations of PBKDF2-SHA-256 with a 16-byte random salt by default", async () => {
		expect(PBKDF2_ITERATIONS).toBe(600_000);
		const stored = await hashSecret('demo-password');
		expect(stored).toMatchObject({ algorithm: 'PBKDF2-SHA-256', iterations: 600_000 });
		expect(atob(stored.salt)).toHaveLength(16);
		expect(atob(stored.hash)).toHaveLength(32);
		expect(JSON.stringify(stored)).not.toContain('demo-password');
		expect(await verifySecret('demo-password', stored)).toBe(true);
	});

	it('accepts the secret it was made from and nothing else', async () => {
		const stored = await hashSecret('246810', FEW);
		expect(await verifySecret('246810', stored)).toBe(true);
		for (const wrong of ['246811', '24681', '2468100', '', ' 246810'])
			expect(await verifySecret(wrong, stored), wrong).toBe(false);
	});

	it('salts each hash, so the same secret never gives the same stored value', async () => {
		const [a, b] = await Promise.all([hashSecret('same', FEW), hashSecret('same', FEW)]);
		expect(a.salt).not.toBe(b.salt);
		expect(a.hash).not.toBe(b.hash);
	});

	it('reads a damaged or foreign stored value as "no", never as an error', async () => {
		const good = await hashSecret('secret', FEW);
		for (const bad of [
			null,
			'text',
			{ ...good, algorithm: 'MD5' },
			{ ...good, iterations: 0 },
			{ ...good, hash: '***not base64***' },
			{ ...good, hash: btoa('short') }
		])
			expect(await verifySecret('secret', bad)).toBe(false);
	});
});
