import type { z } from 'zod';
import {
	Case,
	CaseEvent,
	Contact,
	Hearing,
	HearingChange,
	LONDON_COURTS,
	ObligationWaiver,
	Referral,
	Victim,
	isEnhanced,
	type CaseRecord,
	type HearingType
} from '$lib/domain';
import type { HubDatabase, Quarantined, Row } from './db';

/**
 * Records read back from IndexedDB are parsed with the domain schemas: storage can hold data from
 * an older version, a bug, or a tampered device. A record that fails is set aside (quarantined)
 * and reported, never shown as if it were right.
 */
export type Read<T> = { records: T[]; problems: Quarantined[] };

export function parseRows<T>(
	table: string,
	rows: (Row | undefined)[],
	schema: z.ZodType<T>
): Read<T> {
	const records: T[] = [];
	const problems: Quarantined[] = [];
	for (const row of rows) {
		if (!row) continue;
		const parsed = schema.safeParse(row);
		if (parsed.success) records.push(parsed.data);
		else {
			const issue = parsed.error.issues[0];
			problems.push({
				key: `${table}:${row.id}`,
				table,
				id: row.id,
				problem: `${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'invalid'}`,
				row,
				at: new Date().toISOString()
			});
		}
	}
	return { records, problems };
}

/** Keeps unreadable records aside, for support to look at. Called outside live queries. */
export async function setAside(db: HubDatabase, problems: Quarantined[]): Promise<void> {
	if (problems.length > 0) await db.quarantine.bulkPut(problems);
}

const COURT_NAMES = new Map(LONDON_COURTS.map((c) => [c.id, c.name]));

export type CaseloadRow = {
	id: string;
	victimName: string;
	enhanced: boolean;
	safety: boolean;
	crimeType: Case['crimeType'];
	crimeReference: string;
	nextHearing: { startsAt: string; type: HearingType; court: string } | null;
};

/** A caseworker's open cases on this device, soonest hearing first. */
export async function caseloadOnDevice(
	db: HubDatabase,
	userId: string,
	now: Date
): Promise<Read<CaseloadRow>> {
	const cases = parseRows(
		'cases',
		await db.cases.where('assignedCaseworkerId').equals(userId).toArray(),
		Case
	);
	const open = cases.records.filter((c) => c.status === 'open');
	const victims = parseRows(
		'victims',
		await db.victims.bulkGet(open.map((c) => c.victimId)),
		Victim
	);
	const hearings = parseRows(
		'hearings',
		await db.hearings
			.where('caseId')
			.anyOf(open.map((c) => c.id))
			.toArray(),
		Hearing
	);
	const victimById = new Map(victims.records.map((v) => [v.id, v]));
	const nowIso = now.toISOString();
	const next = new Map<string, Hearing>();
	for (const h of hearings.records) {
		if (h.startsAt <= nowIso || (h.state !== 'listed' && h.state !== 'relisted')) continue;
		const current = next.get(h.caseId);
		if (!current || h.startsAt < current.startsAt) next.set(h.caseId, h);
	}
	const records: CaseloadRow[] = [];
	for (const c of open) {
		const v = victimById.get(c.victimId);
		if (!v) continue;
		const h = next.get(c.id);
		records.push({
			id: c.id,
			victimName: `${v.givenName} ${v.familyName}`,
			enhanced: isEnhanced(v),
			safety: v.confidentialAddress || v.safeContact.neverUse.length > 0,
			crimeType: c.crimeType,
			crimeReference: `${c.crimeReference.system} ${c.crimeReference.value}`,
			nextHearing: h
				? { startsAt: h.startsAt, type: h.type, court: COURT_NAMES.get(h.courtId) ?? h.courtId }
				: null
		});
	}
	records.sort(
		(a, b) =>
			(a.nextHearing?.startsAt ?? '\uffff').localeCompare(b.nextHearing?.startsAt ?? '\uffff') ||
			a.victimName.localeCompare(b.victimName)
	);
	return { records, problems: [...cases.problems, ...victims.problems, ...hearings.problems] };
}

export type CaseConflict = {
	id: string;
	field: string;
	entityId: string;
	serverValue: string | null;
	clientValue: string | null;
	clientChangedAt: string;
};

/** Everything about one case on this device, parsed; null when the case is not here. */
export async function caseOnDevice(db: HubDatabase, caseId: string) {
	const caseRow = parseRows('cases', [await db.cases.get(caseId)], Case);
	const theCase = caseRow.records[0];
	if (!theCase) return { found: null, problems: caseRow.problems };
	const victim = parseRows('victims', [await db.victims.get(theCase.victimId)], Victim);
	const hearings = parseRows(
		'hearings',
		await db.hearings.where('caseId').equals(caseId).toArray(),
		Hearing
	);
	const history = parseRows(
		'hearingChanges',
		await db.hearingChanges.where('caseId').equals(caseId).toArray(),
		HearingChange
	);
	const contacts = parseRows(
		'contacts',
		await db.contacts.where('caseId').equals(caseId).toArray(),
		Contact
	);
	const pendingContacts = new Set(
		(
			await db.contacts
				.where('caseId')
				.equals(caseId)
				.filter((c) => c._pending === true)
				.toArray()
		).map((c) => c.id)
	);
	const conflicts = (await db.conflicts.where('caseId').equals(caseId).toArray())
		.filter((c) => !c.resolvedAt)
		.map((c) => ({
			id: c.id,
			field: c.field as string,
			entityId: c.entityId as string,
			serverValue: (c.serverValue as string | null) ?? null,
			clientValue: (c.clientValue as string | null) ?? null,
			clientChangedAt: c.clientChangedAt as string
		}));
	return {
		found: {
			case: theCase,
			victim: victim.records[0] ?? null,
			hearings: hearings.records.sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
			history: history.records.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt)),
			contacts: contacts.records.sort((a, b) => b.occurredAt.localeCompare(a.occurredAt)),
			pendingContacts,
			conflicts
		},
		problems: [
			...caseRow.problems,
			...victim.problems,
			...hearings.problems,
			...history.problems,
			...contacts.problems
		]
	};
}

/**
 * What the Code engine needs for the cases on this device, built from the synced rows: the same
 * `CaseRecord` the server builds from its tables, so both compute the same obligations.
 */
export async function caseRecordsOnDevice(
	db: HubDatabase
): Promise<{ record: CaseRecord; victim: Pick<Victim, 'enhancedRights'> }[]> {
	const cases = parseRows('cases', await db.cases.toArray(), Case).records;
	const victims = new Map(
		parseRows('victims', await db.victims.toArray(), Victim).records.map((v) => [v.id, v])
	);
	const byCase = async <T extends { caseId: string }>(
		table: 'caseEvents' | 'hearingChanges' | 'contacts' | 'referrals' | 'obligationWaivers',
		schema: z.ZodType<T>
	) => {
		const out = new Map<string, T[]>();
		for (const r of parseRows(table, await db.syncTable(table).toArray(), schema).records) {
			const list = out.get(r.caseId);
			if (list) list.push(r);
			else out.set(r.caseId, [r]);
		}
		return out;
	};
	const [events, changes, contacts, referrals, waivers] = await Promise.all([
		byCase('caseEvents', CaseEvent),
		byCase('hearingChanges', HearingChange),
		byCase('contacts', Contact),
		byCase('referrals', Referral),
		byCase('obligationWaivers', ObligationWaiver)
	]);
	return cases.flatMap((c) => {
		const victim = victims.get(c.victimId);
		if (!victim) return [];
		return [
			{
				record: {
					case: { id: c.id, reportedAt: c.reportedAt, crimeType: c.crimeType },
					events: events.get(c.id) ?? [],
					hearingChanges: changes.get(c.id) ?? [],
					contacts: contacts.get(c.id) ?? [],
					referrals: referrals.get(c.id) ?? [],
					waivers: waivers.get(c.id) ?? []
				},
				victim
			}
		];
	});
}
