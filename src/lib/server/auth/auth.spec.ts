import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { aStaffUser, aTeam } from '../../../test-data/factories';
import { freshDatabase, storageEngines } from '../../../test-data/databases';
import type { DatabaseHandle } from '../db';
import { sessions, signInThrottle, users, teams } from '../db/schema';
import { hashPassword } from './passwords';
import { sessionIdFromToken, validateSessionToken, invalidateSession } from './session';
import { signIn, type ThrottleLimits } from './sign-in';

const MINUTE = 60_000;
const lifetimes = { idleMs: 30 * MINUTE, absoluteMs: 12 * 60 * MINUTE };
const limits: ThrottleLimits = {
	maxFailuresPerAccount: 3,
	maxFailuresPerIp: 5,
	windowMs: 15 * MINUTE
};
const T0 = new Date('2026-11-21T09:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);
const PASSWORD = 'correct horse battery staple';

describe.each(await storageEngines())('sign-in and sessions on $kind', ({ kind, run }) => {
	let handle: DatabaseHandle;
	const db = () => handle.db;
	const user = aStaffUser();
	const attempt = (
		password: string,
		now: Date,
		o: { email?: string; ip?: string; sharedDevice?: boolean } = {}
	) =>
		signIn(
			db(),
			{
				email: o.email ?? user.email,
				password,
				ip: o.ip ?? '203.0.113.7',
				now,
				sharedDevice: o.sharedDevice
			},
			limits,
			lifetimes
		);

	beforeAll(async () => {
		if (!run) return;
		handle = await freshDatabase(kind);
		await db().insert(teams).values(aTeam());
		await db()
			.insert(users)
			.values({
				...user,
				passwordHash: await hashPassword(PASSWORD),
				createdAt: new Date(user.createdAt)
			});
	});
	afterAll(async () => {
		if (run) await handle.close();
	});
	beforeEach(async () => {
		if (!run) return;
		await db().delete(signInThrottle);
		await db().delete(sessions);
		await db().update(users).set({ active: true });
	});

	it.runIf(run)(
		'signs in with the right password and stores only a hash of the token',
		async () => {
			const result = await attempt(PASSWORD, T0);
			expect(result.ok).toBe(true);
			if (!result.ok) return;
			expect(result.user).toMatchObject({ id: user.id, role: 'caseworker' });
			const stored = await db().select().from(sessions);
			expect(stored.map((s) => s.id)).toEqual([sessionIdFromToken(result.token)]);
			expect(stored[0]?.id).not.toBe(result.token);
			expect(result.token.length).toBeGreaterThanOrEqual(32);
		}
	);

	it.runIf(run)('gives a new token at every sign-in', async () => {
		const a = await attempt(PASSWORD, T0);
		const b = await attempt(PASSWORD, T0);
		expect(a.ok && b.ok && a.token !== b.token).toBe(true);
	});

	it.runIf(run)('gives the same answer for a wrong password and an unknown email', async () => {
		expect(await attempt('wrong', T0)).toEqual({ ok: false, reason: 'invalid' });
		expect(await attempt(PASSWORD, T0, { email: 'nobody@example.test' })).toEqual({
			ok: false,
			reason: 'invalid'
		});
	});

	it.runIf(run)('refuses a deactivated account even with the right password', async () => {
		await db().update(users).set({ active: false }).where(eq(users.id, user.id));
		expect(await attempt(PASSWORD, T0)).toEqual({ ok: false, reason: 'invalid' });
	});

	it.runIf(run)(
		'locks an account after repeated failures, even against the right password',
		async () => {
			for (let i = 0; i < limits.maxFailuresPerAccount; i++) await attempt('wrong', at(i));
			const locked = await attempt(PASSWORD, at(3));
			expect(locked).toMatchObject({ ok: false, reason: 'throttled' });
			if (!locked.ok && locked.reason === 'throttled')
				expect(locked.retryAfterMs).toBe(12 * MINUTE);
		}
	);

	it.runIf(run)('lets the account in again once the window has passed', async () => {
		for (let i = 0; i < limits.maxFailuresPerAccount; i++) await attempt('wrong', at(0));
		expect((await attempt(PASSWORD, at(15))).ok).toBe(true);
	});

	it.runIf(run)('slows down one address trying many accounts', async () => {
		for (let i = 0; i < limits.maxFailuresPerIp; i++)
			await attempt('wrong', T0, { email: `someone${i}@example.test` });
		expect(await attempt(PASSWORD, T0)).toMatchObject({ ok: false, reason: 'throttled' });
		expect((await attempt(PASSWORD, T0, { ip: '198.51.100.1' })).ok).toBe(true);
	});

	it.runIf(run)('clears the account count after a successful sign-in', async () => {
		await attempt('wrong', T0);
		await attempt('wrong', T0);
		expect((await attempt(PASSWORD, T0)).ok).toBe(true);
		await attempt('wrong', T0);
		await attempt('wrong', T0);
		expect((await attempt(PASSWORD, T0)).ok).toBe(true);
	});

	it.runIf(run)(
		'keeps a session alive while it is used, and ends it after 30 idle minutes',
		async () => {
			const result = await attempt(PASSWORD, T0);
			if (!result.ok) throw new Error('sign-in failed');
			expect(await validateSessionToken(db(), result.token, at(29), lifetimes)).not.toBeNull();
			expect(await validateSessionToken(db(), result.token, at(58), lifetimes)).not.toBeNull();
			expect(await validateSessionToken(db(), result.token, at(58 + 30), lifetimes)).toBeNull();
			expect(await db().select().from(sessions)).toHaveLength(0);
		}
	);

	it.runIf(run)('ends a session at its absolute lifetime however busy it is', async () => {
		const result = await attempt(PASSWORD, T0);
		if (!result.ok) throw new Error('sign-in failed');
		for (let m = 20; m < 12 * 60; m += 20)
			expect(await validateSessionToken(db(), result.token, at(m), lifetimes)).not.toBeNull();
		expect(await validateSessionToken(db(), result.token, at(12 * 60), lifetimes)).toBeNull();
		expect(await db().select().from(sessions)).toHaveLength(0);
	});

	it.runIf(run)('does not bring an ended session back when its token is sent again', async () => {
		const result = await attempt(PASSWORD, T0);
		if (!result.ok) throw new Error('sign-in failed');
		expect(await validateSessionToken(db(), result.token, at(31), lifetimes)).toBeNull();
		expect(await validateSessionToken(db(), result.token, at(32), lifetimes)).toBeNull();
		expect(await validateSessionToken(db(), result.token, T0, lifetimes)).toBeNull();
	});

	it.runIf(run)('ends a session on sign-out, on the server', async () => {
		const result = await attempt(PASSWORD, T0);
		if (!result.ok) throw new Error('sign-in failed');
		await invalidateSession(db(), result.session.id);
		expect(await validateSessionToken(db(), result.token, at(1), lifetimes)).toBeNull();
	});

	it.runIf(run)(
		'stores "this is a shared or unsafe device" with the session and reads it back',
		async () => {
			const shared = await attempt(PASSWORD, T0, { sharedDevice: true });
			if (!shared.ok) throw new Error('sign-in failed');
			expect(shared.session.sharedDevice).toBe(true);
			const [row] = await db()
				.select()
				.from(sessions)
				.where(eq(sessions.id, sessionIdFromToken(shared.token)));
			expect(row?.sharedDevice).toBe(true);
			expect(
				(await validateSessionToken(db(), shared.token, at(1), lifetimes))?.session.sharedDevice
			).toBe(true);
		}
	);

	it.runIf(run)('makes a session on a private device unless told otherwise', async () => {
		const result = await attempt(PASSWORD, T0);
		if (!result.ok) throw new Error('sign-in failed');
		expect(result.session.sharedDevice).toBe(false);
		expect(
			(await validateSessionToken(db(), result.token, at(1), lifetimes))?.session.sharedDevice
		).toBe(false);
	});

	it.runIf(run)('refuses a made-up token', async () => {
		expect(await validateSessionToken(db(), 'made-up-token', T0, lifetimes)).toBeNull();
	});

	it.runIf(run)('ends the sessions of an account that is deactivated', async () => {
		const result = await attempt(PASSWORD, T0);
		if (!result.ok) throw new Error('sign-in failed');
		await db().update(users).set({ active: false }).where(eq(users.id, user.id));
		expect(await validateSessionToken(db(), result.token, at(1), lifetimes)).toBeNull();
	});
});
