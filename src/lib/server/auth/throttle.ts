import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { signInThrottle } from '../db/schema';

/**
 * Failure counters in the database (`sign_in_throttle`), so every app server shares them. A key
 * names what is counted: `account:<email>` and `ip:<address>` for sign-in, `set-up-ip:<address>`
 * for invitation codes. Past its limit a key is refused until its window ends, whether or not the
 * next attempt would have been right (ASVS 5.0 V6.3.1).
 */

/** How long the caller must wait, in milliseconds, or 0 when no key is over its limit. */
export async function throttledFor(
	db: Database,
	now: Date,
	windowMs: number,
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
		const windowEnds = row.windowStartedAt.getTime() + windowMs;
		if (row.failures >= max && windowEnds > now.getTime())
			wait = Math.max(wait, windowEnds - now.getTime());
	}
	return wait;
}

/** One atomic upsert: a failure inside the window adds one; after it, a new window starts. */
export async function recordFailure(db: Database, key: string, now: Date, windowMs: number) {
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

/** Minutes to tell a person to wait, rounded up so they never come back too early. */
export const minutesToWait = (retryAfterMs: number) =>
	Math.max(1, Math.ceil(retryAfterMs / 60_000));
