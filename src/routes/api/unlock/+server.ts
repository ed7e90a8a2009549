import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { checkUnlock } from '$lib/server/auth/unlock';
import { minutesToWait } from '$lib/server/auth/throttle';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db';
import { readJson } from '$lib/server/sync/http';
import type { RequestHandler } from './$types';

const NO_STORE = { 'cache-control': 'no-store' };

/** What the lock screen's form sends. Long enough for any pass phrase; anything longer is refused. */
const UnlockRequest = z.object({
	password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(1024)
});

/**
 * `POST /api/unlock` `{ password }`: the lock screen of an idle staff device, online. The guard
 * lets only signed-in staff reach it; the password is checked against the session's own user
 * (never a user named in the body), and wrong ones count in the sign-in throttle. JSON only,
 * same-origin only (`readJson`), never cached.
 */
export const POST: RequestHandler = async (event) => {
	const user = event.locals.user;
	if (!user) error(401, 'Sign in to continue');
	const { password } = await readJson(event, UnlockRequest);
	const result = await checkUnlock(
		db(),
		{ userId: user.id, password, ip: event.getClientAddress(), now: new Date() },
		config().signIn
	);
	if (result.ok) return json({ ok: true }, { headers: NO_STORE });
	if (result.reason === 'throttled') {
		const minutes = minutesToWait(result.retryAfterMs);
		return json(
			{
				message: `Too many wrong passwords. Wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`
			},
			{ status: 429, headers: NO_STORE }
		);
	}
	return json(
		{
			message: 'That password is not right. Check it and try again.',
			errors: { password: 'That password is not right. Check it and try again.' }
		},
		{ status: 400, headers: NO_STORE }
	);
};
