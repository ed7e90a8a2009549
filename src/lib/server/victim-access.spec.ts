import { and, count, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain';
import { freshDatabase, storageEngines } from '../../test-data/databases';
import { createSession, generateSessionToken, validateSessionToken } from './auth/session';
import type { DatabaseHandle } from './db';
import * as s from './db/schema';
import { DEMO_VICTIM_EMAIL } from './seed/demo-data';
import { seedDemoData } from './seed/seed';
import {
	canonicalCode,
	CODE_ALPHABET,
	completeInvitation,
	createInvitation,
	generateInvitationCode,
	INVITATION_LIFETIME_MS,
	invitationCodeHash,
	redeemInvitation,
	revokeVictimAccess,
	victimAccessStatus,
	VictimAccessError
} from './victim-access';
import { demoActors } from '../../test-data/sync-server';

const NOW = new Date('2026-11-21T10:00:00.000Z');
const HOUR = 60 * 60 * 1000;
const later = (ms: number) => new Date(NOW.getTime() + ms);
const lifetimes = { idleMs: 30 * 60 * 1000, absoluteMs: 12 * HOUR };
const CODE_SHAPE = /^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/;
const MISSING = 'Enter the victim’s email address';
const BAD_FORMAT = 'Enter an email address in the correct format, like name@example.com';

/** The refusal a call threw, to check its status and message. */
async function refusal(work: Promise<unknown>): Promise<VictimAccessError> {
	try {
		await work;
	} catch (e) {
		if (e instanceof VictimAccessError) return e;
		throw e;
	}
	throw new Error('Expected the call to be refused');
}

describe('invitation codes', () => {
	it('are 12 characters from an alphabet with no 0, O, 1, I or L, in groups of four', () => {
		expect(CODE_ALPHABET).not.toMatch(/[0O1IL]/);
		for (let i = 0; i < 200; i++) expect(generateInvitationCode()).toMatch(CODE_SHAPE);
	});

	it('are not repeated', () => {
		const codes = new Set(Array.from({ length: 2000 }, generateInvitationCode));
		expect(codes.size).toBe(2000);
	});

	it('read the same however they are typed', () => {
		expect(canonicalCode('abcd efgh-jkmn')).toBe('ABCDEFGHJKMN');
		expect(canonicalCode(' ABCD–EFGH–JKMN ')).toBe('ABCDEFGHJKMN');
		expect(canonicalCode('ABCD-EFGH-JKM')).toBeNull();
		expect(canonicalCode('ABCD-EFGH-JKM0')).toBeNull();
	});
});

describe.each(await storageEngines())('victim portal access on $kind', ({ kind, run }) => {
	let handle: DatabaseHandle;
	const db = () => handle.db;
	let alex: Actor, priya: Actor, sam: Actor, otherTeamSupervisor: Actor, jo: Actor;
	/** Jo's case (Alex's): Jo already has an account with a password. */
	let joCase: string;
	let joVictim: string;
	/** Another of Alex's cases, whose victim has no account yet. */
	let newCase: string;
	let newVictim: string;

	const invitationsOf = (victimId: string) =>
		db()
			.select()
			.from(s.victimInvitations)
			.where(eq(s.victimInvitations.victimId, victimId))
			.orderBy(s.victimInvitations.createdAt, s.victimInvitations.id);
	const accountsOf = (victimId: string) =>
		db().select().from(s.users).where(eq(s.users.victimId, victimId));
	const rowCounts = async () => ({
		invitations: (await db().select({ n: count() }).from(s.victimInvitations))[0]!.n,
		users: (await db().select({ n: count() }).from(s.users))[0]!.n
	});
	const invite = (actor: Actor, caseId: string, email: unknown, now = NOW) =>
		createInvitation(db(), actor, { caseId, body: { email } }, now);

	beforeAll(async () => {
		if (!run) return;
		handle = await freshDatabase(kind);
		await seedDemoData(handle.db, { seed: 5, cases: 12, teams: 2, now: NOW });
		({ alex, priya, sam, otherSupervisor: otherTeamSupervisor, jo } = await demoActors(handle.db));
		joVictim = jo.victimId!;
		const alexCases = await db()
			.select({ id: s.cases.id, victimId: s.cases.victimId })
			.from(s.cases)
			.where(eq(s.cases.assignedCaseworkerId, alex.id));
		joCase = alexCases.find((c) => c.victimId === joVictim)!.id;
		const other = alexCases.find((c) => c.victimId !== joVictim)!;
		newCase = other.id;
		newVictim = other.victimId;
	});
	afterAll(async () => {
		if (run) await handle.close();
	});
	beforeEach(async () => {
		if (!run) return;
		await db().delete(s.victimInvitations);
		await db()
			.delete(s.users)
			.where(and(eq(s.users.role, 'victim'), ne(s.users.id, jo.id)));
		await db()
			.update(s.users)
			.set({ active: true, email: DEMO_VICTIM_EMAIL })
			.where(eq(s.users.id, jo.id));
		await db()
			.update(s.users)
			.set({ email: 'caseworker2@demo.test' })
			.where(eq(s.users.id, priya.id));
	});

	describe('inviting', () => {
		it.runIf(run)('returns the code once and stores only its SHA-256, never the code', async () => {
			const created = await invite(alex, newCase, 'victim@example.com');
			expect(created.code).toMatch(CODE_SHAPE);
			const canonical = canonicalCode(created.code)!;
			const rows = await invitationsOf(newVictim);
			expect(rows).toHaveLength(1);
			expect(rows[0]!.codeHash).toBe(invitationCodeHash(canonical));
			expect(JSON.stringify(rows)).not.toContain(canonical.slice(0, 4));

			const status = await victimAccessStatus(db(), alex, newCase, NOW);
			expect(status).toEqual(created.status);
			expect(JSON.stringify(status)).not.toContain(canonical.slice(0, 4));
		});

		it.runIf(run)(
			'makes a victim with no account one with no password, and a code open for 14 days',
			async () => {
				const created = await invite(alex, newCase, ' Sam.Victim@Example.com ');
				expect(created.expiresAt).toBe(later(INVITATION_LIFETIME_MS).toISOString());
				expect(created.status).toEqual({
					state: 'invited',
					account: { email: 'sam.victim@example.com', active: true, passwordSet: false },
					invitation: {
						email: 'sam.victim@example.com',
						createdAt: NOW.toISOString(),
						expiresAt: created.expiresAt
					}
				});
				const accounts = await accountsOf(newVictim);
				expect(accounts).toHaveLength(1);
				expect(accounts[0]).toMatchObject({
					role: 'victim',
					teamId: null,
					passwordHash: null,
					active: true
				});
			}
		);

		it.runIf(run)('revokes the earlier code when a second one is made', async () => {
			const first = await invite(alex, newCase, 'victim@example.com');
			const second = await invite(sam, newCase, 'victim@example.com', later(HOUR));
			expect(await redeemInvitation(db(), first.code, later(2 * HOUR))).toMatchObject({
				ok: false,
				reason: 'revoked'
			});
			expect((await redeemInvitation(db(), second.code, later(2 * HOUR))).ok).toBe(true);
			const rows = await invitationsOf(newVictim);
			expect(rows.map((r) => [r.revokedAt, r.revokedBy])).toEqual([
				[later(HOUR), sam.id],
				[null, null]
			]);
			expect(await accountsOf(newVictim)).toHaveLength(1);
		});

		it.runIf(run)('leaves exactly one open code when two are made at once', async () => {
			await Promise.all([
				invite(alex, newCase, 'victim@example.com'),
				invite(sam, newCase, 'victim@example.com')
			]);
			const rows = await invitationsOf(newVictim);
			expect(rows).toHaveLength(2);
			expect(rows.filter((r) => r.revokedAt === null)).toHaveLength(1);
			expect(await accountsOf(newVictim)).toHaveLength(1);
		});

		it.runIf(run)('keeps an existing account’s email until the code is redeemed', async () => {
			const created = await invite(alex, joCase, 'jo.new@example.com');
			expect(created.status).toMatchObject({
				state: 'invited',
				account: { email: DEMO_VICTIM_EMAIL, active: true, passwordSet: true },
				invitation: { email: 'jo.new@example.com' }
			});
		});

		it.runIf(run)(
			'refuses a bad email address with a clear message and writes nothing',
			async () => {
				const before = await rowCounts();
				for (const [email, message] of [
					['', MISSING],
					['   ', MISSING],
					[undefined, MISSING],
					[42, MISSING],
					['jo at example', BAD_FORMAT],
					['jo@', BAD_FORMAT]
				] as const) {
					const e = await refusal(invite(alex, newCase, email));
					expect(e.status).toBe(400);
					expect(e.message).toBe(message);
					expect(e.fields).toEqual({ email: message });
				}
				expect(await rowCounts()).toEqual(before);
			}
		);

		it.runIf(run)('refuses an email address another account signs in with', async () => {
			const before = await rowCounts();
			const e = await refusal(invite(alex, newCase, 'Caseworker2@demo.test'));
			expect(e.status).toBe(409);
			expect(e.fields.email).toBe(
				'This email address is used by another account. Enter a different one.'
			);
			expect(await rowCounts()).toEqual(before);
		});

		it.runIf(run)('refuses an email address another victim’s open code will claim', async () => {
			await invite(alex, joCase, 'shared@example.com');
			expect((await refusal(invite(alex, newCase, 'shared@example.com'))).status).toBe(409);
		});
	});

	describe('who may manage portal access', () => {
		it.runIf(run)('lets a supervisor of the case’s team invite and revoke', async () => {
			expect((await invite(sam, newCase, 'victim@example.com')).status.state).toBe('invited');
			expect((await revokeVictimAccess(db(), sam, newCase, NOW)).state).toBe('revoked');
		});

		it.runIf(run)(
			'refuses a caseworker the case is not assigned to, and writes nothing',
			async () => {
				const before = await rowCounts();
				const e = await refusal(invite(priya, newCase, 'victim@example.com'));
				expect(e.status).toBe(403);
				expect(e.message).toMatch(/not assigned to you/);
				expect((await refusal(revokeVictimAccess(db(), priya, joCase, NOW))).status).toBe(403);
				expect((await refusal(victimAccessStatus(db(), priya, joCase, NOW))).status).toBe(403);
				expect(await rowCounts()).toEqual(before);
				expect((await accountsOf(joVictim))[0]!.active).toBe(true);
			}
		);

		it.runIf(run)('refuses a supervisor of another team', async () => {
			const e = await refusal(invite(otherTeamSupervisor, newCase, 'victim@example.com'));
			expect(e.status).toBe(403);
			expect(e.message).toMatch(/not in your team/);
			expect((await refusal(revokeVictimAccess(db(), otherTeamSupervisor, joCase))).status).toBe(
				403
			);
			expect((await accountsOf(joVictim))[0]!.active).toBe(true);
		});

		it.runIf(run)('refuses a victim, even on their own case', async () => {
			expect((await refusal(invite(jo, joCase, 'victim@example.com'))).status).toBe(403);
			expect((await refusal(revokeVictimAccess(db(), jo, joCase))).status).toBe(403);
			expect((await refusal(victimAccessStatus(db(), jo, joCase))).status).toBe(403);
			expect(await invitationsOf(joVictim)).toEqual([]);
		});

		it.runIf(run)('answers 404 for a case that does not exist', async () => {
			const missing = '0190ffff-0000-7000-8000-000000000000';
			expect((await refusal(invite(alex, missing, 'victim@example.com'))).status).toBe(404);
			expect((await refusal(victimAccessStatus(db(), alex, 'not-a-uuid'))).status).toBe(404);
		});
	});

	describe('status', () => {
		it.runIf(run)('says none for a victim who has never been invited', async () => {
			expect(await victimAccessStatus(db(), alex, newCase, NOW)).toEqual({
				state: 'none',
				account: null,
				invitation: null
			});
		});

		it.runIf(run)('says active for a victim who has set a password', async () => {
			expect(await victimAccessStatus(db(), sam, joCase, NOW)).toEqual({
				state: 'active',
				account: { email: DEMO_VICTIM_EMAIL, active: true, passwordSet: true },
				invitation: null
			});
		});

		it.runIf(run)('no longer shows a code once it has expired', async () => {
			await invite(alex, newCase, 'victim@example.com');
			expect(
				await victimAccessStatus(db(), alex, newCase, later(INVITATION_LIFETIME_MS))
			).toMatchObject({ state: 'none', invitation: null });
		});
	});

	describe('revoking', () => {
		it.runIf(run)(
			'deactivates the account, revokes open codes and ends every session',
			async () => {
				const created = await invite(alex, joCase, DEMO_VICTIM_EMAIL);
				const tokens = [generateSessionToken(), generateSessionToken()];
				for (const token of tokens) await createSession(db(), token, jo.id, NOW, lifetimes);

				const status = await revokeVictimAccess(db(), alex, joCase, later(1000));

				expect(status).toEqual({
					state: 'revoked',
					account: { email: DEMO_VICTIM_EMAIL, active: false, passwordSet: true },
					invitation: null
				});
				expect(await db().select().from(s.sessions).where(eq(s.sessions.userId, jo.id))).toEqual(
					[]
				);
				for (const token of tokens)
					expect(await validateSessionToken(db(), token, later(2000), lifetimes)).toBeNull();
				expect(await redeemInvitation(db(), created.code, later(2000))).toMatchObject({
					ok: false,
					reason: 'revoked'
				});
				expect((await invitationsOf(joVictim))[0]).toMatchObject({
					revokedAt: later(1000),
					revokedBy: alex.id
				});
			}
		);

		it.runIf(run)('lets a later code, once redeemed, open the account again', async () => {
			await revokeVictimAccess(db(), sam, joCase, NOW);
			const created = await invite(alex, joCase, DEMO_VICTIM_EMAIL, later(HOUR));
			expect(created.status).toMatchObject({ state: 'invited', account: { active: false } });
			expect(await redeemInvitation(db(), created.code, later(2 * HOUR))).toMatchObject({
				ok: true,
				userId: jo.id
			});
			await completeInvitation(db(), created.code, 'new-hash', later(2 * HOUR));
			expect((await victimAccessStatus(db(), alex, joCase, later(3 * HOUR))).state).toBe('active');
		});
	});

	describe('redeeming', () => {
		it.runIf(run)(
			'accepts a code typed in lower case with spaces, naming the account',
			async () => {
				const created = await invite(alex, newCase, 'victim@example.com');
				const [account] = await accountsOf(newVictim);
				const [row] = await invitationsOf(newVictim);
				const typed = created.code.toLowerCase().replaceAll('-', ' ');
				expect(await redeemInvitation(db(), typed, later(HOUR))).toEqual({
					ok: true,
					invitationId: row!.id,
					userId: account!.id,
					victimId: newVictim,
					email: 'victim@example.com'
				});
			}
		);

		it.runIf(run)('changes nothing when it only checks a code', async () => {
			const created = await invite(alex, newCase, 'victim@example.com');
			await redeemInvitation(db(), created.code, later(HOUR));
			expect((await invitationsOf(newVictim))[0]!.redeemedAt).toBeNull();
			expect((await accountsOf(newVictim))[0]!.passwordHash).toBeNull();
		});

		it.runIf(run)('refuses a code that was never given, or cannot be a code', async () => {
			await invite(alex, newCase, 'victim@example.com');
			for (const code of ['ABCD-EFGH-JKMN', 'hello', ''])
				expect(await redeemInvitation(db(), code, NOW)).toEqual({
					ok: false,
					reason: 'not-found',
					message: 'This code is not right. Check it, or ask your caseworker for a new one.'
				});
		});

		it.runIf(run)('refuses an expired code from the moment it expires', async () => {
			const created = await invite(alex, newCase, 'victim@example.com');
			const expiry = later(INVITATION_LIFETIME_MS);
			expect((await redeemInvitation(db(), created.code, new Date(expiry.getTime() - 1))).ok).toBe(
				true
			);
			expect(await redeemInvitation(db(), created.code, expiry)).toEqual({
				ok: false,
				reason: 'expired',
				message: 'This code has expired. Ask your caseworker for a new one.'
			});
			expect(await completeInvitation(db(), created.code, 'hash', expiry)).toMatchObject({
				ok: false,
				reason: 'expired'
			});
			expect((await accountsOf(newVictim))[0]!.passwordHash).toBeNull();
		});

		it.runIf(run)(
			'completing sets the password and email, activates the account and uses up the code',
			async () => {
				const token = generateSessionToken();
				await createSession(db(), token, jo.id, NOW, lifetimes);
				const created = await invite(alex, joCase, 'Jo.New@Example.com');

				const done = await completeInvitation(db(), created.code, 'argon2-hash', later(HOUR));

				expect(done).toMatchObject({ ok: true, userId: jo.id, email: 'jo.new@example.com' });
				expect((await accountsOf(joVictim))[0]).toMatchObject({
					passwordHash: 'argon2-hash',
					email: 'jo.new@example.com',
					active: true
				});
				expect((await invitationsOf(joVictim))[0]!.redeemedAt).toEqual(later(HOUR));
				expect(await validateSessionToken(db(), token, later(HOUR), lifetimes)).toBeNull();
			}
		);

		it.runIf(run)('refuses a code that has been used', async () => {
			const created = await invite(alex, newCase, 'victim@example.com');
			await completeInvitation(db(), created.code, 'argon2-hash', later(HOUR));
			expect(await redeemInvitation(db(), created.code, later(2 * HOUR))).toEqual({
				ok: false,
				reason: 'redeemed',
				message:
					'This code has already been used. Ask your caseworker for a new one if you need it.'
			});
			expect(await completeInvitation(db(), created.code, 'other', later(2 * HOUR))).toMatchObject({
				ok: false,
				reason: 'redeemed'
			});
			expect((await accountsOf(newVictim))[0]!.passwordHash).toBe('argon2-hash');
		});

		it.runIf(run)('redeems a code once when two requests race', async () => {
			const created = await invite(alex, newCase, 'victim@example.com');
			const results = await Promise.all([
				completeInvitation(db(), created.code, 'first', later(HOUR)),
				completeInvitation(db(), created.code, 'second', later(HOUR))
			]);
			expect(results.filter((r) => r.ok)).toHaveLength(1);
			expect(results.filter((r) => !r.ok)).toMatchObject([{ reason: 'redeemed' }]);
		});

		it.runIf(run)(
			'refuses to complete, changing nothing, when the email was taken meanwhile',
			async () => {
				const created = await invite(alex, joCase, 'jo.new@example.com');
				await db()
					.update(s.users)
					.set({ email: 'jo.new@example.com' })
					.where(eq(s.users.id, priya.id));
				expect(await completeInvitation(db(), created.code, 'hash', later(HOUR))).toMatchObject({
					ok: false,
					reason: 'email-taken'
				});
				expect((await invitationsOf(joVictim))[0]!.redeemedAt).toBeNull();
				expect((await accountsOf(joVictim))[0]).toMatchObject({
					email: DEMO_VICTIM_EMAIL,
					active: true
				});
			}
		);
	});
});
