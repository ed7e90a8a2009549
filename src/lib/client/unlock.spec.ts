import { describe, expect, it } from 'vitest';
import type { StoredSecret } from './local-secret';
import {
	asksFor,
	DEVICE_TRIES,
	PIN_TRIES,
	pinProblem,
	tryUnlock,
	type ServerAnswer,
	type UnlockDeps
} from './unlock';

// Stand-ins for the slow hashes: the "hash" is the secret, so the rules are what is tested here
// (the hashing itself is tested in local-secret.spec.ts).
const fake = (secret: string): StoredSecret => ({
	algorithm: 'PBKDF2-SHA-256',
	iterations: 1,
	salt: '',
	hash: secret
});

function device(o: {
	online?: boolean;
	server?: ServerAnswer;
	password?: string | null;
	pin?: string | null;
	failures?: number;
}) {
	const state = {
		failures: o.failures ?? 0,
		remembered: [] as string[],
		asked: [] as string[]
	};
	const deps: UnlockDeps = {
		online: () => o.online ?? false,
		askServer: (password) => {
			state.asked.push(password);
			return Promise.resolve(o.server ?? { kind: 'unavailable' });
		},
		read: () =>
			Promise.resolve({
				password: o.password === null ? null : fake(o.password ?? 'the password'),
				pin: o.pin ? fake(o.pin) : null,
				failures: state.failures
			}),
		setFailures: (n) => {
			state.failures = n;
			return Promise.resolve();
		},
		remember: (p) => void state.remembered.push(p),
		verify: (secret, stored) => Promise.resolve(secret === stored.hash)
	};
	return { deps, state };
}

describe('unlocking online', () => {
	it('asks the server, and keeps a fresh hash of the password for next time offline', async () => {
		const { deps, state } = device({ online: true, server: { kind: 'ok' }, failures: 7 });
		expect(await tryUnlock('the password', deps)).toEqual({ ok: true });
		expect(state.asked).toEqual(['the password']);
		expect(state.remembered).toEqual(['the password']);
		expect(state.failures).toBe(0);
	});

	it("passes on the server's refusal (wrong password, or too many) and does not try the device", async () => {
		const message = 'That password is not right. Check it and try again.';
		const { deps, state } = device({
			online: true,
			server: { kind: 'refused', message },
			password: 'typed'
		});
		expect(await tryUnlock('typed', deps)).toEqual({ ok: false, message });
		expect(state.failures).toBe(0);
	});

	it('checks on the device when the server cannot answer (no connection, server error, session ended)', async () => {
		const { deps, state } = device({ online: true, server: { kind: 'unavailable' } });
		expect(await tryUnlock('the password', deps)).toEqual({ ok: true });
		expect(state.asked).toHaveLength(1);
		expect(state.remembered).toEqual([]);
	});
});

describe('unlocking with no signal', () => {
	it('takes the PIN or the password', async () => {
		expect(await tryUnlock('246810', device({ pin: '246810' }).deps)).toEqual({ ok: true });
		expect(await tryUnlock('the password', device({ pin: '246810' }).deps)).toEqual({ ok: true });
	});

	it('refuses a wrong PIN, saying how many tries are left before the PIN stops working', async () => {
		const { deps, state } = device({ pin: '246810' });
		const outcome = await tryUnlock('111111', deps);
		expect(outcome).toEqual({
			ok: false,
			message:
				'That PIN or password is not right. After 4 more wrong tries, your PIN will stop working.'
		});
		expect(state.failures).toBe(1);
	});

	it('stops taking the PIN after 5 wrong tries; the password still works, and a success starts the count again', async () => {
		const { deps, state } = device({ pin: '246810' });
		for (let i = 1; i < PIN_TRIES; i++) await tryUnlock('000001', deps);
		const fifth = await tryUnlock('000001', deps);
		expect(fifth.ok).toBe(false);
		if (!fifth.ok)
			expect(fifth.message).toMatch(/Your PIN has stopped working: enter your password/);
		expect(await tryUnlock('246810', deps)).toMatchObject({ ok: false });
		expect(state.failures).toBe(PIN_TRIES + 1);
		expect(asksFor(false, await deps.read())).toBe('password');
		expect(await tryUnlock('the password', deps)).toEqual({ ok: true });
		expect(state.failures).toBe(0);
		expect(await tryUnlock('246810', deps)).toEqual({ ok: true });
	});

	it('after 10 more wrong tries, says the device must be online to unlock, and stops checking', async () => {
		const { deps, state } = device({ pin: '246810' });
		const messages: string[] = [];
		for (let i = 0; i < DEVICE_TRIES; i++) {
			const o = await tryUnlock(`wrong ${i}`, deps);
			if (!o.ok) messages.push(o.message);
		}
		expect(DEVICE_TRIES - PIN_TRIES).toBe(10);
		expect(messages[PIN_TRIES]).toBe(
			'That password is not right. After 9 more wrong tries, this device must be online to unlock.'
		);
		expect(messages.at(-1)).toMatch(/this device must be online to unlock/);
		expect(state.failures).toBe(DEVICE_TRIES);
		// Even the right password is not checked on the device now.
		expect(await tryUnlock('the password', deps)).toEqual({
			ok: false,
			message:
				'Too many wrong tries on this device. Connect to the internet, then enter your password to unlock.'
		});
		// Online, the server can still unlock, and the count starts again.
		const online = {
			...deps,
			online: () => true,
			askServer: () => Promise.resolve({ kind: 'ok' } as const)
		};
		expect(await tryUnlock('the password', online)).toEqual({ ok: true });
		expect(state.failures).toBe(0);
	});

	it('without a PIN, counts the password tries the same way', async () => {
		const { deps } = device({});
		const first = await tryUnlock('wrong', deps);
		expect(first).toEqual({
			ok: false,
			message:
				'That password is not right. After 14 more wrong tries, this device must be online to unlock.'
		});
	});

	it('says plainly when the device has nothing to check against (signed in without JavaScript, no PIN)', async () => {
		const outcome = await tryUnlock('anything', device({ password: null }).deps);
		expect(outcome).toEqual({
			ok: false,
			message:
				'This device cannot check your password with no signal. Connect to the internet to unlock.'
		});
	});

	it('asks for something to check', async () => {
		expect(await tryUnlock('', device({}).deps)).toEqual({
			ok: false,
			message: 'Enter your PIN or password.'
		});
	});
});

describe('a new PIN', () => {
	it('must be at least 6 digits, not easy to guess, and typed the same twice', () => {
		expect(pinProblem('', '')).toMatchObject({ field: 'pin' });
		expect(pinProblem('12345', '12345')?.message).toBe('Enter a PIN of at least 6 digits');
		expect(pinProblem('12ab56', '12ab56')?.message).toBe('A PIN must be digits only, 0 to 9');
		expect(pinProblem('123456', '123456')?.message).toMatch(/harder to guess/);
		expect(pinProblem('999999', '999999')?.message).toMatch(/harder to guess/);
		expect(pinProblem('654321', '654321')?.message).toMatch(/harder to guess/);
		expect(pinProblem('246810', '246811')).toMatchObject({ field: 'again' });
		expect(pinProblem('246810', '246810')).toBeNull();
		expect(pinProblem('90817263', '90817263')).toBeNull();
	});
});
