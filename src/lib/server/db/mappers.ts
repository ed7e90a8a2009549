import {
	Assignment,
	Case,
	CaseEvent,
	Contact,
	Hearing,
	HearingChange,
	ObligationWaiver,
	Referral,
	RightsRecord,
	User,
	Victim
} from '$lib/domain';
import type * as schema from './schema';

/**
 * Rows read from the database become domain records here, and are parsed with the domain schemas
 * on the way: a row that breaks a rule (written by an old version, or by hand) is reported with
 * what is wrong instead of travelling on into the UI or a sync payload.
 */
type Row<T extends { $inferSelect: unknown }> = T['$inferSelect'];

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
const opt = <T>(v: T | null) => v ?? undefined;

export const toUser = (r: Row<typeof schema.users>): User =>
	User.parse({
		id: r.id,
		email: r.email,
		displayName: r.displayName,
		role: r.role,
		teamId: r.teamId,
		victimId: r.victimId,
		active: r.active,
		createdAt: iso(r.createdAt)
	});

export const toVictim = (r: Row<typeof schema.victims>): Victim =>
	Victim.parse({
		id: r.id,
		title: opt(r.title),
		givenName: r.givenName,
		familyName: r.familyName,
		dateOfBirth: r.dateOfBirth,
		languages: r.languages,
		interpreterNeeded: r.interpreterNeeded,
		interpreterLanguage: opt(r.interpreterLanguage),
		enhancedRights: r.enhancedRights,
		safeContact: r.safeContact,
		address: opt(r.address),
		confidentialAddress: r.confidentialAddress,
		createdAt: iso(r.createdAt)
	});

export const toCase = (r: Row<typeof schema.cases>): Case =>
	Case.parse({
		id: r.id,
		victimId: r.victimId,
		teamId: r.teamId,
		crimeType: r.crimeType,
		crimeReference: { system: r.crimeReferenceSystem, value: r.crimeReference },
		reportedAt: iso(r.reportedAt),
		assignedCaseworkerId: r.assignedCaseworkerId,
		status: r.status,
		closedAt: isoOrNull(r.closedAt),
		createdAt: iso(r.createdAt)
	});

export const toAssignment = (r: Row<typeof schema.caseAssignments>): Assignment =>
	Assignment.parse({ ...r, assignedAt: iso(r.assignedAt) });

export const toCaseEvent = (r: Row<typeof schema.caseEvents>): CaseEvent =>
	CaseEvent.parse({
		...r,
		occurredAt: iso(r.occurredAt),
		receivedAt: iso(r.receivedAt),
		recordedAt: iso(r.recordedAt)
	});

export const toHearing = (r: Row<typeof schema.hearings>): Hearing =>
	Hearing.parse({ ...r, startsAt: iso(r.startsAt), createdAt: iso(r.createdAt) });

export const toHearingChange = (r: Row<typeof schema.hearingChanges>): HearingChange =>
	HearingChange.parse({ ...r, receivedAt: iso(r.receivedAt), recordedAt: iso(r.recordedAt) });

export const toReferral = (r: Row<typeof schema.referrals>): Referral =>
	Referral.parse({
		...r,
		consentRecordedAt: isoOrNull(r.consentRecordedAt),
		offeredAt: iso(r.offeredAt),
		madeAt: isoOrNull(r.madeAt),
		respondedAt: isoOrNull(r.respondedAt),
		closedAt: isoOrNull(r.closedAt),
		notes: opt(r.notes)
	});

export const toContact = (r: Row<typeof schema.contacts>): Contact =>
	Contact.parse({ ...r, occurredAt: iso(r.occurredAt), recordedAt: iso(r.recordedAt) });

export const toRightsRecord = (r: Row<typeof schema.rightsRecords>): RightsRecord =>
	RightsRecord.parse({ ...r, updatedAt: iso(r.updatedAt) });

export const toWaiver = (r: Row<typeof schema.obligationWaivers>): ObligationWaiver =>
	ObligationWaiver.parse({ ...r, recordedAt: iso(r.recordedAt) });
