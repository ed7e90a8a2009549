import { asc, eq, inArray } from 'drizzle-orm';
import { SUPPORT_SERVICES, type SafeContact } from '$lib/domain';
import { recordAudit } from '../audit/record';
import type { Database } from '../db';
import * as s from '../db/schema';
import type { PgColumn } from 'drizzle-orm/pg-core';

/**
 * A victim's copy of their information (a subject access request, UK GDPR Article 15), as one
 * JSON document. Like the portal, it is built from an allow-list of named columns, so a column
 * added later is left out until someone decides the victim should have it. Left out on purpose:
 *
 * - what staff write for staff: contact summaries, rights evidence, referral notes and their moves'
 *   reasons, case events, assignment reasons, the reasons for enhanced rights, safety notes, and
 *   the reason a message could not be sent;
 * - an address the hub marks confidential (`confidentialAddress`): the portal never shows it, and a
 *   file on a shared or watched device must not carry it either;
 * - the crime reference (the portal does not show it), the audit trail, the mutation log, and other
 *   people's details beyond the names of the caseworkers who had the case.
 *
 * The victim comes from the session (the caller), never from the request. Each download is itself
 * recorded in the audit trail of each case it covers.
 */
export type VictimExport = {
	exportedAt: string;
	about: string;
	you: {
		title: string | null;
		givenName: string;
		familyName: string;
		dateOfBirth: string;
		languages: string[];
		interpreterNeeded: boolean;
		interpreterLanguage: string | null;
		address: string | null;
		enhancedRights: { group: string; appliesFrom: string; endedAt: string | null }[];
		contactPreferences: Omit<SafeContact, 'notes'>;
	};
	account: { email: string; name: string; language: string; createdAt: string } | null;
	cases: ExportedCase[];
};

type ExportedCase = {
	id: string;
	crimeType: string;
	reportedAt: string;
	status: string;
	closedAt: string | null;
	caseworkers: { name: string; from: string }[];
	hearings: {
		id: string;
		court: string;
		courtroom: string | null;
		type: string;
		startsAt: string;
		state: string;
		changes: {
			id: string;
			fields: { field: string; from: string | null; to: string | null }[];
			reason: string;
			source: string;
			receivedAt: string;
			seenByYouAt: string | null;
		}[];
	}[];
	referrals: {
		service: string;
		status: string;
		consent: string;
		offeredAt: string;
		madeAt: string | null;
		respondedAt: string | null;
		closedAt: string | null;
	}[];
	rights: {
		right: number;
		codeVersion: string;
		status: string;
		detail: string | null;
		updatedAt: string;
	}[];
	contacts: { occurredAt: string; channel: string; direction: string; outcome: string }[];
	messages: {
		kind: string;
		channel: string;
		sentTo: string | null;
		text: string;
		status: string;
		createdAt: string;
		sentAt: string | null;
	}[];
};

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

/** Everything the victim is entitled to, or null when the victim has no record any more. */
export async function victimExport(
	db: Database,
	user: { id: string; role: string; victimId: string | null },
	now = new Date()
): Promise<VictimExport | null> {
	if (user.role !== 'victim' || !user.victimId) return null;
	const victimId = user.victimId;
	const [victim] = await db.select().from(s.victims).where(eq(s.victims.id, victimId));
	if (!victim) return null;
	const [account] = await db
		.select({
			email: s.users.email,
			name: s.users.displayName,
			locale: s.users.locale,
			createdAt: s.users.createdAt
		})
		.from(s.users)
		.where(eq(s.users.id, user.id));
	const theirCases = await db
		.select({
			id: s.cases.id,
			crimeType: s.cases.crimeType,
			reportedAt: s.cases.reportedAt,
			status: s.cases.status,
			closedAt: s.cases.closedAt
		})
		.from(s.cases)
		.where(eq(s.cases.victimId, victimId))
		.orderBy(asc(s.cases.reportedAt));
	const caseIds = theirCases.map((c) => c.id);
	// A victim always has a case while they have a record; an empty list would still be valid SQL.
	const inCases = (column: PgColumn) =>
		inArray(column, caseIds.length > 0 ? caseIds : ['00000000-0000-0000-0000-000000000000']);

	const [assignments, hearings, changes, seen, referrals, rights, contacts, messages, courts] =
		await Promise.all([
			db
				.select({
					caseId: s.caseAssignments.caseId,
					name: s.users.displayName,
					from: s.caseAssignments.assignedAt
				})
				.from(s.caseAssignments)
				.innerJoin(s.users, eq(s.users.id, s.caseAssignments.caseworkerId))
				.where(inCases(s.caseAssignments.caseId))
				.orderBy(asc(s.caseAssignments.assignedAt)),
			db
				.select({
					id: s.hearings.id,
					caseId: s.hearings.caseId,
					courtId: s.hearings.courtId,
					courtroom: s.hearings.courtroom,
					type: s.hearings.type,
					startsAt: s.hearings.startsAt,
					state: s.hearings.state
				})
				.from(s.hearings)
				.where(inCases(s.hearings.caseId))
				.orderBy(asc(s.hearings.startsAt)),
			db
				.select({
					id: s.hearingChanges.id,
					hearingId: s.hearingChanges.hearingId,
					changes: s.hearingChanges.changes,
					reason: s.hearingChanges.reason,
					source: s.hearingChanges.source,
					receivedAt: s.hearingChanges.receivedAt
				})
				.from(s.hearingChanges)
				.where(inCases(s.hearingChanges.caseId))
				.orderBy(asc(s.hearingChanges.receivedAt)),
			db
				.select({
					changeId: s.hearingChangeAcknowledgements.hearingChangeId,
					at: s.hearingChangeAcknowledgements.acknowledgedAt
				})
				.from(s.hearingChangeAcknowledgements)
				.where(inCases(s.hearingChangeAcknowledgements.caseId)),
			db
				.select({
					caseId: s.referrals.caseId,
					serviceId: s.referrals.serviceId,
					status: s.referrals.status,
					consent: s.referrals.consent,
					offeredAt: s.referrals.offeredAt,
					madeAt: s.referrals.madeAt,
					respondedAt: s.referrals.respondedAt,
					closedAt: s.referrals.closedAt,
					deleted: s.referrals.deleted
				})
				.from(s.referrals)
				.where(inCases(s.referrals.caseId))
				.orderBy(asc(s.referrals.offeredAt)),
			db
				.select({
					caseId: s.rightsRecords.caseId,
					right: s.rightsRecords.rightNumber,
					codeVersion: s.rightsRecords.codeVersion,
					status: s.rightsRecords.status,
					detail: s.rightsRecords.detail,
					updatedAt: s.rightsRecords.updatedAt
				})
				.from(s.rightsRecords)
				.where(inCases(s.rightsRecords.caseId))
				.orderBy(asc(s.rightsRecords.rightNumber)),
			db
				.select({
					caseId: s.contacts.caseId,
					occurredAt: s.contacts.occurredAt,
					channel: s.contacts.channel,
					direction: s.contacts.direction,
					outcome: s.contacts.outcome
				})
				.from(s.contacts)
				.where(inCases(s.contacts.caseId))
				.orderBy(asc(s.contacts.occurredAt)),
			db
				.select({
					caseId: s.victimNotifications.caseId,
					kind: s.victimNotifications.kind,
					channel: s.victimNotifications.channel,
					recipient: s.victimNotifications.recipient,
					body: s.victimNotifications.body,
					status: s.victimNotifications.status,
					createdAt: s.victimNotifications.createdAt,
					sentAt: s.victimNotifications.sentAt
				})
				.from(s.victimNotifications)
				.where(inCases(s.victimNotifications.caseId))
				.orderBy(asc(s.victimNotifications.createdAt)),
			db.select({ id: s.courts.id, name: s.courts.name }).from(s.courts)
		]);
	const courtName = new Map(courts.map((c) => [c.id, c.name]));
	const seenAt = new Map(seen.map((a) => [a.changeId, a.at]));
	const words = (field: string, v: string | null) =>
		field === 'courtId' && v ? (courtName.get(v) ?? v) : v;
	const of = <T extends { caseId: string }>(rows: T[], caseId: string) =>
		rows.filter((r) => r.caseId === caseId);

	const exported: VictimExport = {
		exportedAt: iso(now),
		about:
			'A copy of the information the Victim Care Hub holds about you and your case. Notes our staff write for each other, safety notes and any address we keep confidential are not included; ask your caseworker if you want to know about them.',
		you: {
			title: victim.title,
			givenName: victim.givenName,
			familyName: victim.familyName,
			dateOfBirth: victim.dateOfBirth,
			languages: victim.languages,
			interpreterNeeded: victim.interpreterNeeded,
			interpreterLanguage: victim.interpreterLanguage,
			address: victim.confidentialAddress ? null : victim.address,
			enhancedRights: victim.enhancedRights.map((e) => ({
				group: e.group,
				appliesFrom: e.appliesFrom,
				endedAt: e.endedAt ?? null
			})),
			contactPreferences: withoutNotes(victim.safeContact)
		},
		account: account
			? {
					email: account.email,
					name: account.name,
					language: account.locale,
					createdAt: iso(account.createdAt)
				}
			: null,
		cases: theirCases.map((c) => ({
			id: c.id,
			crimeType: c.crimeType,
			reportedAt: iso(c.reportedAt),
			status: c.status,
			closedAt: isoOrNull(c.closedAt),
			caseworkers: of(assignments, c.id).map((a) => ({ name: a.name, from: iso(a.from) })),
			hearings: of(hearings, c.id).map((h) => ({
				id: h.id,
				court: courtName.get(h.courtId) ?? h.courtId,
				courtroom: h.courtroom,
				type: h.type,
				startsAt: iso(h.startsAt),
				state: h.state,
				changes: changes
					.filter((ch) => ch.hearingId === h.id)
					.map((ch) => ({
						id: ch.id,
						fields: ch.changes.map((f) => ({
							field: f.field,
							from: words(f.field, f.from),
							to: words(f.field, f.to)
						})),
						reason: ch.reason,
						source: ch.source,
						receivedAt: iso(ch.receivedAt),
						seenByYouAt: isoOrNull(seenAt.get(ch.id) ?? null)
					}))
			})),
			referrals: of(referrals, c.id)
				.filter((r) => !r.deleted)
				.map((r) => ({
					service: SUPPORT_SERVICES.find((x) => x.id === r.serviceId)?.name ?? r.serviceId,
					status: r.status,
					consent: r.consent,
					offeredAt: iso(r.offeredAt),
					madeAt: isoOrNull(r.madeAt),
					respondedAt: isoOrNull(r.respondedAt),
					closedAt: isoOrNull(r.closedAt)
				})),
			rights: of(rights, c.id).map((r) => ({
				right: r.right,
				codeVersion: r.codeVersion,
				status: r.status,
				detail: r.detail,
				updatedAt: iso(r.updatedAt)
			})),
			contacts: of(contacts, c.id).map((x) => ({
				occurredAt: iso(x.occurredAt),
				channel: x.channel,
				direction: x.direction,
				outcome: x.outcome
			})),
			messages: of(messages, c.id).map((x) => ({
				kind: x.kind,
				channel: x.channel,
				sentTo: x.recipient,
				text: x.body,
				status: x.status,
				createdAt: iso(x.createdAt),
				sentAt: isoOrNull(x.sentAt)
			}))
		}))
	};
	await recordAudit(
		db,
		{ id: user.id, role: 'victim' },
		caseIds.map((caseId) => ({ action: 'case.exported' as const, caseId })),
		now
	);
	return exported;
}

/** The victim's contact preferences without the staff's safety notes. */
function withoutNotes(contact: SafeContact): Omit<SafeContact, 'notes'> {
	const { notes: _notes, ...rest } = contact;
	return rest;
}
