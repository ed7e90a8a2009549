import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, asc, desc, eq, gt, isNull, ne } from 'drizzle-orm';
import { z } from 'zod';
import {
	canSeeCase,
	canWorkOnCase,
	Email,
	fieldErrors,
	Id,
	newId,
	type Actor,
	type CaseAccess,
	type FieldErrors
} from '$lib/domain';
import { invalidateUserSessions } from './auth/session';
import { recordAudit } from './audit/record';
import type { Database } from './db';
import { loadCaseAccess } from './queries/case-access';
import { users, victimInvitations, victims } from './db/schema';

/**
 * The victim's portal account, managed by staff online: a caseworker gives the victim a one-time
 * code (shown once), which the victim later uses to set their own password; staff can also revoke
 * the account. Only the SHA-256 of a code is stored, as for session tokens (`auth/session.ts`).
 */

/** How long a code works: long enough to reach a victim who is hard to contact safely. */
export const INVITATION_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;

/**
 * Letters and digits a person can read aloud and type without confusion: no 0/O, 1/I/L. Twelve
 * of the 31 give about 59 bits, far beyond guessing while redemption is throttled and codes expire.
 */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 12;
const CODE_GROUP = 4;

export type VictimAccessState = 'none' | 'invited' | 'active' | 'revoked';

/** What staff may know about a victim's portal access. Never the code, which is not kept. */
export type VictimAccessStatus = {
	state: VictimAccessState;
	account: { email: string; active: boolean; passwordSet: boolean } | null;
	/** The open invitation: neither redeemed, revoked nor expired. */
	invitation: { email: string; createdAt: string; expiresAt: string } | null;
};

export type InvitationCreated = {
	/** Shown to the caseworker once, grouped for reading aloud: `ABCD-EFGH-JKMN`. */
	code: string;
	expiresAt: string;
	status: VictimAccessStatus;
};

export type RedemptionRefusal = 'not-found' | 'expired' | 'revoked' | 'redeemed' | 'email-taken';
export type RedemptionResult =
	| { ok: true; invitationId: string; userId: string; victimId: string; email: string }
	| { ok: false; reason: RedemptionRefusal; message: string };

/** A refusal the caller can act on, with its HTTP status and, for bad input, the field it is about. */
export class VictimAccessError extends Error {
	override name = 'VictimAccessError';
	constructor(
		readonly status: 400 | 403 | 404 | 409,
		message: string,
		readonly fields: FieldErrors = {}
	) {
		super(message);
	}
}

const MISSING_EMAIL = 'Enter the victim’s email address';

/** What the invite form sends: the address the victim will sign in with. */
export const InvitationRequest = z.object({
	email: z.string({ error: MISSING_EMAIL }).trim().min(1, { error: MISSING_EMAIL }).pipe(Email)
});
export type InvitationRequest = z.infer<typeof InvitationRequest>;

const REDEMPTION_MESSAGES: Record<RedemptionRefusal, string> = {
	'not-found': 'This code is not right. Check it, or ask your caseworker for a new one.',
	expired: 'This code has expired. Ask your caseworker for a new one.',
	revoked: 'This code has been cancelled. Ask your caseworker for a new one.',
	redeemed: 'This code has already been used. Ask your caseworker for a new one if you need it.',
	'email-taken':
		'The email address for this code is now used by another account. Ask your caseworker for a new code.'
};

/**
 * Who may invite a victim, see their portal access or revoke it: the case's assigned caseworker,
 * or a supervisor of the case's team (the same people who can see the case as staff).
 */
export function victimAccessRefusal(actor: Actor, c: CaseAccess): string | null {
	if (canWorkOnCase(actor, c)) return null;
	if (actor.role === 'supervisor' && canSeeCase(actor, c)) return null;
	switch (actor.role) {
		case 'caseworker':
			return 'This case is not assigned to you, so you cannot manage the victim’s portal access.';
		case 'supervisor':
			return 'This case is not in your team, so you cannot manage the victim’s portal access.';
		case 'victim':
			return 'Only the caseworker assigned to the case or a supervisor of its team can manage portal access.';
	}
}

/** A new code from the platform CSPRNG, uniform over the alphabet (bytes past 248 are dropped). */
export function generateInvitationCode(): string {
	const limit = 256 - (256 % CODE_ALPHABET.length);
	const chars: string[] = [];
	while (chars.length < CODE_LENGTH) {
		const bytes = new Uint8Array(CODE_LENGTH * 2);
		crypto.getRandomValues(bytes);
		for (const b of bytes)
			if (b < limit && chars.length < CODE_LENGTH)
				chars.push(CODE_ALPHABET[b % CODE_ALPHABET.length]!);
	}
	return formatCode(chars.join(''));
}

/** `ABCDEFGHJKMN` → `ABCD-EFGH-JKMN`. */
export function formatCode(canonical: string): string {
	const groups: string[] = [];
	for (let i = 0; i < canonical.length; i += CODE_GROUP)
		groups.push(canonical.slice(i, i + CODE_GROUP));
	return groups.join('-');
}

/**
 * A code as typed (any case, with or without spaces and hyphens) in its one stored form, or null
 * when it cannot be a code at all.
 */
export function canonicalCode(typed: string): string | null {
	const canonical = typed.toUpperCase().replace(/[\s\-‐‑–—]/g, '');
	if (canonical.length !== CODE_LENGTH) return null;
	for (const ch of canonical) if (!CODE_ALPHABET.includes(ch)) return null;
	return canonical;
}

export function invitationCodeHash(canonical: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(canonical)));
}

/** The case, checked against the caller's rights, or a 404/403 saying why not. */
async function caseForAccess(tx: Database, actor: Actor, caseId: string) {
	if (!Id.safeParse(caseId).success) throw new VictimAccessError(404, 'There is no such case.');
	const c = await loadCaseAccess(tx, caseId);
	if (!c) throw new VictimAccessError(404, 'There is no such case.');
	const refusal = victimAccessRefusal(actor, c);
	if (refusal) throw new VictimAccessError(403, refusal);
	return c;
}

/** The victim's account, if one was ever made (the first invitation makes it). */
async function victimUser(tx: Database, victimId: string) {
	const [user] = await tx
		.select()
		.from(users)
		.where(and(eq(users.victimId, victimId), eq(users.role, 'victim')))
		.orderBy(asc(users.createdAt))
		.limit(1);
	return user;
}

/** Invitations not yet redeemed or revoked (expired ones included: they are settled by revoking). */
const unsettled = (victimId: string) =>
	and(
		eq(victimInvitations.victimId, victimId),
		isNull(victimInvitations.redeemedAt),
		isNull(victimInvitations.revokedAt)
	);

/**
 * Serialises invitations and revocations for one victim: without it two caseworkers inviting at
 * once would both revoke "the earlier one" and then collide on the one-open-invitation index.
 */
async function lockVictim(tx: Database, victimId: string) {
	await tx.select({ id: victims.id }).from(victims).where(eq(victims.id, victimId)).for('update');
}

async function statusOf(tx: Database, victimId: string, now: Date): Promise<VictimAccessStatus> {
	const user = await victimUser(tx, victimId);
	const [open] = await tx
		.select({
			email: victimInvitations.email,
			createdAt: victimInvitations.createdAt,
			expiresAt: victimInvitations.expiresAt
		})
		.from(victimInvitations)
		.where(and(unsettled(victimId), gt(victimInvitations.expiresAt, now)))
		.orderBy(desc(victimInvitations.createdAt))
		.limit(1);
	const account = user
		? { email: user.email, active: user.active, passwordSet: user.passwordHash !== null }
		: null;
	const state: VictimAccessState = open
		? 'invited'
		: account && !account.active
			? 'revoked'
			: account?.passwordSet
				? 'active'
				: 'none';
	return {
		state,
		account,
		invitation: open
			? {
					email: open.email,
					createdAt: open.createdAt.toISOString(),
					expiresAt: open.expiresAt.toISOString()
				}
			: null
	};
}

/** The victim's portal access as the case's caseworker or supervisor may see it. */
export async function victimAccessStatus(
	db: Database,
	actor: Actor,
	caseId: string,
	now = new Date()
): Promise<VictimAccessStatus> {
	const c = await caseForAccess(db, actor, caseId);
	await recordAudit(
		db,
		actor,
		[{ action: 'case.read-online', caseId: c.id, detail: { endpoint: 'victim-access' } }],
		now
	);
	return statusOf(db, c.victimId, now);
}

/**
 * Makes a new one-time code for the case's victim and returns it; only its hash is kept. Any
 * earlier unredeemed code stops working. The first invitation makes the victim's account, with no
 * password (so it cannot be signed in to) until the code is redeemed.
 */
export async function createInvitation(
	db: Database,
	actor: Actor,
	input: { caseId: string; body: unknown },
	now = new Date()
): Promise<InvitationCreated> {
	return db.transaction(async (tx) => {
		const c = await caseForAccess(tx, actor, input.caseId);
		const parsed = InvitationRequest.safeParse(input.body);
		if (!parsed.success) {
			const errors = fieldErrors(parsed.error);
			throw new VictimAccessError(400, Object.values(errors)[0] ?? MISSING_EMAIL, errors);
		}
		const { email } = parsed.data;
		await lockVictim(tx, c.victimId);
		let user = await victimUser(tx, c.victimId);
		await assertEmailFree(tx, email, c.victimId, user?.id);
		if (!user) {
			const [victim] = await tx
				.select({ givenName: victims.givenName, familyName: victims.familyName })
				.from(victims)
				.where(eq(victims.id, c.victimId));
			[user] = await tx
				.insert(users)
				.values({
					id: newId(),
					email,
					displayName: `${victim!.givenName} ${victim!.familyName}`,
					role: 'victim',
					teamId: null,
					victimId: c.victimId,
					passwordHash: null,
					active: true,
					createdAt: now
				})
				.returning();
		}
		await tx
			.update(victimInvitations)
			.set({ revokedAt: now, revokedBy: actor.id })
			.where(unsettled(c.victimId));
		const code = generateInvitationCode();
		const expiresAt = new Date(now.getTime() + INVITATION_LIFETIME_MS);
		await tx.insert(victimInvitations).values({
			id: newId(),
			victimId: c.victimId,
			caseId: c.id,
			userId: user!.id,
			email,
			codeHash: invitationCodeHash(canonicalCode(code)!),
			createdBy: actor.id,
			createdAt: now,
			expiresAt
		});
		await recordAudit(
			tx,
			actor,
			[{ action: 'victim-access.changed', caseId: c.id, detail: { change: 'invited' } }],
			now
		);
		return {
			code,
			expiresAt: expiresAt.toISOString(),
			status: await statusOf(tx, c.victimId, now)
		};
	});
}

/**
 * Sign-in emails are unique: refuse one that belongs to another account, or that another victim's
 * open invitation will claim when it is redeemed.
 */
async function assertEmailFree(
	tx: Database,
	email: string,
	victimId: string,
	userId: string | undefined
) {
	const [taken] = await tx
		.select({ id: users.id })
		.from(users)
		.where(userId ? and(eq(users.email, email), ne(users.id, userId)) : eq(users.email, email))
		.limit(1);
	const [claimed] = taken
		? [undefined]
		: await tx
				.select({ id: victimInvitations.id })
				.from(victimInvitations)
				.where(
					and(
						eq(victimInvitations.email, email),
						ne(victimInvitations.victimId, victimId),
						isNull(victimInvitations.redeemedAt),
						isNull(victimInvitations.revokedAt)
					)
				)
				.limit(1);
	if (taken || claimed) {
		const message = 'This email address is used by another account. Enter a different one.';
		throw new VictimAccessError(409, message, { email: message });
	}
}

/**
 * Ends the victim's portal access: the account is deactivated, open codes are revoked and every
 * session is deleted, so a signed-in victim is out at their next request. A later invitation,
 * once redeemed, lets them in again. Revoking what is already revoked changes nothing.
 */
export async function revokeVictimAccess(
	db: Database,
	actor: Actor,
	caseId: string,
	now = new Date()
): Promise<VictimAccessStatus> {
	return db.transaction(async (tx) => {
		const c = await caseForAccess(tx, actor, caseId);
		await lockVictim(tx, c.victimId);
		await tx
			.update(victimInvitations)
			.set({ revokedAt: now, revokedBy: actor.id })
			.where(unsettled(c.victimId));
		const accounts = await tx
			.update(users)
			.set({ active: false })
			.where(and(eq(users.victimId, c.victimId), eq(users.role, 'victim')))
			.returning({ id: users.id });
		for (const { id } of accounts) await invalidateUserSessions(tx, id);
		await recordAudit(
			tx,
			actor,
			[{ action: 'victim-access.changed', caseId: c.id, detail: { change: 'revoked' } }],
			now
		);
		return statusOf(tx, c.victimId, now);
	});
}

/** Why an invitation row cannot be redeemed at `now`, or null when it can. */
function refusalOf(
	row: { redeemedAt: Date | null; revokedAt: Date | null; expiresAt: Date } | undefined,
	now: Date
): RedemptionRefusal | null {
	if (!row) return 'not-found';
	if (row.redeemedAt) return 'redeemed';
	if (row.revokedAt) return 'revoked';
	if (now >= row.expiresAt) return 'expired';
	return null;
}

const refused = (reason: RedemptionRefusal): RedemptionResult => ({
	ok: false,
	reason,
	message: REDEMPTION_MESSAGES[reason]
});

async function findInvitation(tx: Database, typed: string, forUpdate: boolean) {
	const canonical = canonicalCode(typed);
	if (!canonical) return undefined;
	const query = tx
		.select()
		.from(victimInvitations)
		.where(eq(victimInvitations.codeHash, invitationCodeHash(canonical)))
		.limit(1);
	const [row] = forUpdate ? await query.for('update') : await query;
	return row;
}

/**
 * Checks a code a victim typed, changing nothing: whose account it opens, or why it is refused.
 * The page that sets the password calls this first, then `completeInvitation` with the hash.
 */
export async function redeemInvitation(
	db: Database,
	code: string,
	now = new Date()
): Promise<RedemptionResult> {
	const row = await findInvitation(db, code, false);
	const reason = refusalOf(row, now);
	if (reason || !row) return refused(reason ?? 'not-found');
	return {
		ok: true,
		invitationId: row.id,
		userId: row.userId,
		victimId: row.victimId,
		email: row.email
	};
}

/**
 * Redeems a code in one transaction: the invitation is marked used, the account takes the
 * password hash and the invitation's email and is active again, and any other session of the
 * account ends (a password set this way replaces whatever was there). The row lock makes a code
 * work once even when two requests race.
 */
export async function completeInvitation(
	db: Database,
	code: string,
	passwordHash: string,
	now = new Date()
): Promise<RedemptionResult> {
	return db.transaction(async (tx) => {
		const row = await findInvitation(tx, code, true);
		const reason = refusalOf(row, now);
		if (reason || !row) return refused(reason ?? 'not-found');
		const [taken] = await tx
			.select({ id: users.id })
			.from(users)
			.where(and(eq(users.email, row.email), ne(users.id, row.userId)))
			.limit(1);
		if (taken) return refused('email-taken');
		await tx
			.update(victimInvitations)
			.set({ redeemedAt: now })
			.where(eq(victimInvitations.id, row.id));
		await tx
			.update(users)
			.set({ passwordHash, email: row.email, active: true })
			.where(eq(users.id, row.userId));
		await invalidateUserSessions(tx, row.userId);
		return {
			ok: true,
			invitationId: row.id,
			userId: row.userId,
			victimId: row.victimId,
			email: row.email
		};
	});
}
