import { z } from 'zod';
import { Contact } from './contact';
import { HearingChangeSource } from './hearing';
import { Id, Instant, text } from './primitives';
import { HearingState, HearingType } from './reference-data';
import { ReferralStatus } from './referral';
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

export const HearingFieldValues = z
	.object({
		courtId: z.string().min(1).max(80),
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

export const MoveReferralArgs = z.object({
	referralId: Id,
	to: ReferralStatus,
	at: Instant
});
export type MoveReferralArgs = z.infer<typeof MoveReferralArgs>;

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
	'hearing.update': UpdateHearingArgs,
	'victim.update': UpdateVictimArgs,
	'referral.move': MoveReferralArgs,
	'conflict.resolve': ResolveConflictArgs
} as const;
export type MutationName = keyof typeof MUTATION_ARGS;
export const MUTATION_NAMES = Object.keys(MUTATION_ARGS) as MutationName[];

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

export function referralMoveRefusal(from: ReferralStatus, to: ReferralStatus): string | null {
	return REFERRAL_MOVES[from].includes(to)
		? null
		: `A referral that is ${from} cannot become ${to}.`;
}

/* ---------------------------------------------------------------------------------------------- */
/* Push and pull                                                                                    */

export const MAX_PUSH_MUTATIONS = 100;

export const PushedMutation = z.object({
	seq: z.number().int().min(1),
	id: Id,
	name: z.enum(MUTATION_NAMES as [MutationName, ...MutationName[]], {
		error: `Unknown mutation: expected one of ${MUTATION_NAMES.join(', ')}`
	}),
	args: z.unknown()
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

/** Position in the server's change stream: version, then table, then id. */
export const PullCursor = z.object({
	v: z.number().int().min(-1),
	t: z.number().int().min(0),
	id: z.uuid({ error: 'The cursor id must be a UUID' })
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
	'victimChanges'
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
	total: z.number().int().nullable()
});
export type PullResponse = z.infer<typeof PullResponse>;
