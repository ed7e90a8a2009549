import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { aStaffUser, aTeam } from '../../../test-data/factories';
import { freshDatabase } from '../../../test-data/databases';
import type { DatabaseHandle } from '../db';
import { signInThrottle, teams, users } from '../db/schema';
import { checkAccess } from './guard';
import { hashPassword } from './passwords';
import { signIn, type ThrottleLimits } from './sign-in';
import { checkUnlock } from './unlock';

const MINUTE = 60_000;
const limits: ThrottleLimits = {
	maxFailuresPerAccount: 3,
	maxFailuresPerIp: 50,
	windowMs: 15 * MINUTE
};
const T0 = new Date('2026-11-21T09:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);
const PASSWORD = 'correct horse battery staple';
const user = aStaffUser();
let handle: DatabaseHandle;

const unlock = (password: string, now = T0, ip = '203.0.113.7') =>
	checkUnlock(handle.db, { userId: user.id, password, ip, now }, limits);

beforeAll(async () => {
	handle = await freshDatabase('pglite');
	await handle.db.insert(teams).values(aTeam());
	await handle.db.insert(users).values({
		...user,
		passwordHash: await hashPassword(PASSWORD),
		createdAt: new Date(user.createdAt)
	});
});
afterAll(() => handle.close());
beforeEach(async () => {
	await handle.db.delete(signInThrottle);
});

it("unlocks with the session user's own password, and not with another", async () => {
	expect(await unlock(PASSWORD)).toEqual({ ok: true });
	expect(await unlock('not the password')).toEqual({ ok: false, reason: 'invalid' });
});

it('counts wrong passwords in the sign-in throttle: past the limit even the right one is refused, and sign-in is too', async () => {
	for (let i = 0; i < limits.maxFailuresPerAccount; i++)
		expect(await unlock(`wrong ${i}`, at(i))).toEqual({ ok: false, reason: 'invalid' });
	const refused = await unlock(PASSWORD, at(5));
	expect(refused).toMatchObject({ ok: false, reason: 'throttled' });
	if (refused.ok || refused.reason !== 'throttled') return;
	// The window started at the first failure: 15 minutes from then, 10 from now.
	expect(refused.retryAfterMs).toBe(10 * MINUTE);
	const signInNow = await signIn(
		handle.db,
		{ email: user.email, password: PASSWORD, ip: '198.51.100.1', now: at(5) },
		limits,
		{ idleMs: 30 * MINUTE, absoluteMs: 12 * 60 * MINUTE }
	);
	expect(signInNow).toMatchObject({ ok: false, reason: 'throttled' });
	// Once the window has passed, the right password unlocks and clears the account's count.
	expect(await unlock(PASSWORD, at(16))).toEqual({ ok: true });
	expect(await handle.db.select().from(signInThrottle)).toEqual([
		expect.objectContaining({ key: 'ip:203.0.113.7' })
	]);
});

it('refuses a deactivated account even with the right password', async () => {
	await handle.db.update(users).set({ active: false }).where(eq(users.id, user.id));
	expect(await unlock(PASSWORD)).toEqual({ ok: false, reason: 'invalid' });
	await handle.db.update(users).set({ active: true }).where(eq(users.id, user.id));
});

it('is reached by signed-in staff only: a victim is refused, a signed-out caller asked to sign in', () => {
	expect(checkAccess('/api/unlock', 'caseworker')).toEqual({ allowed: true });
	expect(checkAccess('/api/unlock', 'supervisor')).toEqual({ allowed: true });
	expect(checkAccess('/api/unlock', 'victim')).toMatchObject({ allowed: false, status: 403 });
	expect(checkAccess('/api/unlock', undefined)).toMatchObject({ allowed: false, status: 401 });
});
