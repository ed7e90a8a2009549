import { eq } from 'drizzle-orm';
import type { Database } from '../db';
import { signInThrottle, users } from '../db/schema';
import { verifyPassword } from './passwords';
import { accountKey, ipKey, type ThrottleLimits } from './sign-in';
import { recordFailure, throttledFor } from './throttle';

export type UnlockResult =
	| { ok: true }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'throttled'; retryAfterMs: number };

/**
 * Unlocking a staff device left idle (ARCHITECTURE.md, "Device safety"): the signed-in user's
 * password, checked against their stored argon2 hash. Wrong passwords count in the same throttle
 * as sign-in (per account and per IP address), so a locked device is no easier to guess at than
 * the sign-in page; past the limit, attempts are refused until the window ends.
 */
export async function checkUnlock(
	db: Database,
	input: { userId: string; password: string; ip: string; now: Date },
	limits: ThrottleLimits
): Promise<UnlockResult> {
	const [user] = await db.select().from(users).where(eq(users.id, input.userId)).limit(1);
	if (!user) return { ok: false, reason: 'invalid' };
	const keys: [string, number][] = [
		[accountKey(user.email), limits.maxFailuresPerAccount],
		[ipKey(input.ip), limits.maxFailuresPerIp]
	];
	const retryAfterMs = await throttledFor(db, input.now, limits.windowMs, keys);
	if (retryAfterMs > 0) return { ok: false, reason: 'throttled', retryAfterMs };
	const valid =
		user.active && user.passwordHash
			? await verifyPassword(user.passwordHash, input.password)
			: false;
	if (!valid) {
		for (const [key] of keys) await recordFailure(db, key, input.now, limits.windowMs);
		return { ok: false, reason: 'invalid' };
	}
	await db.delete(signInThrottle).where(eq(signInThrottle.key, accountKey(user.email)));
	return { ok: true };
}
