import { z } from 'zod';
import { Contact } from './contact';
import { HearingChangeSource } from './hearing';
import { Id, Instant, text } from './primitives';
import { HearingState, HearingType, LONDON_COURTS, RightNumber } from './reference-data';
import { Consent, ReferralStatus } from './referral';
import { RightStatus } from './rights-record';
import { ENHANCED_RIGHTS_ACTIONS, EnhancedRightsGroup } from './victim';
import { VictimFieldValues } from './victim-changes';

/**
 * The sync protocol between a browser and the server (ARCHITECTURE.md, "Sync"). Every change is a
 * named mutation with a client sequence number; the server applies each exactly once, in order.
 */

/* ---------------------------------------------------------------------------------------------- */
/* Mutations                                                                                        */

/** A contact as the device records it; the server adds who recorded it, from the session. */
export const RecordContactArgs = Contact.omit({ recordedBy: true });
export type RecordContactArgs = z.infer<typeof RecordContactArgs>;

/** A court from the reference data: an unknown one is refused with the reason. */
export const CourtId = z
	.string({ error: 'Choose a court' })
	.min(1, { error: 'Choose a court' })
	.refine((id) => LONDON_COURTS.some((c) => c.id === id), {
		error: 'Choose a court from the list'
	});

export const HearingFieldValues = z
	.object({
		courtId: CourtId,
		courtroom: z.string().trim().max(40).nullable(),
		type: HearingType,
		startsAt: Instant,
		state: HearingState
	})
	.partial()
	.refine((v) => Object.keys(v).length > 0, {
		message: 'Change at least one field of the hearing'
	});
export type HearingFieldValues = z.infer<typeof HearingFieldValues>;

export const UpdateHearingArgs = z.object({
	hearingId: Id,
	/** The hearing's version the change was made against: fields changed since then conflict. */
	baseVersion: z.number().int().min(0),
	/** Id for the history entry this change becomes. */
	changeId: Id,
	values: HearingFieldValues,
	reason: text('Reason', 1000, 'Enter the reason given for the change'),
	source: HearingChangeSource,
	receivedAt: Instant
});
export type UpdateHearingArgs = z.infer<typeof UpdateHearingArgs>;

/** A hearing the hub has been told of: its first listing, which starts the Right 8 clock. */
export const AddHearingArgs = z.object({
	id: Id,
	caseId: Id,
	/** Id for the history entry of the first listing. */
	changeId: Id,
	courtId: CourtId,
	courtroom: z
		.string()
		.trim()
		.max(40, { error: 'Courtroom must be 40 characters or fewer' })
		.transform((v) => v || null)
		.nullable(),
	type: HearingType,
	startsAt: Instant,
	source: HearingChangeSource,
	receivedAt: Instant
});
export type AddHearingArgs = z.infer<typeof AddHearingArgs>;

export const UpdateVictimArgs = z.object({
	victimId: Id,
	/** The case the change is made through: it decides who may make it. */
	caseId: Id,
	/** The victim record's version the change was made against: fields changed since conflict. */
	baseVersion: z.number().int().min(0),
	/** Id for the history entry this change becomes. */
	changeId: Id,
	values: VictimFieldValues,
	changedAt: Instant
});
export type UpdateVictimArgs = z.infer<typeof UpdateVictimArgs>;

/** The victim has seen a change to one of their hearings (from the portal). */
export const AcknowledgeHearingChangeArgs = z.object({
	caseId: Id,
	hearingChangeId: Id,
	/** Id for the acknowledgement row; a repeat for the same change is a no-op. */
	acknowledgementId: Id,
	acknowledgedAt: Instant
});
export type AcknowledgeHearingChangeArgs = z.infer<typeof AcknowledgeHearingChangeArgs>;

const Reason = z
	.string({ error: 'Reason must be text' })
	.trim()
	.max(1000, { error: 'Reason must be 1000 characters or fewer' });

export const MoveReferralArgs = z.object({
	referralId: Id,
	to: ReferralStatus,
	at: Instant,
	/** Needed for a decline, a refusal by the service and the end of support. */
	reason: Reason.default('')
});
export type MoveReferralArgs = z.infer<typeof MoveReferralArgs>;

export const CreateReferralArgs = z.object({
	id: Id,
	caseId: Id,
	serviceId: z
		.string({ error: 'Choose a support service' })
		.min(1, { error: 'Choose a support service' }),
	consent: Consent,
	at: Instant,
	reason: Reason.default(''),
	notes: z.string().trim().max(2000, { error: 'Notes must be 2000 characters or fewer' }).optional()
});
export type CreateReferralArgs = z.infer<typeof CreateReferralArgs>;

/** Where a right stands for a case: explained, delivered or not applicable, with a note. */
export const UpdateRightArgs = z.object({
	/** The record's id: a new one when the right has no record yet. */
	id: Id,
	caseId: Id,
	rightNumber: RightNumber,
	status: RightStatus,
	evidence: z
		.string({ error: 'Note must be text' })
		.trim()
		.max(2000, { error: 'Note must be 2000 characters or fewer' }),
	detail: z.string().max(40).nullable(),
	/** The record's version the change was made against; 0 for a right with no record yet. */
	baseVersion: z.number().int().min(0),
	at: Instant
});
export type UpdateRightArgs = z.infer<typeof UpdateRightArgs>;

export const ChangeEnhancedRightsArgs = z.object({
	victimId: Id,
	caseId: Id,
	action: z.enum(ENHANCED_RIGHTS_ACTIONS, { error: 'Choose to add or end the group' }),
	group: EnhancedRightsGroup,
	reason: text('Reason', 500, 'Enter the reason'),
	at: Instant
});
export type ChangeEnhancedRightsArgs = z.infer<typeof ChangeEnhancedRightsArgs>;

export const ResolveConflictArgs = z.object({
	conflictId: Id,
	/** Keep the value already on the server, or the one from this device. */
	keep: z.enum(['server', 'client'], { error: 'Choose which value to keep' }),
	/** Id for the history entry (hearing or victim) the resolution writes. */
	changeId: Id
});
export type ResolveConflictArgs = z.infer<typeof ResolveConflictArgs>;

export const MUTATION_ARGS = {
	'contact.record': RecordContactArgs,
	'hearing.add': AddHearingArgs,
	'hearing.update': UpdateHearingArgs,
	'hearing.acknowledge': AcknowledgeHearingChangeArgs,
	'victim.update': UpdateVictimArgs,
	'victim.enhancedRights': ChangeEnhancedRightsArgs,
	'referral.create': CreateReferralArgs,
	'referral.move': MoveReferralArgs,
	'right.update': UpdateRightArgs,
	'conflict.resolve': ResolveConflictArgs
} as const;
export type MutationName = keyof typeof MUTATION_ARGS;
export const MUTATION_NAMES = Object.keys(MUTATION_ARGS) as MutationName[];

/* ---------------------------------------------------------------------------------------------- */
/* Push and pull                                                                                    */

export const MAX_PUSH_MUTATIONS = 100;

export const PushedMutation = z.object({
	seq: z.number().int().min(1),
	id: Id,
	name: z.enum(MUTATION_NAMES as [MutationName, ...MutationName[]], {
		error: `Unknown mutation: expected one of ${MUTATION_NAMES.join(', ')}`
	}),
	/** Checked against the mutation's own schema when applied; absent or null is never a change. */
	args: z.unknown().refine((v): boolean => v !== undefined && v !== null, {
		error: "Send the mutation's arguments (args)"
	})
});
export type PushedMutation = z.infer<typeof PushedMutation>;

export const PushRequest = z
	.object({
		clientId: Id,
		mutations: z.array(PushedMutation).min(1).max(MAX_PUSH_MUTATIONS)
	})
	.superRefine((r, ctx) => {
		r.mutations.forEach((m, i) => {
			if (i > 0 && m.seq !== r.mutations[i - 1]!.seq + 1)
				ctx.addIssue({
					code: 'custom',
					path: ['mutations', i, 'seq'],
					message: `Sequence numbers must follow on without gaps: expected ${r.mutations[i - 1]!.seq + 1}, got ${m.seq}`
				});
		});
	});
export type PushRequest = z.infer<typeof PushRequest>;

export const MutationStatus = z.enum(['applied', 'rejected', 'conflict']);
export type MutationStatus = z.infer<typeof MutationStatus>;

export const PushResponse = z.object({
	/** Every mutation up to this sequence number is settled on the server: drop it from the outbox. */
	ackSeq: z.number().int().min(0),
	results: z.array(
		z.object({
			seq: z.number().int(),
			id: Id,
			status: MutationStatus,
			reason: z.string().nullable()
		})
	)
});
export type PushResponse = z.infer<typeof PushResponse>;

/**
 * A staff member opened a case on their device (issue 10: every read by staff is audited). Staff
 * read from IndexedDB, so the server cannot see the read itself: the device queues the view and
 * sends it on the sync round after its changes, so a view made with no signal reaches the audit
 * trail when the device next syncs. Not a mutation in the outbox: it changes no record, must not
 * count as a "change waiting to sync" nor hold up signing out, and its order does not matter. The
 * id makes it idempotent: the server's audit row takes it, so a view sent twice is recorded once.
 */
export const ViewedCase = z.object({ id: Id, caseId: Id, viewedAt: Instant });
export type ViewedCase = z.infer<typeof ViewedCase>;

export const MAX_PUSH_VIEWS = 100;

export const ViewsRequest = z.object({
	views: z.array(ViewedCase).min(1).max(MAX_PUSH_VIEWS)
});
export type ViewsRequest = z.infer<typeof ViewsRequest>;

/** Every view sent is settled: recorded (now or before), or refused with the reason. */
export const ViewsResponse = z.object({
	recorded: z.array(Id),
	refused: z.array(z.object({ id: Id, reason: z.string() }))
});
export type ViewsResponse = z.infer<typeof ViewsResponse>;

/** Position in the server's change stream: version, then table, then id. */
export const PullCursor = z.object({
	v: z.number().int().min(-1),
	t: z.number().int().min(0),
	id: z.uuid({ error: 'The cursor id must be a UUID' }),
	/**
	 * The tombstone horizon the device's copy is whole under: set by the server when it has one.
	 * A device whose download began after tombstones were removed missed nothing by their removal.
	 */
	h: z.number().int().min(0).optional()
});
export type PullCursor = z.infer<typeof PullCursor>;
export const INITIAL_CURSOR: PullCursor = {
	v: -1,
	t: 0,
	id: '00000000-0000-0000-0000-000000000000'
};

export const PullRequest = z.object({
	cursor: PullCursor.nullable(),
	limit: z.number().int().min(1).max(10_000).optional(),
	/** Hash of the case ids the client holds: the server sends the full list only when it differs. */
	scopeHash: z.string().max(64).nullable().optional()
});
export type PullRequest = z.infer<typeof PullRequest>;

/** The synced tables, in the fixed order the cursor counts them. */
export const SYNC_TABLES = [
	'cases',
	'victims',
	'caseAssignments',
	'caseEvents',
	'hearings',
	'hearingChanges',
	'referrals',
	'contacts',
	'rightsRecords',
	'obligationWaivers',
	'conflicts',
	'victimChanges',
	'hearingChangeAcknowledgements'
] as const;
export type SyncTable = (typeof SYNC_TABLES)[number];

export type SyncRow = Record<string, unknown> & { id: string; version: number };
const isSyncRow = (v: unknown): v is SyncRow =>
	typeof v === 'object' &&
	v !== null &&
	typeof (v as SyncRow).id === 'string' &&
	typeof (v as SyncRow).version === 'number';

export const PullResponse = z.object({
	cursor: PullCursor,
	hasMore: z.boolean(),
	/**
	 * Rows by table; each row has its `id` and `version`. Only that is checked here: every record
	 * is parsed with its domain schema when it is read (and set aside if it fails), so checking
	 * every field of tens of thousands of rows twice would only slow the first download.
	 */
	changes: z.partialRecord(
		z.enum(SYNC_TABLES),
		z.array(z.custom<SyncRow>(isSyncRow, { error: 'Each row needs an id and a version' }))
	),
	/** Present when the caller's visible cases differ from the client's: purge anything else. */
	scope: z.object({ caseIds: z.array(Id), hash: z.string() }).nullable(),
	/** How many rows the whole download has, on a first pull: for a progress bar. */
	total: z.number().int().nullable(),
	/**
	 * The cursor is older than the tombstone horizon: deletions since then can no longer be sent,
	 * so the device must drop its synced rows (never its outbox) and pull again from the start.
	 * Never sent for a pull from the start, so a reset cannot repeat itself.
	 */
	reset: z.literal(true).optional()
});
export type PullResponse = z.infer<typeof PullResponse>;
