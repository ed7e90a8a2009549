import { z } from 'zod';
import { Id, Instant, text } from './primitives';
import { CrimeReferenceSystem, CrimeType } from './reference-data';

/** Stored as free text with its system: CRIS and CONNECT formats are not public, so no format check. */
export const CrimeReference = z.object({
	system: CrimeReferenceSystem,
	value: text('Crime reference', 64)
});
export type CrimeReference = z.infer<typeof CrimeReference>;

export const CASE_STATUSES = ['open', 'closed'] as const;
export const CaseStatus = z.enum(CASE_STATUSES, { error: 'Case status must be open or closed' });
export type CaseStatus = z.infer<typeof CaseStatus>;

/** The longest reason a move of a case may give: the history and the form that writes it agree. */
export const ASSIGNMENT_REASON_MAX = 500;

/** One entry in a case's append-only assignment history. */
export const Assignment = z.object({
	id: Id,
	caseId: Id,
	caseworkerId: Id,
	assignedAt: Instant,
	/** Who made the assignment: a supervisor, or null for the initial import. */
	assignedBy: Id.nullable(),
	reason: text('Reason', ASSIGNMENT_REASON_MAX)
});
export type Assignment = z.infer<typeof Assignment>;

const CHOOSE_CASEWORKER = 'Choose the caseworker to move the case to';
const MISSING_REASON = 'Enter the reason for the move';

/**
 * A supervisor moving a case to another caseworker (online only, `POST /api/cases/[id]/assignment`).
 * The reason is kept in the assignment history, so it follows the history's rule, in the form's words.
 */
export const ReassignRequest = z.object(
	{
		toCaseworkerId: z
			.string({ error: CHOOSE_CASEWORKER })
			.min(1, { error: CHOOSE_CASEWORKER })
			.pipe(Id),
		reason: z
			.string({ error: MISSING_REASON })
			.pipe(text('Reason for the move', ASSIGNMENT_REASON_MAX, MISSING_REASON))
	},
	{ error: 'Send the caseworker and the reason as a JSON object' }
);
export type ReassignRequest = z.infer<typeof ReassignRequest>;

export const Case = z
	.object({
		id: Id,
		victimId: Id,
		teamId: Id,
		crimeType: CrimeType,
		crimeReference: CrimeReference,
		/** When the crime was reported: the trigger for Rights 3 and 4. */
		reportedAt: Instant,
		assignedCaseworkerId: Id,
		status: CaseStatus,
		closedAt: Instant.nullable(),
		createdAt: Instant
	})
	.superRefine((c, ctx) => {
		if (c.status === 'closed' && c.closedAt === null)
			ctx.addIssue({
				code: 'custom',
				path: ['closedAt'],
				message: 'A closed case needs the date it closed'
			});
		if (c.status === 'open' && c.closedAt !== null)
			ctx.addIssue({
				code: 'custom',
				path: ['closedAt'],
				message: 'An open case cannot have a closing date'
			});
		if (c.closedAt !== null && c.closedAt < c.reportedAt)
			ctx.addIssue({
				code: 'custom',
				path: ['closedAt'],
				message: 'A case cannot close before it was reported'
			});
	});
export type Case = z.infer<typeof Case>;

/**
 * Things that happen on a case and start a Victims' Code clock (domain brief, "Clocks").
 * `receivedAt` is when the hub heard of it, which is when most clocks start; `occurredAt`
 * is the event's own date, which may be earlier.
 */
export const CASE_EVENT_KINDS = [
	'decision',
	'bail-outcome',
	'to-give-evidence',
	'case-outcome',
	'sentence',
	'complaint'
] as const;
export const CaseEventKind = z.enum(CASE_EVENT_KINDS, {
	error: 'Choose a kind of event from the list'
});
export type CaseEventKind = z.infer<typeof CaseEventKind>;

/** Investigation and prosecution decisions that start the Right 6 clock. */
export const DECISIONS = [
	'arrest',
	'interview',
	'released-without-charge',
	'bail',
	'released-under-investigation',
	'bail-conditions-changed',
	'charge',
	'no-further-action'
] as const;
export const Decision = z.enum(DECISIONS, { error: 'Choose a decision from the list' });

export const CaseEvent = z
	.object({
		id: Id,
		caseId: Id,
		kind: CaseEventKind,
		decision: Decision.nullable(),
		/** Custody months for a sentence (Right 11 needs 12 months or more); null otherwise. */
		custodyMonths: z.number().int().min(0).max(1200).nullable(),
		detail: text('Detail', 2000),
		occurredAt: Instant,
		receivedAt: Instant,
		recordedBy: Id,
		recordedAt: Instant
	})
	.superRefine((e, ctx) => {
		if (e.kind === 'decision' && e.decision === null)
			ctx.addIssue({ code: 'custom', path: ['decision'], message: 'Say which decision was made' });
		if (e.kind !== 'decision' && e.decision !== null)
			ctx.addIssue({
				code: 'custom',
				path: ['decision'],
				message: 'Only a decision event names a decision'
			});
		if (e.kind !== 'sentence' && e.custodyMonths !== null)
			ctx.addIssue({
				code: 'custom',
				path: ['custodyMonths'],
				message: 'Only a sentence has custody months'
			});
		if (e.receivedAt < e.occurredAt)
			ctx.addIssue({
				code: 'custom',
				path: ['receivedAt'],
				message: 'The hub cannot receive news of an event before it happened'
			});
	});
export type CaseEvent = z.infer<typeof CaseEvent>;
