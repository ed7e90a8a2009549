import { and, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain';
import { freshDatabase, storageEngines } from '../../../test-data/databases';
import type { DatabaseHandle } from '../db';
import * as s from '../db/schema';
import { DEMO_VICTIM_EMAIL } from '../seed/demo-data';
import { seedDemoData } from '../seed/seed';
import { createInvitation, INVITATION_LIFETIME_MS, revokeVictimAccess } from '../victim-access';
import { verifyPassword } from './passwords';
import { checkInvitationCode, setUpAccount, setUpIpKey, type SetUpLimits } from './set-up';
import { signIn } from './sign-in';
import { actorFor } from '../../../test-data/sync-server';

const MINUTE = 60_000;
const NOW = new Date('2026-11-21T10:00:00.000Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * MINUTE);
const limits: SetUpLimits = { maxFailuresPerIp: 4, windowMs: 15 * MINUTE };
const IP = '203.0.113.9';
const PASSWORD = 'four words I remember';
/** Shaped like a code, but never given. */
const WRONG_CODE = 'ABCD-EFGH-JKMN';

describe.each(await storageEngines())('setting up a victim account on $kind', ({ kind, run }) => {
	let handle: DatabaseHandle;
	const db = () => handle.db;
	let alex: Actor;
	/** One of Alex's cases whose victim has no portal account yet. */
	let caseId: string;
	let victimId: string;

	const invite = async (email = 'new.victim@example.com', now = NOW) =>
		(await createInvitation(db(), alex, { caseId, body: { email } }, now)).code;
	const check = (code: string, now = NOW, ip = IP) =>
		checkInvitationCode(db(), { code, ip, now }, limits);
	const setUp = (code: string, o: { password?: string; confirm?: string; now?: Date } = {}) =>
		setUpAccount(
			db(),
			{
				code,
				password: o.password ?? PASSWORD,
				confirm: o.confirm ?? o.password ?? PASSWORD,
				ip: IP,
				now: o.now ?? NOW
			},
			limits
		);
	const account = async () =>
		(await db().select().from(s.users).where(eq(s.users.victimId, victimId)))[0]!;
	const invitation = async () =>
		(
			await db()
				.select()
				.from(s.victimInvitations)
				.where(eq(s.victimInvitations.victimId, victimId))
				.orderBy(s.victimInvitations.createdAt)
		).at(-1)!;
	const failuresFrom = async (ip: string) =>
		(
			await db()
				.select()
				.from(s.signInThrottle)
				.where(eq(s.signInThrottle.key, setUpIpKey(ip)))
		)[0]?.failures ?? 0;

	beforeAll(async () => {
		if (!run) return;
		handle = await freshDatabase(kind);
		await seedDemoData(handle.db, { seed: 5, cases: 12, teams: 1, now: NOW });
		alex = await actorFor(handle.db, 'caseworker@demo.test');
		const jo = await actorFor(handle.db, DEMO_VICTIM_EMAIL);
		const other = (
			await db()
				.select({ id: s.cases.id, victimId: s.cases.victimId })
				.from(s.cases)
				.where(and(eq(s.cases.assignedCaseworkerId, alex.id), ne(s.cases.victimId, jo.victimId!)))
		)[0]!;
		caseId = other.id;
		victimId = other.victimId;
	});
	afterAll(async () => {
		if (run) await handle.close();
	});
	beforeEach(async () => {
		if (!run) return;
		await db().delete(s.signInThrottle);
		await db().delete(s.victimInvitations);
		await db().delete(s.users).where(eq(s.users.victimId, victimId));
	});

	describe('the code step', () => {
		it.runIf(run)(
			'accepts a right code however it is typed, in its printed form, changing nothing',
			async () => {
				const code = await invite();
				expect(await check(` ${code.toLowerCase().replaceAll('-', ' ')} `)).toEqual({
					ok: true,
					code
				});
				expect((await invitation()).redeemedAt).toBeNull();
				expect((await account()).passwordHash).toBeNull();
			}
		);

		it.runIf(run)('refuses a code that was never given, and counts the guess', async () => {
			await invite();
			expect(await check(WRONG_CODE)).toEqual({ ok: false, reason: 'code', problem: 'not-found' });
			expect(await failuresFrom(IP)).toBe(1);
		});

		it.runIf(run)(
			'asks for a missing code or one not shaped like a code, without counting a guess',
			async () => {
				expect(await check('   ')).toEqual({ ok: false, reason: 'code', problem: 'missing' });
				expect(await check('ABCD-EFGH-JKM0')).toEqual({
					ok: false,
					reason: 'code',
					problem: 'format'
				});
				expect(await failuresFrom(IP)).toBe(0);
			}
		);

		it.runIf(run)('says why a real code no longer works: expired, revoked or used', async () => {
			const expired = await invite();
			expect(await check(expired, new Date(NOW.getTime() + INVITATION_LIFETIME_MS))).toMatchObject({
				problem: 'expired'
			});
			const revoked = await invite('new.victim@example.com', at(1));
			await revokeVictimAccess(db(), alex, caseId, at(2));
			expect(await check(revoked, at(3))).toMatchObject({ problem: 'revoked' });
			const used = await invite('new.victim@example.com', at(4));
			expect((await setUp(used, { now: at(5) })).ok).toBe(true);
			expect(await check(used, at(6))).toMatchObject({ problem: 'redeemed' });
		});
	});

	describe('throttling', () => {
		it.runIf(run)(
			'refuses every attempt from an address past its limit, until the window ends',
			async () => {
				for (let i = 0; i < limits.maxFailuresPerIp; i++)
					expect(await check(WRONG_CODE, at(i))).toMatchObject({ problem: 'not-found' });
				expect(await check(WRONG_CODE, at(5))).toEqual({
					ok: false,
					reason: 'throttled',
					retryAfterMs: 10 * MINUTE
				});
				// Not even checked, so not counted either.
				expect(await failuresFrom(IP)).toBe(limits.maxFailuresPerIp);
				expect(await check(WRONG_CODE, at(15))).toMatchObject({ problem: 'not-found' });
			}
		);

		it.runIf(run)(
			'refuses a right code while throttled, at both steps, and accepts it after the window',
			async () => {
				const code = await invite();
				for (let i = 0; i < limits.maxFailuresPerIp; i++) await check(WRONG_CODE, NOW);

				expect(await check(code, at(1))).toMatchObject({ ok: false, reason: 'throttled' });
				expect(await setUp(code, { now: at(1) })).toMatchObject({
					ok: false,
					reason: 'throttled',
					retryAfterMs: 14 * MINUTE
				});
				expect((await invitation()).redeemedAt).toBeNull();
				expect((await account()).passwordHash).toBeNull();

				expect(await setUp(code, { now: at(15) })).toMatchObject({ ok: true });
			}
		);

		it.runIf(run)('counts each address on its own', async () => {
			const code = await invite();
			for (let i = 0; i < limits.maxFailuresPerIp; i++) await check(WRONG_CODE, NOW);
			expect(await check(code, NOW, '198.51.100.1')).toEqual({ ok: true, code });
		});

		it.runIf(run)('keeps its count apart from sign-in failures from the same address', async () => {
			for (let i = 0; i < limits.maxFailuresPerIp; i++) await check(WRONG_CODE, NOW);
			const signInLimits = {
				maxFailuresPerAccount: 5,
				maxFailuresPerIp: 30,
				windowMs: 15 * MINUTE
			};
			const lifetimes = { idleMs: 30 * MINUTE, absoluteMs: 12 * 60 * MINUTE };
			const result = await signIn(
				db(),
				{ email: 'caseworker@demo.test', password: 'demo-password', ip: IP, now: NOW },
				signInLimits,
				lifetimes
			);
			expect(result.ok).toBe(true);
		});
	});

	describe('the password step', () => {
		it.runIf(run)(
			'sets the password (argon2id), uses up the code and opens the account for sign-in',
			async () => {
				const code = await invite('New.Victim@Example.com');
				const done = await setUp(code, { now: at(1) });
				expect(done).toEqual({
					ok: true,
					userId: (await account()).id,
					email: 'new.victim@example.com'
				});
				const user = await account();
				expect(user.passwordHash).toMatch(/^\$argon2id\$/);
				expect(await verifyPassword(user.passwordHash!, PASSWORD)).toBe(true);
				expect(user.active).toBe(true);
				expect((await invitation()).redeemedAt).toEqual(at(1));

				const signedIn = await signIn(
					db(),
					{ email: 'new.victim@example.com', password: PASSWORD, ip: IP, now: at(2) },
					{ maxFailuresPerAccount: 5, maxFailuresPerIp: 30, windowMs: 15 * MINUTE },
					{ idleMs: 30 * MINUTE, absoluteMs: 12 * 60 * MINUTE }
				);
				expect(signedIn).toMatchObject({ ok: true, user: { role: 'victim', victimId } });
			}
		);

		it.runIf(run)(
			'refuses a password against the rules, keeping the code and writing nothing',
			async () => {
				const code = await invite();
				expect(await setUp(code.toLowerCase(), { password: 'too short' })).toEqual({
					ok: false,
					reason: 'password',
					code,
					problems: { password: 'too-short' }
				});
				expect(await setUp(code, { password: PASSWORD, confirm: `${PASSWORD}.` })).toEqual({
					ok: false,
					reason: 'password',
					code,
					problems: { confirm: 'mismatch' }
				});
				expect((await invitation()).redeemedAt).toBeNull();
				expect((await account()).passwordHash).toBeNull();
				// A right code with a wrong password is not a guess.
				expect(await failuresFrom(IP)).toBe(0);
			}
		);

		it.runIf(run)(
			'checks the code first, so a wrong code is refused whatever the password',
			async () => {
				expect(await setUp(WRONG_CODE, { password: 'x' })).toEqual({
					ok: false,
					reason: 'code',
					problem: 'not-found'
				});
				expect(await failuresFrom(IP)).toBe(1);
			}
		);

		it.runIf(run)('works once: the same code again is refused as used', async () => {
			const code = await invite();
			expect((await setUp(code, { now: at(1) })).ok).toBe(true);
			const hash = (await account()).passwordHash;
			expect(await setUp(code, { password: 'someone else entirely', now: at(2) })).toEqual({
				ok: false,
				reason: 'code',
				problem: 'redeemed'
			});
			expect((await account()).passwordHash).toBe(hash);
		});
	});
});
