import { sql } from 'drizzle-orm';
import {
	type AnyPgColumn,
	bigint,
	boolean,
	check,
	date,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import {
	type CodeVersion,
	type CrimeType,
	type FieldChange,
	type HearingChangeSource,
	type HearingState,
	type HearingType,
	LOCALES,
	type Locale,
	NOTIFICATION_CHANNELS,
	NOTIFICATION_KINDS,
	NOTIFICATION_STATUSES,
	type NotificationChannel,
	type NotificationKind,
	type NotificationStatus,
	type ObligationRule,
	type ReferralMove,
	type ReferralStatus,
	type Role,
	type RightStatus,
	type SafeContact,
	type Victim,
	type VictimFieldChange
} from '$lib/domain';

/**
 * One schema for PGlite and PostgreSQL. Instants are `timestamptz` (UTC on the wire); enumerated
 * values are text with CHECK constraints, so a new value is an ordinary migration and a bad value
 * written by any path is refused by the database itself.
 */
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
/**
 * The global version (see `syncState`) of the transaction that last wrote the row: a pull asks for
 * rows with a higher version than its cursor.
 */
/** The case a row belongs to: every case-scoped table has it, and sync scopes by it. */
const caseRef = () =>
	uuid('case_id')
		.notNull()
		.references((): AnyPgColumn => cases.id);
const rowVersion = () => bigint('version', { mode: 'number' }).notNull().default(0);
const oneOf = (column: string, values: readonly string[]) =>
	sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);

export const teams = pgTable('teams', {
	id: uuid('id').primaryKey(),
	name: text('name').notNull()
});

export const users = pgTable(
	'users',
	{
		id: uuid('id').primaryKey(),
		email: text('email').notNull(),
		displayName: text('display_name').notNull(),
		role: text('role').$type<Role>().notNull(),
		teamId: uuid('team_id').references(() => teams.id),
		victimId: uuid('victim_id').references(() => victims.id),
		/** argon2id PHC string; null until a victim redeems their invitation. */
		passwordHash: text('password_hash'),
		active: boolean('active').notNull().default(true),
		/** The language the victim chose for the portal (Right 1); staff pages are in English. */
		locale: text('locale').$type<Locale>().notNull().default('en'),
		/** Staff: the work number a victim may call them on, shown in the victim's portal. */
		workPhone: text('work_phone'),
		createdAt: instant('created_at').notNull()
	},
	(t) => [
		uniqueIndex('users_email_key').on(t.email),
		index('users_team_idx').on(t.teamId),
		check('users_role_check', oneOf('role', ['caseworker', 'supervisor', 'victim'])),
		check('users_locale_check', oneOf('locale', LOCALES)),
		check(
			'users_role_links_check',
			sql`(role = 'victim' and victim_id is not null and team_id is null) or (role <> 'victim' and victim_id is null and team_id is not null)`
		)
	]
);

/** Server-side sessions: only the SHA-256 of the token is stored, so a database leak yields no live session. */
export const sessions = pgTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: instant('created_at').notNull(),
		lastSeenAt: instant('last_seen_at').notNull(),
		expiresAt: instant('expires_at').notNull(),
		/** Chosen at sign-in: nothing of this session may be kept on the device (no cached pages). */
		sharedDevice: boolean('shared_device').notNull().default(false)
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

/** Failed sign-ins per key (`account:<email>` or `ip:<address>`), shared by every app server. */
export const signInThrottle = pgTable('sign_in_throttle', {
	key: text('key').primaryKey(),
	failures: integer('failures').notNull(),
	windowStartedAt: instant('window_started_at').notNull()
});

export const courts = pgTable('courts', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	kind: text('kind').$type<'crown' | 'magistrates'>().notNull(),
	hmctsCode: text('hmcts_code'),
	address: text('address').notNull(),
	active: boolean('active').notNull().default(true)
});

export const supportServices = pgTable('support_services', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	description: text('description').notNull(),
	active: boolean('active').notNull().default(true)
});

export const codeRights = pgTable(
	'code_rights',
	{
		codeVersion: text('code_version').$type<CodeVersion>().notNull(),
		number: integer('number').notNull(),
		title: text('title').notNull(),
		explanation: text('explanation').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.codeVersion, t.number] }),
		check('code_rights_number_check', sql`number between 1 and 12`)
	]
);

export const victims = pgTable('victims', {
	id: uuid('id').primaryKey(),
	version: rowVersion(),
	title: text('title'),
	givenName: text('given_name').notNull(),
	familyName: text('family_name').notNull(),
	dateOfBirth: date('date_of_birth', { mode: 'string' }).notNull(),
	languages: jsonb('languages').$type<string[]>().notNull(),
	interpreterNeeded: boolean('interpreter_needed').notNull(),
	interpreterLanguage: text('interpreter_language'),
	enhancedRights: jsonb('enhanced_rights').$type<Victim['enhancedRights']>().notNull(),
	safeContact: jsonb('safe_contact').$type<SafeContact>().notNull(),
	address: text('address'),
	confidentialAddress: boolean('confidential_address').notNull(),
	createdAt: instant('created_at').notNull()
});

export const cases = pgTable(
	'cases',
	{
		id: uuid('id').primaryKey(),
		version: rowVersion(),
		victimId: uuid('victim_id')
			.notNull()
			.references(() => victims.id),
		teamId: uuid('team_id')
			.notNull()
			.references(() => teams.id),
		crimeType: text('crime_type').$type<CrimeType>().notNull(),
		crimeReferenceSystem: text('crime_reference_system')
			.$type<'CRIS' | 'CONNECT' | 'CAD' | 'other'>()
			.notNull(),
		crimeReference: text('crime_reference').notNull(),
		reportedAt: instant('reported_at').notNull(),
		assignedCaseworkerId: uuid('assigned_caseworker_id')
			.notNull()
			.references(() => users.id),
		status: text('status').$type<'open' | 'closed'>().notNull(),
		closedAt: instant('closed_at'),
		createdAt: instant('created_at').notNull()
	},
	(t) => [
		index('cases_caseworker_idx').on(t.assignedCaseworkerId, t.status),
		index('cases_team_idx').on(t.teamId, t.status),
		index('cases_victim_idx').on(t.victimId),
		check('cases_status_check', oneOf('status', ['open', 'closed'])),
		check(
			'cases_reference_system_check',
			oneOf('crime_reference_system', ['CRIS', 'CONNECT', 'CAD', 'other'])
		)
	]
);

/** Append-only (a trigger refuses updates and deletes): every assignment a case has had. */
export const caseAssignments = pgTable(
	'case_assignments',
	{
		id: uuid('id').primaryKey(),
		version: rowVersion(),
		caseId: caseRef(),
		caseworkerId: uuid('caseworker_id')
			.notNull()
			.references(() => users.id),
		assignedAt: instant('assigned_at').notNull(),
		assignedBy: uuid('assigned_by').references(() => users.id),
		reason: text('reason').notNull()
	},
	(t) => [index('case_assignments_case_idx').on(t.caseId, t.assignedAt)]
);

export const caseEvents = pgTable(
	'case_events',
	{
		id: uuid('id').primaryKey(),
		version: rowVersion(),
		caseId: caseRef(),
		kind: text('kind').notNull(),
		decision: text('decision'),
		custodyMonths: integer('custody_months'),
		detail: text('detail').notNull(),
		occurredAt: instant('occurred_at').notNull(),
		receivedAt: instant('received_at').notNull(),
		recordedBy: uuid('recorded_by')
			.notNull()
			.references(() => users.id),
		recordedAt: instant('recorded_at').notNull()
	},
	(t) => [index('case_events_case_idx').on(t.caseId, t.receivedAt)]
);

export const hearings = pgTable(
	'hearings',
	{
		id: uuid('id').primaryKey(),
		version: rowVersion(),
		caseId: caseRef(),
		courtId: text('court_id')
			.notNull()
			.references(() => courts.id),
		courtroom: text('courtroom'),
		type: text('type').$type<HearingType>().notNull(),
		startsAt: instant('starts_at').notNull(),
		state: text('state').$type<HearingState>().notNull(),
		createdAt: instant('created_at').notNull()
	},
	(t) => [
		index('hearings_case_idx').on(t.caseId, t.startsAt),
		check(
			'hearings_type_check',
			oneOf('type', [
				'first-appearance',
				'ptph',
				'pre-trial-review',
				'trial',
				'sentencing',
				'bail-application',
				'appeal',
				'mention'
			])
		),
		check(
			'hearings_state_check',
			oneOf('state', [
				'listed',
				'adjourned',
				'vacated',
				'relisted',
				'effective',
				'ineffective',
				'cracked',
				'completed'
			])
		)
	]
);

/** Append-only (a trigger refuses updates and deletes): every notice that changed a hearing. */
export const hearingChanges = pgTable(
	'hearing_changes',
	{
		id: uuid('id').primaryKey(),
		version: rowVersion(),
		hearingId: uuid('hearing_id')
			.notNull()
			.references(() => hearings.id),
		/** Denormalised from the hearing so a pull can scope history by case like every other table. */
		caseId: caseRef(),
		changes: jsonb('changes').$type<FieldChange[]>().notNull(),
		reason: text('reason').notNull(),
		source: text('source').$type<HearingChangeSource>().notNull(),
		receivedAt: instant('received_at').notNull(),
		recordedAt: instant('recorded_at').notNull(),
		recordedBy: uuid('recorded_by')
			.notNull()
			.references(() => users.id)
	},
	(t) => [index('hearing_changes_hearing_idx').on(t.hearingId, t.receivedAt)]
);

/**
 * A victim saying "I have seen this" about one change to a hearing: at most one per change, so the
 * caseworker's timeline shows when the victim saw it. Synced to staff devices by case.
 */
export const hearingChangeAcknowledgements = pgTable(
	'hearing_change_acknowledgements',
	{
		id: uuid('id').primaryKey(),
		version: rowVersion(),
		hearingChangeId: uuid('hearing_change_id')
			.notNull()
			.references(() => hearingChanges.id),
		caseId: caseRef(),
		acknowledgedBy: uuid('acknowledged_by')
			.notNull()
			.references(() => users.id),
		acknowledgedAt: instant('acknowledged_at').notNull()
	},
	(t) => [
		uniqueIndex('hearing_change_acknowledgements_change_key').on(t.hearingChangeId),
		index('hearing_change_acknowledgements_case_idx').on(t.caseId)
	]
);

/**
 * The append-only history of a victim's details and safety preferences: which fields changed, from
 * what to what, who changed them and when. Concurrent changes to the same field are found here.
 */
export const victimChanges = pgTable(
	'victim_changes',
	{
		id: uuid('id').primaryKey(),
		version: rowVersion(),
		victimId: uuid('victim_id')
			.notNull()
			.references(() => victims.id),
		/** The case the change was made through, so a pull scopes it like every other table. */
		caseId: caseRef(),
		changes: jsonb('changes').$type<VictimFieldChange[]>().notNull(),
		recordedAt: instant('recorded_at').notNull(),
		recordedBy: uuid('recorded_by')
			.notNull()
			.references(() => users.id)
	},
	(t) => [
		index('victim_changes_victim_idx').on(t.victimId, t.version),
		index('victim_changes_sync_order_idx').on(t.version, t.id)
	]
);

export const referrals = pgTable(
	'referrals',
	{
		id: uuid('id').primaryKey(),
		version: rowVersion(),
		/** A withdrawn record stays as a tombstone, so every device learns to remove it. */
		deleted: boolean('deleted').notNull().default(false),
		caseId: caseRef(),
		serviceId: text('service_id')
			.notNull()
			.references(() => supportServices.id),
		status: text('status').$type<ReferralStatus>().notNull(),
		consent: text('consent').$type<'not-asked' | 'given' | 'refused'>().notNull(),
		consentRecordedAt: instant('consent_recorded_at'),
		offeredAt: instant('offered_at').notNull(),
		madeAt: instant('made_at'),
		respondedAt: instant('responded_at'),
		closedAt: instant('closed_at'),
		notes: text('notes'),
		moves: jsonb('moves').$type<ReferralMove[]>().notNull().default([])
	},
	(t) => [
		index('referrals_case_idx').on(t.caseId),
		check(
			'referrals_status_check',
			oneOf('status', [
				'offered',
				'declined',
				'made',
				'accepted',
				'rejected',
				'in-progress',
				'closed'
			])
		),
		check('referrals_consent_check', oneOf('consent', ['not-asked', 'given', 'refused']))
	]
);

/** Insert-only: a correction is a new row naming the contact it amends. */
export const contacts = pgTable(
	'contacts',
	{
		id: uuid('id').primaryKey(),
		version: rowVersion(),
		caseId: caseRef(),
		occurredAt: instant('occurred_at').notNull(),
		channel: text('channel').notNull(),
		direction: text('direction').notNull(),
		outcome: text('outcome').notNull(),
		summary: text('summary').notNull(),
		informedObligations: jsonb('informed_obligations').$type<string[]>().notNull(),
		amendsContactId: uuid('amends_contact_id'),
		recordedBy: uuid('recorded_by')
			.notNull()
			.references(() => users.id),
		recordedAt: instant('recorded_at').notNull()
	},
	(t) => [index('contacts_case_idx').on(t.caseId, t.occurredAt)]
);

export const rightsRecords = pgTable(
	'rights_records',
	{
		id: uuid('id').primaryKey(),
		version: rowVersion(),
		caseId: caseRef(),
		codeVersion: text('code_version').$type<CodeVersion>().notNull(),
		rightNumber: integer('right_number').notNull(),
		status: text('status').$type<RightStatus>().notNull(),
		evidence: text('evidence').notNull(),
		detail: text('detail'),
		updatedBy: uuid('updated_by')
			.notNull()
			.references(() => users.id),
		updatedAt: instant('updated_at').notNull()
	},
	(t) => [
		uniqueIndex('rights_records_case_right_key').on(t.caseId, t.codeVersion, t.rightNumber),
		check('rights_records_number_check', sql`right_number between 1 and 12`)
	]
);

/** Victims' opt-outs: one obligation (`obligation_key`) or every obligation of a rule (`rule`). */
export const obligationWaivers = pgTable(
	'obligation_waivers',
	{
		id: uuid('id').primaryKey(),
		version: rowVersion(),
		/** A withdrawn record stays as a tombstone, so every device learns to remove it. */
		deleted: boolean('deleted').notNull().default(false),
		caseId: caseRef(),
		obligationKey: text('obligation_key'),
		rule: text('rule').$type<ObligationRule>(),
		reason: text('reason').notNull(),
		agreedBy: text('agreed_by').notNull(),
		recordedBy: uuid('recorded_by')
			.notNull()
			.references(() => users.id),
		recordedAt: instant('recorded_at').notNull()
	},
	(t) => [
		index('obligation_waivers_case_idx').on(t.caseId),
		check('obligation_waivers_scope_check', sql`(obligation_key is null) <> (rule is null)`)
	]
);

/**
 * The global version: one row, incremented (and so row-locked) by every transaction that writes
 * synced data. Writers therefore commit in version order, and a pull that has seen version N can
 * never later meet a row of a version at or below N that it missed.
 */
export const syncState = pgTable('sync_state', {
	id: integer('id').primaryKey(),
	version: bigint('version', { mode: 'number' }).notNull(),
	/**
	 * The oldest version deletions can still be served from: tombstones at or below it have been
	 * removed (`compactTombstones`), so a device whose cursor is older must download afresh.
	 */
	tombstoneHorizon: bigint('tombstone_horizon', { mode: 'number' }).notNull().default(0)
});

/** A browser's sync client: its owner and the last sequence number applied from it. */
export const syncClients = pgTable('sync_clients', {
	id: uuid('id').primaryKey(),
	userId: uuid('user_id')
		.notNull()
		.references(() => users.id),
	lastSeq: integer('last_seq').notNull(),
	createdAt: instant('created_at').notNull()
});

/**
 * Every mutation received, whatever became of it: the audit trail and the proof that nothing was
 * lost. Append-only (a trigger refuses updates and deletes).
 */
export const mutationLog = pgTable(
	'mutation_log',
	{
		id: uuid('id').primaryKey(),
		clientId: uuid('client_id')
			.notNull()
			.references(() => syncClients.id),
		seq: integer('seq').notNull(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id),
		name: text('name').notNull(),
		args: jsonb('args').notNull(),
		/** The case it touched, when known: shown to the case's supervisor when rejected. */
		caseId: uuid('case_id'),
		status: text('status').$type<'applied' | 'rejected' | 'conflict'>().notNull(),
		reason: text('reason'),
		receivedAt: instant('received_at').notNull(),
		version: bigint('version', { mode: 'number' }).notNull()
	},
	(t) => [
		uniqueIndex('mutation_log_client_seq_key').on(t.clientId, t.seq),
		index('mutation_log_user_idx').on(t.userId, t.receivedAt),
		check('mutation_log_status_check', oneOf('status', ['applied', 'rejected', 'conflict']))
	]
);

/**
 * The same field changed on two devices from the same base: both values are kept for a person to
 * choose, never silently overwritten.
 */
export const conflicts = pgTable(
	'conflicts',
	{
		id: uuid('id').primaryKey(),
		version: rowVersion(),
		caseId: caseRef(),
		entity: text('entity').$type<'hearing' | 'victim'>().notNull(),
		entityId: uuid('entity_id').notNull(),
		field: text('field').notNull(),
		serverValue: jsonb('server_value'),
		clientValue: jsonb('client_value'),
		serverChangedBy: uuid('server_changed_by').references(() => users.id),
		serverChangedAt: instant('server_changed_at'),
		clientChangedBy: uuid('client_changed_by')
			.notNull()
			.references(() => users.id),
		clientChangedAt: instant('client_changed_at').notNull(),
		mutationId: uuid('mutation_id').notNull(),
		createdAt: instant('created_at').notNull(),
		resolvedAt: instant('resolved_at'),
		resolvedBy: uuid('resolved_by').references(() => users.id),
		resolution: jsonb('resolution')
	},
	(t) => [
		index('conflicts_case_idx').on(t.caseId),
		check('conflicts_entity_check', oneOf('entity', ['hearing', 'victim']))
	]
);

/**
 * One-time codes a caseworker gives a victim so they can set their own password for the portal.
 * Only the SHA-256 of the code is stored, as for sessions: a database leak yields no usable code.
 * A row is open while it is neither redeemed nor revoked (nor past `expires_at`); a victim has at
 * most one open invitation, which the partial unique index makes the database itself enforce.
 */
export const victimInvitations = pgTable(
	'victim_invitations',
	{
		id: uuid('id').primaryKey(),
		victimId: uuid('victim_id')
			.notNull()
			.references(() => victims.id),
		/** The case the invitation was made through: who may see and revoke it is decided by it. */
		caseId: caseRef(),
		/** The victim's account the code unlocks (made, with no password, at the first invitation). */
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id),
		/** The address the victim will sign in with; it becomes the account's email on redemption. */
		email: text('email').notNull(),
		codeHash: text('code_hash').notNull(),
		createdBy: uuid('created_by')
			.notNull()
			.references(() => users.id),
		createdAt: instant('created_at').notNull(),
		expiresAt: instant('expires_at').notNull(),
		redeemedAt: instant('redeemed_at'),
		revokedAt: instant('revoked_at'),
		revokedBy: uuid('revoked_by').references(() => users.id)
	},
	(t) => [
		uniqueIndex('victim_invitations_code_hash_key').on(t.codeHash),
		uniqueIndex('victim_invitations_open_key')
			.on(t.victimId)
			.where(sql`redeemed_at is null and revoked_at is null`),
		index('victim_invitations_case_idx').on(t.caseId),
		check('victim_invitations_expiry_check', sql`expires_at > created_at`),
		check('victim_invitations_settled_once_check', sql`redeemed_at is null or revoked_at is null`),
		check('victim_invitations_revoked_by_check', sql`(revoked_at is null) = (revoked_by is null)`)
	]
);

/**
 * Messages to a victim that a hearing was listed or changed (`src/lib/server/notifications`). One
 * per hearing change at most — the unique index makes the database itself refuse a second — made in
 * the same transaction as the change, and delivered afterwards by the worker. Not synced to devices:
 * staff read it online (`/api/cases/[id]/notifications`).
 */
export const victimNotifications = pgTable(
	'victim_notifications',
	{
		id: uuid('id').primaryKey(),
		caseId: caseRef(),
		hearingChangeId: uuid('hearing_change_id')
			.notNull()
			.references(() => hearingChanges.id),
		kind: text('kind').$type<NotificationKind>().notNull(),
		channel: text('channel').$type<NotificationChannel>().notNull(),
		/** The address or number it goes to; null when a person must tell the victim. */
		recipient: text('recipient'),
		body: text('body').notNull(),
		status: text('status').$type<NotificationStatus>().notNull(),
		/** Sends tried so far. */
		attempts: integer('attempts').notNull().default(0),
		/** Why the last try failed, or why it is not sent at all, in words for the caseworker. */
		lastError: text('last_error'),
		/** When a pending message may next be tried (a retry's backoff, or the victim's safe time). */
		nextAttemptAt: instant('next_attempt_at'),
		/** When the current or last try started: a message `sending` for too long is given up. */
		claimedAt: instant('claimed_at'),
		sentAt: instant('sent_at'),
		/** The provider's id for the message (GOV.UK Notify's notification id). */
		providerReference: text('provider_reference'),
		createdAt: instant('created_at').notNull()
	},
	(t) => [
		uniqueIndex('victim_notifications_hearing_change_key').on(t.hearingChangeId),
		index('victim_notifications_case_idx').on(t.caseId, t.createdAt),
		index('victim_notifications_due_idx')
			.on(t.nextAttemptAt)
			.where(sql`status = 'pending'`),
		check('victim_notifications_kind_check', oneOf('kind', NOTIFICATION_KINDS)),
		check('victim_notifications_channel_check', oneOf('channel', NOTIFICATION_CHANNELS)),
		check('victim_notifications_status_check', oneOf('status', NOTIFICATION_STATUSES)),
		check('victim_notifications_attempts_check', sql`attempts >= 0`),
		check('victim_notifications_recipient_check', sql`(channel = 'none') = (recipient is null)`),
		check(
			'victim_notifications_none_not_sent_check',
			sql`channel <> 'none' or status = 'not-sent'`
		),
		check(
			'victim_notifications_pending_check',
			sql`status <> 'pending' or next_attempt_at is not null`
		),
		check('victim_notifications_sent_check', sql`(status = 'sent') = (sent_at is not null)`)
	]
);

/**
 * What the development sender "sends" (no GOV.UK Notify key configured): kept for people to read
 * at `/demo/outbox`. A table rather than a file, so it works with several app servers. The id is
 * the notification's, so one notification can never appear twice.
 */
export const developmentOutbox = pgTable(
	'development_outbox',
	{
		id: uuid('id').primaryKey(),
		channel: text('channel').$type<'email' | 'sms'>().notNull(),
		recipient: text('recipient').notNull(),
		body: text('body').notNull(),
		createdAt: instant('created_at').notNull()
	},
	(t) => [
		index('development_outbox_created_idx').on(t.createdAt),
		check('development_outbox_channel_check', oneOf('channel', ['email', 'sms']))
	]
);

/** What an audit event records: a staff read, a change, or the hub's own acts on a case. */
export const AUDIT_ACTIONS = [
	'case.viewed',
	'case.read-online',
	'case.synced-to-device',
	'case.changed',
	'case.reassigned',
	'victim-access.changed',
	'case.exported',
	'case.purged'
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * Who read or changed which case, and when (issue 10, item 7). Append-only: a trigger refuses
 * every UPDATE and DELETE (migration 0012), and, unlike the history tables, no purge may remove a
 * row either, so the trail outlives the case it describes (no foreign key to `cases`). `detail` is
 * small and never holds the victim's words: a mutation's name, an endpoint, a count.
 */
export const auditEvents = pgTable(
	'audit_events',
	{
		id: uuid('id').primaryKey(),
		at: instant('at').notNull(),
		/**
		 * Null for the hub itself (the retention purge). No foreign key: the trail must outlive a
		 * purged victim's account, and an audit row can never be deleted to let a user go.
		 */
		actorUserId: uuid('actor_user_id'),
		actorRole: text('actor_role').$type<Role | 'system'>().notNull(),
		action: text('action').$type<AuditAction>().notNull(),
		caseId: uuid('case_id'),
		detail: jsonb('detail').$type<Record<string, string | number | boolean | null>>().notNull()
	},
	(t) => [
		index('audit_events_case_idx').on(t.caseId, t.at),
		index('audit_events_actor_idx').on(t.actorUserId, t.at),
		check(
			'audit_events_actor_role_check',
			oneOf('actor_role', ['caseworker', 'supervisor', 'victim', 'system'])
		),
		check('audit_events_action_check', oneOf('action', AUDIT_ACTIONS)),
		check('audit_events_actor_check', sql`(actor_role = 'system') = (actor_user_id is null)`)
	]
);
