import { eq } from 'drizzle-orm';
import type { Database } from '../db';
import { signInThrottle, users } from '../db/schema';
import { decoyHash, verifyPassword } from './passwords';
import {
	createSession,
	generateSessionToken,
	type Session,
	type SessionLifetimes,
	type SessionUser
} from './session';
import { recordFailure, throttledFor } from './throttle';

export type ThrottleLimits = {
	maxFailuresPerAccount: number;
	maxFailuresPerIp: number;
	windowMs: number;
};

export type SignInResult =
	| { ok: true; user: SessionUser; token: string; session: Session }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'throttled'; retryAfterMs: number };

/** One message for a wrong email or a wrong password, so the form does not reveal who has an account. */
export const WRONG_CREDENTIALS =
	'The email address or password is not right. Check them and try again.';

/** Throttle keys, shared with unlocking an idle device (`unlock.ts`). */
export const accountKey = (email: string) => `account:${email}`;
export const ipKey = (ip: string) => `ip:${ip}`;

/**
 * Checks an email and password. Failures are counted per account and per IP address in the
 * database (so every app server shares the count); past the limit, attempts are refused until
 * the window ends, whether or not the password is right (ASVS 5.0 V6.3.1).
 */
export async function signIn(
	db: Database,
	input: { email: string; password: string; ip: string; now: Date; sharedDevice?: boolean },
	limits: ThrottleLimits,
	lifetimes: SessionLifetimes
): Promise<SignInResult> {
	const { email, password, ip, now } = input;
	const retryAfterMs = await throttledFor(db, now, limits.windowMs, [
		[accountKey(email), limits.maxFailuresPerAccount],
		[ipKey(ip), limits.maxFailuresPerIp]
	]);
	if (retryAfterMs > 0) return { ok: false, reason: 'throttled', retryAfterMs };

	const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
	const valid =
		user && user.passwordHash && user.active
			? await verifyPassword(user.passwordHash, password)
			: (await verifyPassword(await decoyHash(), password)) && false;
	if (!user || !valid) {
		await recordFailure(db, accountKey(email), now, limits.windowMs);
		await recordFailure(db, ipKey(ip), now, limits.windowMs);
		return { ok: false, reason: 'invalid' };
	}
	await db.delete(signInThrottle).where(eq(signInThrottle.key, accountKey(email)));
	const token = generateSessionToken();
	const session = await createSession(db, token, user.id, now, lifetimes, {
		sharedDevice: input.sharedDevice ?? false
	});
	return {
		ok: true,
		token,
		session,
		user: {
			id: user.id,
			email: user.email,
			displayName: user.displayName,
			role: user.role,
			teamId: user.teamId,
			victimId: user.victimId
		}
	};
}
