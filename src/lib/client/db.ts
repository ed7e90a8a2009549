import Dexie, { type Table } from 'dexie';
import type { MutationName, PullCursor, SyncTable } from '$lib/domain';
import type { StoredSecret } from './local-secret';
import type { Sealed } from './vault';

/**
 * The browser's copy of what the signed-in user may see, one IndexedDB database per user, with
 * the outbox of changes not yet on the server. Rows are stored as the server sends them (ISO
 * strings for instants, plus `version`); they are parsed with the domain schemas when read.
 */
export type Row = Record<string, unknown> & { id: string; version?: number };

export type OutboxEntry = {
	/** The client's sequence number: contiguous from 1, assigned in the write's own transaction. */
	seq: number;
	mutationId: string;
	name: MutationName;
	args: unknown;
	caseId: string | null;
	createdAt: string;
};

/** A case opened on this device, waiting to reach the audit trail (`ViewedCase`). */
export type PendingView = { id: string; caseId: string; viewedAt: string };

/** The server copy of a row changed optimistically, kept until every change to it is settled. */
export type Shadow = { key: string; table: SyncTable; id: string; row: Row | null; seqs: number[] };

/** A change the server refused or turned into a conflict: shown to the user until dismissed. */
export type Settlement = {
	mutationId: string;
	seq: number;
	name: MutationName;
	caseId: string | null;
	status: 'rejected' | 'conflict';
	reason: string;
	at: string;
	/**
	 * The change in plain words, with what was typed: a refused change is never lost from sight.
	 * Stored sealed (it can quote a contact summary or safety notes); `settlementsOnDevice` opens it.
	 */
	what?: string | Sealed;
};

/** A record that failed its schema when read: kept aside and reported, never shown as data. */
export type Quarantined = {
	key: string;
	table: string;
	id: string;
	problem: string;
	row: unknown;
	at: string;
};

export type MetaKey =
	| 'clientId'
	| 'nextSeq'
	| 'cursor'
	| 'scopeHash'
	| 'lastSyncedAt'
	| 'lastError'
	| 'dataKey'
	| 'valuesSealed'
	| LockMetaKey;
/** The idle lock's (`lock.svelte.ts`): slow hashes of the password and PIN, and wrong tries offline. */
export type LockMetaKey = 'passwordCheck' | 'pinCheck' | 'unlockFailures';
export type Meta =
	| { key: 'clientId'; value: string }
	| { key: 'nextSeq'; value: number }
	| { key: 'cursor'; value: PullCursor }
	| { key: 'scopeHash'; value: string }
	| { key: 'lastSyncedAt'; value: string }
	| { key: 'lastError'; value: string | null }
	| { key: 'passwordCheck' | 'pinCheck'; value: StoredSecret }
	| { key: 'unlockFailures'; value: number }
	/** The key sensitive values are encrypted with (`vault.ts`): made here, never extractable. */
	| { key: 'dataKey'; value: CryptoKey }
	/** Set once values stored before encryption have been sealed (`sealStoredValues`). */
	| { key: 'valuesSealed'; value: string };

/** The first release's schema, which version 2's upgrade starts from. */
export const VERSION_1: Record<string, string> = {
	cases: 'id, assignedCaseworkerId, version',
	victims: 'id, version',
	caseAssignments: 'id, caseId, version',
	caseEvents: 'id, caseId, version',
	hearings: 'id, caseId, startsAt, version',
	hearingChanges: 'id, caseId, hearingId, version',
	referrals: 'id, caseId, version',
	contacts: 'id, caseId, occurredAt, version',
	rightsRecords: 'id, caseId, version',
	obligationWaivers: 'id, caseId, version',
	conflicts: 'id, caseId, version',
	outbox: 'seq, mutationId',
	shadows: 'key',
	quarantine: 'key',
	meta: 'key'
};

/** The device database's schema now (version 6): each table's primary key, then its indexes. */
export const SCHEMA: Record<string, string> = {
	cases: 'id, assignedCaseworkerId',
	victims: 'id',
	caseAssignments: 'id, caseId',
	caseEvents: 'id, caseId',
	hearings: 'id, caseId, startsAt',
	hearingChanges: 'id, caseId, hearingId',
	referrals: 'id, caseId',
	contacts: 'id, caseId, occurredAt',
	rightsRecords: 'id, caseId',
	obligationWaivers: 'id, caseId',
	conflicts: 'id, caseId',
	victimChanges: 'id, caseId',
	hearingChangeAcknowledgements: 'id, caseId',
	views: 'id',
	outbox: 'seq, mutationId, caseId',
	settlements: 'mutationId, caseId',
	shadows: 'key',
	quarantine: 'key',
	meta: 'key'
};

export class HubDatabase extends Dexie {
	cases!: Table<Row, string>;
	victims!: Table<Row, string>;
	caseAssignments!: Table<Row, string>;
	caseEvents!: Table<Row, string>;
	hearings!: Table<Row, string>;
	hearingChanges!: Table<Row, string>;
	referrals!: Table<Row, string>;
	contacts!: Table<Row, string>;
	rightsRecords!: Table<Row, string>;
	obligationWaivers!: Table<Row, string>;
	conflicts!: Table<Row, string>;
	victimChanges!: Table<Row, string>;
	hearingChangeAcknowledgements!: Table<Row, string>;
	outbox!: Table<OutboxEntry, number>;
	views!: Table<PendingView, string>;
	shadows!: Table<Shadow, string>;
	settlements!: Table<Settlement, string>;
	quarantine!: Table<Quarantined, string>;
	meta!: Table<Meta, MetaKey>;

	constructor(name: string, options?: ConstructorParameters<typeof Dexie>[1]) {
		super(name, options);
		// Only versions with an upgrade are declared, each with its whole schema (Dexie 3+ reads
		// the schema a device actually has, so versions 1 and 3–5 need no declaration): Dexie parses
		// every declared version each time a connection is made, and a page makes two or three as
		// it starts (issue 8: start-up on a phone). What each version changed, for the record:
		// 1, the first release; 2, refused changes kept (`settlements`) and outbox entries indexed
		// by case (upgrade below); 3, no index on `version` (nothing queries by it, and every index
		// costs time on each row a first sync writes); 4, `victimChanges`; 5,
		// `hearingChangeAcknowledgements`; 6, `views`. `db.spec.ts` opens a database of each
		// earlier version and checks it ends with this schema and keeps its data.
		this.version(2)
			.stores({
				...VERSION_1,
				outbox: 'seq, mutationId, caseId',
				settlements: 'mutationId, caseId'
			})
			.upgrade(async (tx) => {
				await tx
					.table<OutboxEntry, number>('outbox')
					.toCollection()
					.modify((entry) => {
						const caseId = (entry.args as { caseId?: unknown } | null)?.caseId;
						entry.caseId = typeof caseId === 'string' ? caseId : null;
					});
			});
		this.version(6).stores(SCHEMA);
		// Deleted by another tab or at sign-out: close and stay closed. Dexie's default closes but
		// reopens on the next query, which would create the database again, empty, after a wipe.
		// Upgraded by another tab (a newer version of the app): close and stay closed too, since
		// this page's code does not know the new schema, and say so (`onClosedElsewhere`). The
		// outbox is in the database, which the upgrade keeps (its upgrade code carries it over).
		this.on('versionchange', (event) => {
			this.close();
			if (event.newVersion) this.closedElsewhere = 'upgraded';
			for (const listener of this.#closedListeners) listener();
			return false;
		});
	}

	/** Why this connection was closed by another tab, if it was. */
	closedElsewhere: 'upgraded' | null = null;
	#closedListeners = new Set<() => void>();

	/** Called when another tab upgrades or deletes the database and this connection closes. */
	onClosedElsewhere(listener: () => void): () => void {
		this.#closedListeners.add(listener);
		return () => this.#closedListeners.delete(listener);
	}

	/** The synced tables, by the protocol's names. */
	syncTable(name: SyncTable): Table<Row, string> {
		return this[name];
	}
}

/** One database per user (architecture.md, "Security model"): another user never opens it. */
export function databaseName(userId: string): string {
	return `victim-care-hub:${userId}`;
}

export function openHubDatabase(
	userId: string,
	options?: ConstructorParameters<typeof Dexie>[1]
): HubDatabase {
	return new HubDatabase(databaseName(userId), options);
}
