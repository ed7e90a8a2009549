import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { CaseRecord, Victim } from '$lib/domain';
import type { Database } from '../db';
import {
	caseAssignments,
	caseEvents,
	cases,
	contacts,
	hearingChanges,
	hearings,
	obligationWaivers,
	referrals,
	victims
} from '../db/schema';

export type LoadedCase = {
	record: CaseRecord;
	victim: Pick<Victim, 'enhancedRights'>;
	assignments: { caseworkerId: string; assignedAt: string }[];
	assignedCaseworkerId: string;
};

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
/** Keeps each IN list well inside PostgreSQL's bind-parameter limit. */
const CHUNK = 5_000;

function group<T extends { caseId: string }>(rows: T[]): Map<string, T[]> {
	const out = new Map<string, T[]>();
	for (const row of rows) {
		const list = out.get(row.caseId);
		if (list) list.push(row);
		else out.set(row.caseId, [row]);
	}
	return out;
}

/**
 * Everything the Code engine needs for a set of cases (all open cases of a team, say), read in a
 * few set-based queries rather than one round trip per case.
 */
export async function loadCaseRecords(db: Database, where: SQL): Promise<LoadedCase[]> {
	const caseRows = await db
		.select({
			id: cases.id,
			reportedAt: cases.reportedAt,
			crimeType: cases.crimeType,
			assignedCaseworkerId: cases.assignedCaseworkerId,
			enhancedRights: victims.enhancedRights
		})
		.from(cases)
		.innerJoin(victims, eq(victims.id, cases.victimId))
		.where(where);
	const out: LoadedCase[] = [];
	for (let i = 0; i < caseRows.length; i += CHUNK) {
		const chunk = caseRows.slice(i, i + CHUNK);
		const ids = chunk.map((c) => c.id);
		const [events, changes, contactRows, referralRows, waiverRows, assignmentRows] =
			await Promise.all([
				db
					.select({
						caseId: caseEvents.caseId,
						id: caseEvents.id,
						kind: caseEvents.kind,
						receivedAt: caseEvents.receivedAt,
						custodyMonths: caseEvents.custodyMonths
					})
					.from(caseEvents)
					.where(inArray(caseEvents.caseId, ids)),
				db
					.select({
						caseId: hearings.caseId,
						id: hearingChanges.id,
						changes: hearingChanges.changes,
						receivedAt: hearingChanges.receivedAt
					})
					.from(hearingChanges)
					.innerJoin(hearings, eq(hearings.id, hearingChanges.hearingId))
					.where(inArray(hearings.caseId, ids)),
				db
					.select({
						caseId: contacts.caseId,
						id: contacts.id,
						occurredAt: contacts.occurredAt,
						outcome: contacts.outcome,
						informedObligations: contacts.informedObligations
					})
					.from(contacts)
					.where(inArray(contacts.caseId, ids)),
				db
					.select({
						caseId: referrals.caseId,
						id: referrals.id,
						madeAt: referrals.madeAt,
						consent: referrals.consent,
						consentRecordedAt: referrals.consentRecordedAt
					})
					.from(referrals)
					.where(inArray(referrals.caseId, ids)),
				db
					.select()
					.from(obligationWaivers)
					.where(and(inArray(obligationWaivers.caseId, ids), eq(obligationWaivers.deleted, false))),
				db
					.select({
						caseId: caseAssignments.caseId,
						caseworkerId: caseAssignments.caseworkerId,
						assignedAt: caseAssignments.assignedAt
					})
					.from(caseAssignments)
					.where(inArray(caseAssignments.caseId, ids))
			]);
		const [e, h, c, r, w, a] = [
			group(events),
			group(changes),
			group(contactRows),
			group(referralRows),
			group(waiverRows),
			group(assignmentRows)
		];
		for (const row of chunk) {
			out.push({
				record: {
					case: { id: row.id, reportedAt: iso(row.reportedAt), crimeType: row.crimeType },
					events: (e.get(row.id) ?? []).map((x) => ({
						id: x.id,
						kind: x.kind as CaseRecord['events'][number]['kind'],
						receivedAt: iso(x.receivedAt),
						custodyMonths: x.custodyMonths
					})),
					hearingChanges: (h.get(row.id) ?? []).map((x) => ({
						id: x.id,
						changes: x.changes,
						receivedAt: iso(x.receivedAt)
					})),
					contacts: (c.get(row.id) ?? []).map((x) => ({
						id: x.id,
						occurredAt: iso(x.occurredAt),
						outcome: x.outcome as CaseRecord['contacts'][number]['outcome'],
						informedObligations: x.informedObligations
					})),
					referrals: (r.get(row.id) ?? []).map((x) => ({
						id: x.id,
						madeAt: isoOrNull(x.madeAt),
						consent: x.consent,
						consentRecordedAt: isoOrNull(x.consentRecordedAt)
					})),
					waivers: (w.get(row.id) ?? []).map((x) => ({
						id: x.id,
						obligationKey: x.obligationKey,
						rule: x.rule,
						reason: x.reason,
						agreedBy: x.agreedBy,
						recordedAt: iso(x.recordedAt)
					}))
				},
				victim: { enhancedRights: row.enhancedRights },
				assignments: (a.get(row.id) ?? []).map((x) => ({
					caseworkerId: x.caseworkerId,
					assignedAt: iso(x.assignedAt)
				})),
				assignedCaseworkerId: row.assignedCaseworkerId
			});
		}
	}
	return out;
}
