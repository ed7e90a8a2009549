import { z } from 'zod';
import { Id, Instant, text } from './primitives';
import { HearingState, HearingType } from './reference-data';

export const Hearing = z.object({
	id: Id,
	caseId: Id,
	courtId: z.string().min(1, { error: 'Choose a court' }),
	courtroom: z.string().trim().max(40).nullable(),
	type: HearingType,
	startsAt: Instant,
	state: HearingState,
	createdAt: Instant
});
export type Hearing = z.infer<typeof Hearing>;

/** The hearing fields whose every change is kept in the history. */
export const HEARING_FIELDS = ['courtId', 'courtroom', 'type', 'startsAt', 'state'] as const;
export const HearingField = z.enum(HEARING_FIELDS, { error: 'Unknown hearing field' });
export type HearingField = z.infer<typeof HearingField>;

export const HEARING_CHANGE_SOURCES = [
	'court-listing',
	'witness-care-unit',
	'cps',
	'police',
	'defence',
	'victim',
	'caseworker',
	'other'
] as const;
export const HearingChangeSource = z.enum(HEARING_CHANGE_SOURCES, {
	error: 'Choose where the news came from'
});
export type HearingChangeSource = z.infer<typeof HearingChangeSource>;

export const HEARING_CHANGE_SOURCE_LABELS: Record<HearingChangeSource, string> = {
	'court-listing': 'Court listing',
	'witness-care-unit': 'Witness Care Unit',
	cps: 'Crown Prosecution Service',
	police: 'Police',
	defence: 'Defence',
	victim: 'Victim',
	caseworker: 'Caseworker',
	other: 'Other'
};

export const FieldChange = z
	.object({
		field: HearingField,
		/** Null when the hearing is first listed. */
		from: z.string().nullable(),
		to: z.string().nullable()
	})
	.refine((c) => c.from !== c.to, { path: ['to'], message: 'A change must change the value' });
export type FieldChange = z.infer<typeof FieldChange>;

/**
 * One entry in a hearing's append-only history: a notice the hub received (first listing,
 * adjournment, relisting, vacation, move) with every field it changed. `receivedAt` is when
 * the hub heard of it and starts the Right 8 clock; `recordedAt` is when it was typed in.
 */
export const HearingChange = z
	.object({
		id: Id,
		hearingId: Id,
		caseId: Id,
		changes: z
			.array(FieldChange)
			.min(1, { error: 'A hearing change must change at least one field' }),
		reason: text('Reason', 1000, 'Enter the reason given for the change'),
		source: HearingChangeSource,
		receivedAt: Instant,
		recordedAt: Instant,
		recordedBy: Id
	})
	.superRefine((c, ctx) => {
		const fields = c.changes.map((f) => f.field);
		if (new Set(fields).size !== fields.length)
			ctx.addIssue({
				code: 'custom',
				path: ['changes'],
				message: 'Each field can change only once per notice'
			});
		if (c.recordedAt < c.receivedAt)
			ctx.addIssue({
				code: 'custom',
				path: ['recordedAt'],
				message: 'A change cannot be recorded before it was received'
			});
	});
export type HearingChange = z.infer<typeof HearingChange>;

/**
 * The victim saying "I have seen this" about one hearing change, from their portal: the caseworker
 * then knows the news reached them. At most one per change.
 */
export const HearingChangeAcknowledgement = z.object({
	id: Id,
	caseId: Id,
	hearingChangeId: Id,
	acknowledgedBy: Id,
	acknowledgedAt: Instant
});
export type HearingChangeAcknowledgement = z.infer<typeof HearingChangeAcknowledgement>;

/**
 * Whether a history entry is the hearing's first listing rather than a change: everything from
 * nothing, the date included. (A change can also set a field from nothing, say a courtroom the
 * first notice did not give, but never the date, which a hearing always has.)
 */
export const isFirstListing = (changes: readonly Pick<FieldChange, 'field' | 'from'>[]) =>
	changes.every((c) => c.from === null) && changes.some((c) => c.field === 'startsAt');

/** A new hearing's first listing as history: every field it is listed with, from nothing. */
export function firstListing(h: Hearing): FieldChange[] {
	return HEARING_FIELDS.filter((f) => h[f] !== null).map((field) => ({
		field,
		from: null,
		to: h[field]
	}));
}
