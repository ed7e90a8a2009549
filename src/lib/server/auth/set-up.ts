import { newPasswordProblems, type NewPasswordProblems } from '$lib/domain/password-rules';
import type { Database } from '../db';
import {
	canonicalCode,
	completeInvitation,
	formatCode,
	redeemInvitation,
	type RedemptionRefusal
} from '../victim-access';
import { hashPassword } from './passwords';
import { recordFailure, throttledFor } from './throttle';

/**
 * A victim sets up their portal account (`/set-up`): first the invitation code their caseworker
 * gave them, then a password. The code is a secret, so guessing is throttled like sign-in: wrong
 * codes are counted per IP address in the shared throttle table, and past the limit every attempt
 * is refused before the code is even looked at, a right one included, until the window ends.
 */

export type SetUpLimits = { maxFailuresPerIp: number; windowMs: number };

/** What is wrong with a code: not typed, not shaped like a code, or refused by its invitation. */
export type CodeProblem = 'missing' | 'format' | RedemptionRefusal;

export type CodeCheck =
	| { ok: true; code: string }
	| { ok: false; reason: 'throttled'; retryAfterMs: number }
	| { ok: false; reason: 'code'; problem: CodeProblem };

export type SetUpResult =
	| { ok: true; userId: string; email: string }
	| { ok: false; reason: 'throttled'; retryAfterMs: number }
	| { ok: false; reason: 'code'; problem: CodeProblem }
	| { ok: false; reason: 'password'; code: string; problems: NewPasswordProblems };

export const setUpIpKey = (ip: string) => `set-up-ip:${ip}`;

/**
 * A refusal counts as a guess, except `email-taken`: that code is real and was given to this
 * person. A code that is not even shaped like one is not counted either: it tells nothing about
 * any code, and a victim who types O for 0 deserves a second look rather than a wait.
 */
const isGuess = (refusal: RedemptionRefusal) => refusal !== 'email-taken';

/**
 * Checks a typed code, changing nothing but the failure count. On success the code comes back in
 * its printed form (`ABCD-EFGH-JKMN`) for the next step to carry.
 */
export async function checkInvitationCode(
	db: Database,
	input: { code: string; ip: string; now: Date },
	limits: SetUpLimits
): Promise<CodeCheck> {
	const { code, ip, now } = input;
	const key = setUpIpKey(ip);
	const retryAfterMs = await throttledFor(db, now, limits.windowMs, [
		[key, limits.maxFailuresPerIp]
	]);
	if (retryAfterMs > 0) return { ok: false, reason: 'throttled', retryAfterMs };

	if (code.trim() === '') return { ok: false, reason: 'code', problem: 'missing' };
	const canonical = canonicalCode(code);
	if (!canonical) return { ok: false, reason: 'code', problem: 'format' };
	const result = await redeemInvitation(db, canonical, now);
	if (!result.ok) {
		if (isGuess(result.reason)) await recordFailure(db, key, now, limits.windowMs);
		return { ok: false, reason: 'code', problem: result.reason };
	}
	return { ok: true, code: formatCode(canonical) };
}

/**
 * Checks the code again (it may have been used, revoked or have expired since the first step),
 * then the password rules, then hashes the password and redeems the code in one transaction
 * (`completeInvitation`). Nothing is written unless everything is right.
 */
export async function setUpAccount(
	db: Database,
	input: { code: string; password: string; confirm: string; ip: string; now: Date },
	limits: SetUpLimits
): Promise<SetUpResult> {
	const checked = await checkInvitationCode(db, input, limits);
	if (!checked.ok) return checked;
	const problems = newPasswordProblems(input.password, input.confirm);
	if (Object.keys(problems).length > 0)
		return { ok: false, reason: 'password', code: checked.code, problems };

	const done = await completeInvitation(
		db,
		checked.code,
		await hashPassword(input.password),
		input.now
	);
	if (!done.ok) {
		// Lost a race with another request using the same code, or it ran out meanwhile.
		if (isGuess(done.reason))
			await recordFailure(db, setUpIpKey(input.ip), input.now, limits.windowMs);
		return { ok: false, reason: 'code', problem: done.reason };
	}
	return { ok: true, userId: done.userId, email: done.email };
}
