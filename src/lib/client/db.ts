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

const CASE_TABLES = 'id, caseId, version';

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
		// Version 1: the first release's schema. Kept as it was, so a device that has it upgrades.
		this.version(1).stores({
			cases: 'id, assignedCaseworkerId, version',
			victims: 'id, version',
			caseAssignments: CASE_TABLES,
			caseEvents: CASE_TABLES,
			hearings: 'id, caseId, startsAt, version',
			hearingChanges: 'id, caseId, hearingId, version',
			referrals: CASE_TABLES,
			contacts: 'id, caseId, occurredAt, version',
			rightsRecords: CASE_TABLES,
			obligationWaivers: CASE_TABLES,
			conflicts: CASE_TABLES,
			outbox: 'seq, mutationId',
			shadows: 'key',
			quarantine: 'key',
			meta: 'key'
		});
		// Version 2: refused changes are kept to show the user; outbox entries index their case so
		// a case leaving the device can say which unsynced changes were about it.
		this.version(2)
			.stores({ outbox: 'seq, mutationId, caseId', settlements: 'mutationId, caseId' })
			.upgrade(async (tx) => {
				await tx
					.table<OutboxEntry, number>('outbox')
					.toCollection()
					.modify((entry) => {
						const caseId = (entry.args as { caseId?: unknown } | null)?.caseId;
						entry.caseId = typeof caseId === 'string' ? caseId : null;
					});
			});
		// Version 3: no index on `version` — nothing on the device queries by it, and every index
		// costs time on each of the tens of thousands of rows a first sync writes.
		this.version(3).stores({
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
			conflicts: 'id, caseId'
		});
		// Version 4: the history of a victim's details, which now sync as field-merged changes.
		this.version(4).stores({ victimChanges: 'id, caseId' });
		// Version 5: the victim's "I have seen this" on hearing changes, for the case's timeline.
		this.version(5).stores({ hearingChangeAcknowledgements: 'id, caseId' });
		// Version 6: cases opened here, waiting to reach the server's audit trail.
		this.version(6).stores({ views: 'id' });
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
