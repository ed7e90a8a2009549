import { and, asc, gt, gte, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import {
	INITIAL_CURSOR,
	SYNC_TABLES,
	type Actor,
	type PullCursor,
	type PullResponse,
	type SyncRow,
	type SyncTable
} from '$lib/domain';
import { recordAudit } from '../audit/record';
import type { Database } from '../db';
import * as s from '../db/schema';
import { scopeCondition, scopeHash, visibleCaseIds } from './scope';
import { tombstoneHorizon } from './tombstones';

type Source = {
	table: PgTable;
	version: PgColumn;
	id: PgColumn;
	caseColumn: PgColumn | null;
	victimTable?: true;
};

const SOURCES: Record<SyncTable, Source> = {
	cases: { table: s.cases, version: s.cases.version, id: s.cases.id, caseColumn: s.cases.id },
	victims: {
		table: s.victims,
		version: s.victims.version,
		id: s.victims.id,
		caseColumn: null,
		victimTable: true
	},
	caseAssignments: {
		table: s.caseAssignments,
		version: s.caseAssignments.version,
		id: s.caseAssignments.id,
		caseColumn: s.caseAssignments.caseId
	},
	caseEvents: {
		table: s.caseEvents,
		version: s.caseEvents.version,
		id: s.caseEvents.id,
		caseColumn: s.caseEvents.caseId
	},
	hearings: {
		table: s.hearings,
		version: s.hearings.version,
		id: s.hearings.id,
		caseColumn: s.hearings.caseId
	},
	hearingChanges: {
		table: s.hearingChanges,
		version: s.hearingChanges.version,
		id: s.hearingChanges.id,
		caseColumn: s.hearingChanges.caseId
	},
	referrals: {
		table: s.referrals,
		version: s.referrals.version,
		id: s.referrals.id,
		caseColumn: s.referrals.caseId
	},
	contacts: {
		table: s.contacts,
		version: s.contacts.version,
		id: s.contacts.id,
		caseColumn: s.contacts.caseId
	},
	rightsRecords: {
		table: s.rightsRecords,
		version: s.rightsRecords.version,
		id: s.rightsRecords.id,
		caseColumn: s.rightsRecords.caseId
	},
	obligationWaivers: {
		table: s.obligationWaivers,
		version: s.obligationWaivers.version,
		id: s.obligationWaivers.id,
		caseColumn: s.obligationWaivers.caseId
	},
	conflicts: {
		table: s.conflicts,
		version: s.conflicts.version,
		id: s.conflicts.id,
		caseColumn: s.conflicts.caseId
	},
	victimChanges: {
		table: s.victimChanges,
		version: s.victimChanges.version,
		id: s.victimChanges.id,
		caseColumn: s.victimChanges.caseId
	},
	hearingChangeAcknowledgements: {
		table: s.hearingChangeAcknowledgements,
		version: s.hearingChangeAcknowledgements.version,
		id: s.hearingChangeAcknowledgements.id,
		caseColumn: s.hearingChangeAcknowledgements.caseId
	}
};

/** What a victim's device may hold: their hearings, referrals and rights, never internal records. */
const VICTIM_TABLES: ReadonlySet<SyncTable> = new Set([
	'cases',
	'victims',
	'hearings',
	'hearingChanges',
	'referrals',
	'rightsRecords',
	'hearingChangeAcknowledgements'
]);

/** Drops what a victim must not receive: case notes, addresses, the crime reference, evidence notes. */
function victimSafe(table: SyncTable, row: Record<string, unknown>): Record<string, unknown> {
	switch (table) {
		case 'cases': {
			const { crimeReference: _r, crimeReferenceSystem: _s, ...rest } = row;
			return rest;
		}
		case 'victims': {
			const { address: _a, safeContact, enhancedRights, ...rest } = row;
			const { notes: _n, ...contact } = safeContact as Record<string, unknown>;
			// Which groups apply, and since when; the caseworker's reasons and staff ids stay internal.
			const groups = (enhancedRights as Record<string, unknown>[]).map(
				({ group, appliesFrom, endedAt }) => ({ group, appliesFrom, endedAt })
			);
			return { ...rest, safeContact: contact, enhancedRights: groups };
		}
		case 'referrals': {
			// Moves carry the caseworker's reasons and staff ids: internal to the hub.
			const { notes: _n, moves: _m, ...rest } = row;
			return rest;
		}
		case 'rightsRecords': {
			const { evidence: _e, updatedBy: _u, ...rest } = row;
			return rest;
		}
		case 'hearingChanges': {
			const { recordedBy: _r, ...rest } = row;
			return rest;
		}
		default:
			return row;
	}
}

/** A confidential address never leaves the server for anyone's device. */
function withoutConfidentialAddress(
	table: SyncTable,
	row: Record<string, unknown>
): Record<string, unknown> {
	if (table === 'victims' && row.confidentialAddress === true) return { ...row, address: null };
	return row;
}

/** Fields the domain schemas mark optional (absent rather than null). */
const OPTIONAL_FIELDS: Partial<Record<SyncTable, readonly string[]>> = {
	victims: ['title', 'interpreterLanguage', 'address'],
	referrals: ['notes']
};

/**
 * A row as the domain schemas describe the record (plus its `version`), so the browser parses
 * what it receives with the same schemas: instants as ISO strings, the crime reference as one
 * object, optional fields absent rather than null.
 */
function toWire(table: SyncTable, row: Record<string, unknown>): Record<string, unknown> {
	// A tombstone: the device only needs to know what to remove, not what it said.
	if (row.deleted === true)
		return { id: row.id, version: row.version, caseId: row.caseId, deleted: true };
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(row)) {
		if (k === 'deleted' || (v === null && OPTIONAL_FIELDS[table]?.includes(k))) continue;
		out[k] = v instanceof Date ? v.toISOString() : v;
	}
	if (table === 'cases') {
		out.crimeReference = { system: row.crimeReferenceSystem, value: row.crimeReference };
		delete out.crimeReferenceSystem;
	}
	return out;
}

/**
 * Rows after the cursor's position, for table number `t` (see `PullCursor`). The row-value
 * comparison lets PostgreSQL range-scan the (version, id) index instead of sorting.
 */
function after(source: Source, tableIndex: number, cursor: PullCursor): SQL {
	if (tableIndex < cursor.t) return gt(source.version, cursor.v);
	if (tableIndex > cursor.t) return gte(source.version, cursor.v);
	return sql`(${source.version}, ${source.id}) > (${cursor.v}, ${cursor.id}::uuid)`;
}

/**
 * The caller's cases as a sub-select, not a list of ids: a supervisor's team has thousands of
 * cases, and a semi-join beats binding thousands of parameters into every table's query.
 */
function scopeFilter(db: Database, source: Source, actor: Actor): SQL {
	const scopedCases = db.select({ id: s.cases.id }).from(s.cases).where(scopeCondition(actor));
	if (source.victimTable)
		return inArray(
			s.victims.id,
			db.select({ id: s.cases.victimId }).from(s.cases).where(scopeCondition(actor))
		);
	return inArray(source.caseColumn!, scopedCases);
}

export const DEFAULT_PULL_LIMIT = 5000;

/**
 * One page of changes the caller may see now, after `cursor`, ordered by (version, table, id) so a
 * page boundary can fall inside one transaction's rows without losing or repeating any.
 */
export async function pull(
	db: Database,
	actor: Actor,
	request: { cursor: PullCursor | null; limit?: number; scopeHash?: string | null },
	now = new Date()
): Promise<PullResponse> {
	// One snapshot for every table read: a commit landing between two reads could otherwise be
	// half-seen, and the cursor would pass rows the client never got.
	const { response, sent } = await db.transaction((tx) => pullInSnapshot(tx, actor, request), {
		isolationLevel: 'repeatable read',
		accessMode: 'read only'
	});
	// Staff read cases from their device, so what reaches the device is what the server can audit:
	// one row per case per page that carried any of its records (a case's rows come again only
	// when they change, so this grows with changes × devices, not with every minute's pull).
	// Written before the answer leaves: if it cannot be recorded, nothing is sent.
	if (actor.role !== 'victim' && sent.size > 0)
		await recordAudit(
			db,
			actor,
			[...sent].map(([caseId, rows]) => ({
				action: 'case.synced-to-device' as const,
				caseId,
				detail: { rows }
			})),
			now
		);
	return response;
}

async function pullInSnapshot(
	db: Database,
	actor: Actor,
	request: { cursor: PullCursor | null; limit?: number; scopeHash?: string | null }
): Promise<{ response: PullResponse; sent: Map<string, number> }> {
	const cursor = request.cursor ?? INITIAL_CURSOR;
	const limit = request.limit ?? DEFAULT_PULL_LIMIT;
	const caseIds = await visibleCaseIds(db, actor);
	const hash = scopeHash(caseIds);
	// Tombstones at or below the horizon are gone (0: none yet). A device not past it may have
	// missed some (one at the horizon's own version may sit after the cursor's table and id),
	// unless its download began under this horizon, after they were removed: it never had those
	// records. Each cursor the server gives carries the horizon, so a fresh download stays whole.
	const horizon = await tombstoneHorizon(db);
	if (request.cursor && request.cursor.v <= horizon && (request.cursor.h ?? 0) < horizon)
		return {
			response: { cursor, hasMore: true, changes: {}, scope: null, total: null, reset: true },
			sent: new Map()
		};
	const tables = SYNC_TABLES.filter((t) => actor.role !== 'victim' || VICTIM_TABLES.has(t));

	const candidates: {
		v: number;
		t: number;
		id: string;
		table: SyncTable;
		row: Record<string, unknown>;
	}[] = [];
	let aTableIsFull = false;
	if (caseIds.length > 0) {
		for (const table of tables) {
			const tableIndex = SYNC_TABLES.indexOf(table);
			const source = SOURCES[table];
			const inScope = scopeFilter(db, source, actor);
			const rows = (await db
				.select()
				.from(source.table)
				.where(and(inScope, after(source, tableIndex, cursor)))
				.orderBy(asc(source.version), asc(source.id))
				.limit(limit)) as Record<string, unknown>[];
			if (rows.length === limit) aTableIsFull = true;
			for (const row of rows)
				candidates.push({
					v: row.version as number,
					t: tableIndex,
					id: row.id as string,
					table,
					row
				});
		}
	}
	candidates.sort((a, b) => a.v - b.v || a.t - b.t || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	const page = candidates.slice(0, limit);
	const changes: PullResponse['changes'] = {};
	for (const c of page) {
		let row = toWire(c.table, withoutConfidentialAddress(c.table, c.row));
		if (actor.role === 'victim') row = victimSafe(c.table, row);
		(changes[c.table] ??= []).push(row as SyncRow);
	}
	const sent = await rowsByCase(db, actor, page);
	const last = page[page.length - 1];
	let total: number | null = null;
	if (!request.cursor && caseIds.length > 0) {
		total = 0;
		for (const table of tables) {
			const source = SOURCES[table];
			const inScope = scopeFilter(db, source, actor);
			const [row] = await db
				.select({ n: sql<number>`count(*)`.mapWith(Number) })
				.from(source.table)
				.where(inScope);
			total += row?.n ?? 0;
		}
	}
	const position = last ? { v: last.v, t: last.t, id: last.id } : { ...cursor };
	return {
		response: {
			cursor: horizon > 0 ? { ...position, h: horizon } : position,
			hasMore: candidates.length > limit || aTableIsFull,
			changes,
			scope: request.scopeHash === hash ? null : { caseIds, hash },
			total
		},
		sent
	};
}

/** How many rows of each case a page carries; a victim's record counts for each of their cases. */
async function rowsByCase(
	db: Database,
	actor: Actor,
	page: readonly { table: SyncTable; row: Record<string, unknown> }[]
): Promise<Map<string, number>> {
	const sent = new Map<string, number>();
	const add = (caseId: string) => sent.set(caseId, (sent.get(caseId) ?? 0) + 1);
	const victimIds: string[] = [];
	for (const { table, row } of page) {
		if (table === 'cases') add(row.id as string);
		else if (table === 'victims') victimIds.push(row.id as string);
		else add(row.caseId as string);
	}
	if (actor.role === 'victim' || victimIds.length === 0) return sent;
	const theirCases = await db
		.select({ id: s.cases.id })
		.from(s.cases)
		.where(and(scopeCondition(actor), inArray(s.cases.victimId, victimIds)));
	for (const c of theirCases) add(c.id);
	return sent;
}
