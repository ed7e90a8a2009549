import { z } from 'zod';
import {
	Assignment,
	Case,
	CaseEvent,
	byInstant,
	byUrgency,
	obligationsFor,
	RightsRecord,
	TO_DO,
	type Obligation,
	Contact,
	Hearing,
	HearingChange,
	HearingChangeAcknowledgement,
	Id,
	Instant,
	LONDON_COURTS,
	ObligationWaiver,
	Referral,
	Victim,
	VictimChange,
	isEnhanced,
	type CaseRecord,
	type HearingType,
	type TeamCase
} from '$lib/domain';
import type { HubDatabase, Quarantined, Row, Settlement } from './db';
import { readyToSortByName, Slices } from './slices';
import { Vault, withoutSensitiveValues } from './vault';

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
		else problems.push(problemOf(table, row, parsed.error));
	}
	return { records, problems };
}

function problemOf(table: string, row: Row, error: z.ZodError): Quarantined {
	const issue = error.issues[0];
	return {
		key: `${table}:${row.id}`,
		table,
		id: row.id,
		problem: `${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'invalid'}`,
		row,
		at: new Date().toISOString()
	};
}

/**
 * Rows already parsed, kept from one read of whole tables to the next (the supervisor's team is
 * read again after every sync, and most of its ~67,000 rows have not changed). A row is parsed
 * again when its `version` differs, and never kept while it is a change of this device's own not
 * yet on the server (`_pending`, written over the server's copy with the same version). Each read
 * keeps only the rows it saw, so rows gone from the device are dropped. The records are shared
 * between reads: read them, never change them.
 */
export class ParsedRows {
	#tables = new Map<string, Map<string, { version: number; record: unknown }>>();

	/**
	 * Parses `rows` of `table`, reusing what the last read parsed. With `slices`, yields to the
	 * browser between rows whenever a slice has run its time: one table of a caseload (some 2,000
	 * contacts) takes tens of milliseconds to parse on a phone, more than one slice.
	 */
	async parse<T>(
		table: string,
		rows: Row[],
		schema: z.ZodType<T>,
		slices?: Slices
	): Promise<Read<T>> {
		const before = this.#tables.get(table);
		const kept = new Map<string, { version: number; record: unknown }>();
		const records: T[] = [];
		const problems: Quarantined[] = [];
		for (const row of rows) {
			if (slices?.due) await slices.next();
			const version = row._pending === true ? undefined : row.version;
			const hit = version === undefined ? undefined : before?.get(row.id);
			if (hit && hit.version === version) {
				records.push(hit.record as T);
				kept.set(row.id, hit);
				continue;
			}
			const parsed = schema.safeParse(row);
			if (!parsed.success) problems.push(problemOf(table, row, parsed.error));
			else {
				records.push(parsed.data);
				if (typeof version === 'number') kept.set(row.id, { version, record: parsed.data });
			}
		}
		this.#tables.set(table, kept);
		return { records, problems };
	}
}

/** Keeps unreadable records aside, for support to look at. Called outside live queries. */
export async function setAside(db: HubDatabase, problems: Quarantined[]): Promise<void> {
	// A record read for a page had its sealed values opened: they are sealed again to be kept.
	if (problems.length > 0)
		await db.quarantine.bulkPut(await new Vault(db).sealRows('quarantine', problems));
}

/**
 * Rows of a table whose sensitive values are stored sealed (`vault.ts`), opened and then parsed:
 * a value that cannot be opened sets its record aside like one that fails its schema.
 */
export async function parseOpened<T>(
	db: HubDatabase,
	table: string,
	rows: (Row | undefined)[],
	schema: z.ZodType<T>
): Promise<Read<T>> {
	const opened = await new Vault(db).openRows(table, rows);
	const read = parseRows(table, opened.rows, schema);
	return { records: read.records, problems: [...opened.problems, ...read.problems] };
}

/**
 * The victim and the contact as the caseload and the team's lists read them: without the address,
 * the safety notes and the summary, which they do not show. Those stay sealed (nothing is
 * decrypted for a list); everything else is checked as usual. Pages that show them parse the
 * opened rows with the full schemas (`parseOpened`).
 */
const VictimInLists = z.preprocess(
	(row) =>
		typeof row === 'object' && row !== null ? withoutSensitiveValues('victims', row as Row) : row,
	Victim
);
const ContactInLists = Contact.omit({ summary: true });
type ContactInLists = z.infer<typeof ContactInLists>;

/** The refused changes kept on this device, their words opened (left out if they cannot be). */
export async function settlementsOnDevice(
	db: HubDatabase
): Promise<Read<Settlement & { what?: string }>> {
	const rows = await db.settlements.toArray();
	const opened = await new Vault(db).openRows('settlements', rows);
	const unreadable = new Set(opened.problems.map((p) => p.row));
	const records = [
		...opened.rows,
		// Still shown (the change was refused), without the words that could not be read.
		...rows.filter((r) => unreadable.has(r)).map((r) => ({ ...r, what: undefined }))
	].sort((a, b) => a.seq - b.seq) as (Settlement & { what?: string })[];
	return { records, problems: opened.problems };
}

const COURT_NAMES = new Map(LONDON_COURTS.map((c) => [c.id, c.name]));

export type CaseloadRow = {
	id: string;
	victimName: string;
	enhanced: boolean;
	safety: boolean;
	status: Case['status'];
	crimeType: Case['crimeType'];
	crimeReference: string;
	nextHearing: { startsAt: string; type: HearingType; court: string } | null;
	/** Courts of the case's listed hearings, for the court filter. */
	courtIds: string[];
	/** The most urgent obligation still to do, if any. */
	nextObligation: Obligation | null;
	overdue: number;
	dueSoon: number;
};

/**
 * A caseworker's cases on this device with what needs doing first: overdue, then due soon, then
 * the rest by their next deadline (the order of the caseload page).
 *
 * Opening the caseload must not hold up the page (issue 8: Lighthouse on a mid-range phone), so:
 * - every read is done first, and then the parsing and the Code engine run in slices (`Slices`),
 *   yielding to the browser between them (no read comes after a yield, so the live query still
 *   sees them all);
 * - the tables are read whole and narrowed to the caseworker's cases here. A caseworker's device
 *   holds little else (a sync brings only their cases), and in a live query Dexie notes every
 *   row an index query returns to know when to run it again, which for the ~5,000 rows of 150
 *   cases cost more than reading them; a whole table is noted as one range;
 * - `parsed` keeps the records parsed by one read for the next, so after a sync only what
 *   changed is parsed again (see `ParsedRows`).
 */
export async function caseloadOnDevice(
	db: HubDatabase,
	userId: string,
	now: Date,
	parsed = new ParsedRows()
): Promise<Read<CaseloadRow>> {
	const [caseRows, victimRows, hearingRows, ...engineRows] = await Promise.all([
		db.cases.where('assignedCaseworkerId').equals(userId).toArray(),
		db.victims.toArray(),
		db.hearings.toArray(),
		...ENGINE_TABLES.map((table) => db.syncTable(table).toArray())
	]);
	const slices = new Slices();
	const parse: Parse = (table, rows, schema) => parsed.parse(table, rows, schema, slices);
	const cases = await parse('cases', caseRows, Case);
	const ids = new Set(cases.records.map((c) => c.id));
	const victimIds = new Set(cases.records.map((c) => c.victimId));
	const ofTheseCases = (rows: Row[]) => rows.filter((r) => ids.has(r.caseId as string));
	await slices.next();
	const victims = await parse(
		'victims',
		victimRows.filter((r) => victimIds.has(r.id)),
		VictimInLists
	);
	await slices.next();
	const hearings = await parse('hearings', ofTheseCases(hearingRows), Hearing);
	await slices.next();
	const engine = await recordsFrom(
		cases.records,
		victims.records,
		Object.fromEntries(
			ENGINE_TABLES.map((t, i) => [t, ofTheseCases(engineRows[i]!)])
		) as EngineRows,
		parse,
		slices
	);
	const records = new Map(engine.records.map((r) => [r.record.case.id, r.record]));
	const victimById = new Map(victims.records.map((v) => [v.id, v]));
	const nowIso = now.toISOString();
	const next = new Map<string, Hearing>();
	const courts = new Map<string, Set<string>>();
	for (const h of hearings.records) {
		if (h.state !== 'listed' && h.state !== 'relisted') continue;
		(courts.get(h.caseId) ?? courts.set(h.caseId, new Set()).get(h.caseId)!).add(h.courtId);
		if (h.startsAt <= nowIso) continue;
		const current = next.get(h.caseId);
		if (!current || h.startsAt < current.startsAt) next.set(h.caseId, h);
	}
	const rows: CaseloadRow[] = [];
	for (const c of cases.records) {
		await slices.next();
		const v = victimById.get(c.victimId);
		const record = records.get(c.id);
		if (!v || !record) continue;
		const toDo =
			c.status === 'open'
				? obligationsFor(record, v, nowIso)
						.filter((o) => TO_DO.has(o.status))
						.sort(byUrgency)
				: [];
		const h = next.get(c.id);
		rows.push({
			id: c.id,
			victimName: `${v.givenName} ${v.familyName}`,
			enhanced: isEnhanced(v),
			safety: v.confidentialAddress || v.safeContact.neverUse.length > 0,
			status: c.status,
			crimeType: c.crimeType,
			crimeReference: `${c.crimeReference.system} ${c.crimeReference.value}`,
			nextHearing: h
				? { startsAt: h.startsAt, type: h.type, court: COURT_NAMES.get(h.courtId) ?? h.courtId }
				: null,
			courtIds: [...(courts.get(c.id) ?? [])],
			nextObligation: toDo[0] ?? null,
			overdue: toDo.filter((o) => o.status === 'overdue').length,
			dueSoon: toDo.filter((o) => o.status === 'due-soon').length
		});
	}
	await readyToSortByName();
	rows.sort(byWhatNeedsDoing);
	return {
		records: rows,
		problems: [...cases.problems, ...victims.problems, ...hearings.problems, ...engine.problems]
	};
}

/** Overdue first, then due soon, then by the next deadline; cases with nothing due last. */
export function byWhatNeedsDoing(a: CaseloadRow, b: CaseloadRow): number {
	const x = a.nextObligation;
	const y = b.nextObligation;
	if (x && y) return byUrgency(x, y) || a.victimName.localeCompare(b.victimName);
	if (x || y) return x ? -1 : 1;
	return a.victimName.localeCompare(b.victimName);
}

/**
 * A change that clashed with another made meanwhile, kept on the case until its caseworker picks
 * which to keep. Synced rows, so parsed like the rest; the values are whatever the fields hold.
 */
const Conflict = z.object({
	id: Id,
	caseId: Id,
	entity: z.enum(['hearing', 'victim']),
	entityId: Id,
	field: z.string().min(1),
	serverValue: z.unknown().transform((v) => v ?? null),
	clientValue: z.unknown().transform((v) => v ?? null),
	clientChangedBy: Id,
	clientChangedAt: Instant,
	resolvedAt: Instant.nullable().optional()
});
export type CaseConflict = z.infer<typeof Conflict>;

/** Conflicts not yet resolved, on one case or (without `caseId`) every case on this device. */
export async function conflictsOnDevice(
	db: HubDatabase,
	caseId?: string
): Promise<Read<CaseConflict>> {
	const rows =
		caseId === undefined
			? await db.conflicts.toArray()
			: await db.conflicts.where('caseId').equals(caseId).toArray();
	const read = await parseOpened(db, 'conflicts', rows, Conflict);
	return { records: read.records.filter((c) => !c.resolvedAt), problems: read.problems };
}

/** Everything about one case on this device, parsed; null when the case is not here. */
export async function caseOnDevice(db: HubDatabase, caseId: string, now = new Date()) {
	const caseRow = parseRows('cases', [await db.cases.get(caseId)], Case);
	const theCase = caseRow.records[0];
	if (!theCase) return { found: null, problems: caseRow.problems };
	const victim = await parseOpened(db, 'victims', [await db.victims.get(theCase.victimId)], Victim);
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
	const contacts = await parseOpened(
		db,
		'contacts',
		await db.contacts.where('caseId').equals(caseId).toArray(),
		Contact
	);
	// Records written on this device and not yet on the server, by table and id.
	const pendingIds = new Set<string>();
	for (const table of [
		'contacts',
		'hearingChanges',
		'victimChanges',
		'referrals',
		'rightsRecords'
	] as const)
		for (const key of await db
			.syncTable(table)
			.where('caseId')
			.equals(caseId)
			.filter((r) => r._pending === true)
			.primaryKeys())
			pendingIds.add(`${table}:${key}`);
	const inCase = async <T>(
		table: 'referrals' | 'rightsRecords' | 'caseAssignments' | 'caseEvents' | 'obligationWaivers',
		schema: z.ZodType<T>
	) => parseRows(table, await db.syncTable(table).where('caseId').equals(caseId).toArray(), schema);
	const [referrals, rights, assignments, events, waivers] = await Promise.all([
		inCase('referrals', Referral),
		inCase('rightsRecords', RightsRecord),
		inCase('caseAssignments', Assignment),
		inCase('caseEvents', CaseEvent),
		inCase('obligationWaivers', ObligationWaiver)
	]);
	// The same as timeline ids: a referral's pending line is its latest move.
	const pending = new Set<string>();
	for (const c of contacts.records)
		if (pendingIds.has(`contacts:${c.id}`)) pending.add(`contact:${c.id}`);
	for (const h of history.records)
		if (pendingIds.has(`hearingChanges:${h.id}`)) pending.add(`hearing:${h.id}`);
	for (const r of referrals.records)
		if (pendingIds.has(`referrals:${r.id}`)) pending.add(`referral:${r.id}:${r.moves.length - 1}`);
	for (const r of rights.records)
		if (pendingIds.has(`rightsRecords:${r.id}`)) pending.add(`right:${r.id}`);
	const victimHistory = await parseOpened(
		db,
		'victimChanges',
		await db.victimChanges.where('caseId').equals(caseId).toArray(),
		VictimChange
	);
	for (const v of victimHistory.records)
		if (pendingIds.has(`victimChanges:${v.id}`)) pending.add(`details:${v.id}`);
	const acknowledgements = parseRows(
		'hearingChangeAcknowledgements',
		await db.hearingChangeAcknowledgements.where('caseId').equals(caseId).toArray(),
		HearingChangeAcknowledgement
	);
	const conflicts = await conflictsOnDevice(db, caseId);
	const theVictim = victim.records[0] ?? null;
	// The same engine, on the same records, as the server: the obligations agree after a sync.
	const obligations = theVictim
		? obligationsFor(
				{
					case: theCase,
					events: events.records,
					hearingChanges: history.records,
					contacts: contacts.records,
					referrals: referrals.records,
					waivers: waivers.records
				},
				theVictim,
				now.toISOString()
			)
		: [];
	return {
		found: {
			case: theCase,
			victim: theVictim,
			obligations,
			referrals: referrals.records.sort((a, b) => byInstant(b.offeredAt, a.offeredAt)),
			rights: rights.records,
			assignments: assignments.records,
			events: events.records,
			hearings: hearings.records.sort((a, b) => byInstant(a.startsAt, b.startsAt)),
			history: history.records.sort((a, b) => byInstant(b.receivedAt, a.receivedAt)),
			victimHistory: victimHistory.records.sort((a, b) => byInstant(b.recordedAt, a.recordedAt)),
			acknowledgements: acknowledgements.records,
			contacts: contacts.records.sort((a, b) => byInstant(b.occurredAt, a.occurredAt)),
			pending,
			conflicts: conflicts.records
		},
		problems: [
			...caseRow.problems,
			...victim.problems,
			...hearings.problems,
			...history.problems,
			...victimHistory.problems,
			...acknowledgements.problems,
			...contacts.problems,
			...referrals.problems,
			...rights.problems,
			...assignments.problems,
			...events.problems,
			...waivers.problems,
			...conflicts.problems
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
	const victims = parseRows('victims', await db.victims.toArray(), VictimInLists).records;
	const rows = await Promise.all(ENGINE_TABLES.map((table) => db.syncTable(table).toArray()));
	const engineRows = Object.fromEntries(ENGINE_TABLES.map((t, i) => [t, rows[i]!])) as EngineRows;
	return (await recordsFrom(cases, victims, engineRows, parseRows)).records;
}

/** The engine's record, with who recorded each contact (for the team's workload). */
type DeviceRecord = CaseRecord & { contacts: ContactInLists[] };

const ENGINE_TABLES = [
	'caseEvents',
	'hearingChanges',
	'contacts',
	'referrals',
	'obligationWaivers'
] as const;
type EngineRows = Record<(typeof ENGINE_TABLES)[number], Row[]>;
/** Parses a table's rows against its schema (`ParsedRows.parse`, or `parseRows` for one case). */
type Parse = <T>(table: string, rows: Row[], schema: z.ZodType<T>) => Read<T> | Promise<Read<T>>;

/**
 * The engine's records from rows already read, parsed by `parse`, grouped by case; with `slices`,
 * yielding to the browser between tables when a slice has run its time.
 */
async function recordsFrom(
	cases: readonly Case[],
	victims: readonly Victim[],
	rows: EngineRows,
	parse: Parse,
	slices?: Slices
): Promise<Read<{ record: DeviceRecord; victim: Victim }>> {
	const problems: Quarantined[] = [];
	const byCase = async <T extends { caseId: string }>(
		table: keyof EngineRows,
		schema: z.ZodType<T>
	) => {
		await slices?.next();
		const read = await parse(table, rows[table], schema);
		problems.push(...read.problems);
		const out = new Map<string, T[]>();
		for (const r of read.records) {
			const list = out.get(r.caseId);
			if (list) list.push(r);
			else out.set(r.caseId, [r]);
		}
		return out;
	};
	const events = await byCase('caseEvents', CaseEvent);
	const changes = await byCase('hearingChanges', HearingChange);
	const contacts = await byCase('contacts', ContactInLists);
	const referrals = await byCase('referrals', Referral);
	const waivers = await byCase('obligationWaivers', ObligationWaiver);
	const victimById = new Map(victims.map((v) => [v.id, v]));
	const records = cases.flatMap((c) => {
		const victim = victimById.get(c.victimId);
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
	return { records, problems };
}

/**
 * The supervisor's team on this device: every case it holds, ready for `teamView`. `parsed` keeps
 * the rows parsed by one read for the next (see `ParsedRows`).
 *
 * The tables are read side by side. In a live query each read goes through Dexie's cache of live
 * queries, so reading the team again soon after (the Team does after each sync) takes the rows
 * from memory instead of from IndexedDB, where 67,000 rows take most of a second.
 */
export async function teamOnDevice(
	db: HubDatabase,
	parsed = new ParsedRows()
): Promise<Read<TeamCase>> {
	const names = ['cases', 'victims', 'caseAssignments', ...ENGINE_TABLES] as const;
	const [caseRows, victimRows, assignmentRows, ...engineRows] = await Promise.all(
		names.map((name) => db.syncTable(name).toArray())
	);
	const parse: Parse = (table, rows, schema) => parsed.parse(table, rows, schema);
	const cases = await parse('cases', caseRows!, Case);
	const victims = await parse('victims', victimRows!, VictimInLists);
	const assignments = await parse('caseAssignments', assignmentRows!, Assignment);
	const engine = await recordsFrom(
		cases.records,
		victims.records,
		Object.fromEntries(ENGINE_TABLES.map((t, i) => [t, engineRows[i]!])) as EngineRows,
		parse
	);
	const caseById = new Map(cases.records.map((c) => [c.id, c]));
	const movesByCase = new Map<string, Assignment[]>();
	for (const a of assignments.records) {
		const list = movesByCase.get(a.caseId);
		if (list) list.push(a);
		else movesByCase.set(a.caseId, [a]);
	}
	const records: TeamCase[] = engine.records.map(({ record, victim }) => ({
		case: caseById.get(record.case.id)!,
		victim,
		record,
		assignments: movesByCase.get(record.case.id) ?? []
	}));
	return {
		records,
		problems: [...cases.problems, ...victims.problems, ...assignments.problems, ...engine.problems]
	};
}
