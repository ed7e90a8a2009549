import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { HubDatabase, SCHEMA } from './db';

/**
 * The device database's history, as each release declared it (each version lists only what it
 * changed). `HubDatabase` declares only the versions with an upgrade; a device may hold any of
 * these, and must end with the same schema as a new one, its data kept.
 */
const RELEASED: Record<string, string | null>[] = [
	{
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
	},
	{ outbox: 'seq, mutationId, caseId', settlements: 'mutationId, caseId' },
	{
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
	},
	{ victimChanges: 'id, caseId' },
	{ hearingChangeAcknowledgements: 'id, caseId' }
];

/** A database as release `version` (1-based) made it. */
function released(name: string, version: number): Dexie {
	const db = new Dexie(name);
	for (const [i, stores] of RELEASED.slice(0, version).entries()) db.version(i + 1).stores(stores);
	return db;
}

/** What IndexedDB itself holds: each store's key path and its indexes, by name. */
async function schemaOf(name: string): Promise<Record<string, string>> {
	const idb = await new Promise<IDBDatabase>((resolve, reject) => {
		const request = indexedDB.open(name);
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(new Error(`Could not open ${name}: ${String(request.error)}`));
	});
	const tx = idb.transaction([...idb.objectStoreNames]);
	const schema: Record<string, string> = {};
	for (const store of idb.objectStoreNames) {
		const s = tx.objectStore(store);
		schema[store] = [s.keyPath, ...[...s.indexNames].sort()].join(', ');
	}
	idb.close();
	return schema;
}

/** `SCHEMA` in the form `schemaOf` gives (indexes sorted). */
const expected = Object.fromEntries(
	Object.entries(SCHEMA).map(([table, spec]) => {
		const [key, ...indexes] = spec.split(',').map((part) => part.trim());
		return [table, [key, ...indexes.sort()].join(', ')];
	})
);

describe('the device database', () => {
	it('has the schema of the releases before it and version 6 (the `views` table), unchanged', () => {
		const merged: Record<string, string | null> = Object.assign({}, ...RELEASED, {
			views: 'id'
		}) as Record<string, string | null>;
		expect(SCHEMA).toEqual(merged);
	});

	it('is made new with the current schema', async () => {
		const db = new HubDatabase('victim-care-hub:new-test');
		await db.open();
		db.close();
		expect(await schemaOf('victim-care-hub:new-test')).toEqual(expected);
	});

	it.each([1, 2, 3, 4, 5])(
		'upgrades from release %i to the current schema, keeping its data',
		async (version) => {
			const name = `victim-care-hub:from-${version}`;
			const old = released(name, version);
			await old.table('cases').add({ id: 'case-1', assignedCaseworkerId: 'u1', version: 3 });
			await old.table('contacts').add({ id: 'contact-1', caseId: 'case-1', version: 1 });
			await old.table('outbox').add({
				seq: 1,
				mutationId: 'm1',
				name: 'contact.record',
				args: { caseId: 'case-1' },
				createdAt: '2026-11-02T10:00:00.000Z',
				...(version >= 2 && { caseId: 'case-1' })
			});
			old.close();

			const db = new HubDatabase(name);
			expect(await db.cases.get('case-1')).toEqual({
				id: 'case-1',
				assignedCaseworkerId: 'u1',
				version: 3
			});
			expect(await db.contacts.where('caseId').equals('case-1').primaryKeys()).toEqual([
				'contact-1'
			]);
			expect(await db.outbox.where('caseId').equals('case-1').count()).toBe(1);
			db.close();
			expect(await schemaOf(name)).toEqual(expected);
		}
	);

	it('gives outbox entries of version 1 the case they are about, or none', async () => {
		const name = 'victim-care-hub:upgrade-test';
		const v1 = released(name, 1);
		await v1.table('outbox').bulkAdd([
			{
				seq: 1,
				mutationId: 'm1',
				name: 'contact.record',
				args: { caseId: 'case-1' },
				createdAt: '2026-11-02T10:00:00.000Z'
			},
			{
				seq: 2,
				mutationId: 'm2',
				name: 'conflict.resolve',
				args: { conflictId: 'c' },
				createdAt: '2026-11-02T10:00:00.000Z'
			}
		]);
		v1.close();
		const upgraded = new HubDatabase(name);
		const entries = await upgraded.outbox.orderBy('seq').toArray();
		expect(entries.map((e) => [e.mutationId, e.caseId])).toEqual([
			['m1', 'case-1'],
			['m2', null]
		]);
		upgraded.close();
	});
});
