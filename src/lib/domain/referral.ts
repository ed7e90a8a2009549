import { z } from 'zod';
import { Id, Instant } from './primitives';

/** Where a referral to a support service stands (Right 4). */
export const REFERRAL_STATUSES = [
	'offered',
	'declined',
	'made',
	'accepted',
	'rejected',
	'in-progress',
	'closed'
] as const;
export const ReferralStatus = z.enum(REFERRAL_STATUSES, {
	error: 'Choose a referral status from the list'
});
export type ReferralStatus = z.infer<typeof ReferralStatus>;

export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, string> = {
	offered: 'Offered',
	declined: 'Declined by the victim',
	made: 'Referral made',
	accepted: 'Accepted by the service',
	rejected: 'Not accepted by the service',
	'in-progress': 'Support under way',
	closed: 'Support ended'
};

/** One move of a referral through its states, with the reason given: the history is kept. */
export const ReferralMove = z.object({
	from: ReferralStatus.nullable(),
	to: ReferralStatus,
	at: Instant,
	reason: z.string().trim().max(1000),
	by: Id
});
export type ReferralMove = z.infer<typeof ReferralMove>;

export const CONSENTS = ['not-asked', 'given', 'refused'] as const;
export const Consent = z.enum(CONSENTS, { error: 'Say whether the victim agreed to the referral' });
export type Consent = z.infer<typeof Consent>;

export const CONSENT_LABELS: Record<Consent, string> = {
	given: 'Yes, the victim agreed',
	refused: 'No, the victim does not want it',
	'not-asked': 'Not asked yet'
};

export const Referral = z
	.object({
		id: Id,
		caseId: Id,
		serviceId: z.string().min(1, { error: 'Choose a support service' }),
		status: ReferralStatus,
		consent: Consent,
		consentRecordedAt: Instant.nullable(),
		offeredAt: Instant,
		madeAt: Instant.nullable(),
		respondedAt: Instant.nullable(),
		closedAt: Instant.nullable(),
		notes: z.string().trim().max(2000).optional(),
		/** Every move since the referral was created, oldest first (absent on a victim's device). */
		moves: z.array(ReferralMove).default([])
	})
	.superRefine((r, ctx) => {
		// A referral passes personal data to another organisation, so it needs consent (Right 4).
		if (r.madeAt !== null && r.consent !== 'given')
			ctx.addIssue({
				code: 'custom',
				path: ['consent'],
				message: 'A referral can only be made with the victim\u2019s consent'
			});
		if (r.consent !== 'not-asked' && r.consentRecordedAt === null)
			ctx.addIssue({
				code: 'custom',
				path: ['consentRecordedAt'],
				message: 'Record when consent was given or refused'
			});
		if (['made', 'accepted', 'rejected', 'in-progress'].includes(r.status) && r.madeAt === null)
			ctx.addIssue({
				code: 'custom',
				path: ['madeAt'],
				message: 'Record when the referral was made'
			});
		if (['accepted', 'rejected', 'in-progress'].includes(r.status) && r.respondedAt === null)
			ctx.addIssue({
				code: 'custom',
				path: ['respondedAt'],
				message: 'Record when the service replied'
			});
		if (r.status === 'closed' && r.closedAt === null)
			ctx.addIssue({ code: 'custom', path: ['closedAt'], message: 'Record when support ended' });
		if (r.status === 'declined' && r.consent !== 'refused')
			ctx.addIssue({
				code: 'custom',
				path: ['consent'],
				message: 'A declined referral records refused consent'
			});
		if (r.madeAt !== null && r.madeAt < r.offeredAt)
			ctx.addIssue({
				code: 'custom',
				path: ['madeAt'],
				message: 'A referral cannot be made before it was offered'
			});
	});
export type Referral = z.infer<typeof Referral>;

/**
 * Referral moves (Right 4): which status can follow which. A move not listed is refused with the
 * reason shown to the caseworker.
 */
export const REFERRAL_MOVES: Readonly<Record<ReferralStatus, readonly ReferralStatus[]>> = {
	offered: ['made', 'declined'],
	declined: ['offered'],
	made: ['accepted', 'rejected'],
	accepted: ['in-progress', 'closed'],
	rejected: ['offered', 'closed'],
	'in-progress': ['closed'],
	closed: []
};

/** Moves that need a reason: a "no" from the victim or the service, and the end of support. */
export const REFERRAL_MOVES_NEEDING_REASON: ReadonlySet<ReferralStatus> = new Set([
	'declined',
	'rejected',
	'closed'
]);

export function referralMoveRefusal(from: ReferralStatus, to: ReferralStatus): string | null {
	return REFERRAL_MOVES[from].includes(to)
		? null
		: `A referral that is “${REFERRAL_STATUS_LABELS[from].toLowerCase()}” cannot become “${REFERRAL_STATUS_LABELS[to].toLowerCase()}”.`;
}

export type ReferralMoveInput = { to: ReferralStatus; at: string; reason: string; by: string };

/**
 * A referral after a move, with the move kept in its history. Consent follows the move: making a
 * referral records consent given, a decline records it refused, a new offer asks again. Returns a
 * refusal in words when the move is not allowed or needs a reason it lacks.
 */
export function movedReferral(r: Referral, m: ReferralMoveInput): Referral | { refusal: string } {
	const refusal = referralMoveRefusal(r.status, m.to);
	if (refusal) return { refusal };
	if (REFERRAL_MOVES_NEEDING_REASON.has(m.to) && m.reason.trim() === '')
		return { refusal: 'Enter the reason for the change' };
	const next: Referral = {
		...r,
		status: m.to,
		moves: [...r.moves, { from: r.status, to: m.to, at: m.at, reason: m.reason.trim(), by: m.by }]
	};
	if (m.to === 'made')
		Object.assign(next, {
			consent: 'given',
			consentRecordedAt: r.consentRecordedAt ?? m.at,
			madeAt: m.at
		});
	if (m.to === 'declined')
		Object.assign(next, { consent: 'refused', consentRecordedAt: m.at, madeAt: null });
	if (m.to === 'offered')
		Object.assign(next, {
			consent: 'not-asked',
			consentRecordedAt: null,
			madeAt: null,
			respondedAt: null,
			closedAt: null,
			offeredAt: m.at
		});
	if (m.to === 'accepted' || m.to === 'rejected') next.respondedAt = m.at;
	if (m.to === 'closed') next.closedAt = m.at;
	return next;
}

/**
 * A new referral as the caseworker records it. With consent given the referral is made at once;
 * with consent refused it is recorded as declined (which meets the Right 4 duty too); not yet
 * asked, it stands as offered.
 */
export function newReferral(a: {
	id: string;
	caseId: string;
	serviceId: string;
	consent: Consent;
	at: string;
	reason: string;
	notes?: string;
	by: string;
}): Referral {
	const status: ReferralStatus =
		a.consent === 'given' ? 'made' : a.consent === 'refused' ? 'declined' : 'offered';
	return {
		id: a.id,
		caseId: a.caseId,
		serviceId: a.serviceId,
		status,
		consent: a.consent,
		consentRecordedAt: a.consent === 'not-asked' ? null : a.at,
		offeredAt: a.at,
		madeAt: status === 'made' ? a.at : null,
		respondedAt: null,
		closedAt: null,
		...(a.notes ? { notes: a.notes } : {}),
		moves: [{ from: null, to: status, at: a.at, reason: a.reason.trim(), by: a.by }]
	};
}
