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
export const Consent = z.enum(CONSENTS, { error: 'Consent must be not asked, given or refused' });

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
