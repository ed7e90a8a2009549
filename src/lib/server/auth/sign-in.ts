import { eq, sql } from 'drizzle-orm';
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

const accountKey = (email: string) => `account:${email}`;
const ipKey = (ip: string) => `ip:${ip}`;

/**
 * Checks an email and password. Failures are counted per account and per IP address in the
 * database (so every app server shares the count); past the limit, attempts are refused until
 * the window ends, whether or not the password is right (ASVS 5.0 V6.3.1).
 */
export async function signIn(
	db: Database,
	input: { email: string; password: string; ip: string; now: Date },
	limits: ThrottleLimits,
	lifetimes: SessionLifetimes
): Promise<SignInResult> {
	const { email, password, ip, now } = input;
	const retryAfterMs = await throttledFor(db, now, limits, [
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
	const session = await createSession(db, token, user.id, now, lifetimes);
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

async function throttledFor(
	db: Database,
	now: Date,
	limits: ThrottleLimits,
	keys: [key: string, max: number][]
): Promise<number> {
	let wait = 0;
	for (const [key, max] of keys) {
		const [row] = await db
			.select()
			.from(signInThrottle)
			.where(eq(signInThrottle.key, key))
			.limit(1);
		if (!row) continue;
		const windowEnds = row.windowStartedAt.getTime() + limits.windowMs;
		if (row.failures >= max && windowEnds > now.getTime())
			wait = Math.max(wait, windowEnds - now.getTime());
	}
	return wait;
}

/** One atomic upsert: a failure inside the window adds one; after it, a new window starts. */
async function recordFailure(db: Database, key: string, now: Date, windowMs: number) {
	// Bound as ISO text and cast: both drivers then agree on the parameter's type.
	const windowStart = sql`${new Date(now.getTime() - windowMs).toISOString()}::timestamptz`;
	const nowParam = sql`${now.toISOString()}::timestamptz`;
	await db
		.insert(signInThrottle)
		.values({ key, failures: 1, windowStartedAt: now })
		.onConflictDoUpdate({
			target: signInThrottle.key,
			set: {
				failures: sql`case when ${signInThrottle.windowStartedAt} <= ${windowStart} then 1 else ${signInThrottle.failures} + 1 end`,
				windowStartedAt: sql`case when ${signInThrottle.windowStartedAt} <= ${windowStart} then ${nowParam} else ${signInThrottle.windowStartedAt} end`
			}
		});
}
