import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PullRequest, PushRequest, SYNC_TABLES, type Actor } from '$lib/domain';
import { freshDatabase } from '../../test-data/databases';
import { actorFor } from '../../test-data/sync-server';
import type { DatabaseHandle } from '../server/db';
import * as s from '../server/db/schema';
import { seedDemoData } from '../server/seed/seed';
import { BadSyncRequest } from '../server/sync/errors';
import { pull } from '../server/sync/pull';
import { push } from '../server/sync/push';
import { recordContact } from './changes';
import { databaseName, openHubDatabase, type HubDatabase } from './db';
import { rememberUser, rememberedUser } from './device';
import type { DeviceMessage } from './device-channel';
import { signOutOwed } from './device-settle';
import { readLockRecord, writeLockRecord } from './lock-state';
import { syncOnce, type Transport } from './sync-engine';
import { Vault } from './vault';
import { clearOtherUsers, KEPT_TABLES, keepOnlyUnsynced, signOutHere } from './wipe';

/** localStorage, as the browser has it, for who is remembered, lock records and the owed flag. */
class MemoryStorage {
	#items = new Map<string, string>();
	getItem = (k: string) => this.#items.get(k) ?? null;
	setItem = (k: string, v: string) => void this.#items.set(k, String(v));
	removeItem = (k: string) => void this.#items.delete(k);
	clear = () => this.#items.clear();
}
const storage = new MemoryStorage();
(globalThis as unknown as { localStorage: MemoryStorage }).localStorage = storage;

const names = async () => (await indexedDB.databases()).map((d) => d.name);
const row = (id: string, extra: Record<string, unknown> = {}) => ({
	id,
	caseId: 'case-1',
	version: 1,
	...extra
});

/** A device database with something in every table, as a user who has synced and typed has. */
async function filledDatabase(userId: string, waiting: number): Promise<HubDatabase> {
	const db = openHubDatabase(userId);
	for (const table of SYNC_TABLES)
		await db.syncTable(table).bulkPut([row(`${table}-1`), row(`${table}-2`)]);
	await db.cases.put(row('case-1', { victimId: 'victim-1' }));
	await db.victims.put({ id: 'victim-1', givenName: 'Jo', familyName: 'Bennett', version: 1 });
	for (let seq = 1; seq <= waiting; seq++)
		await db.outbox.put({
			seq,
			mutationId: `m-${seq}`,
			name: 'contact.record',
			args: { caseId: 'case-1', summary: `typed ${seq}` },
			caseId: 'case-1',
			createdAt: '2026-11-21T09:00:00.000Z'
		});
	await db.shadows.put({
		key: 'contacts:contacts-1',
		table: 'contacts',
		id: 'contacts-1',
		row: null,
		seqs: [1]
	});
	await db.settlements.put({
		mutationId: 'm-0',
		seq: 0,
		name: 'contact.record',
		caseId: 'case-1',
		status: 'rejected',
		reason: 'The case was moved to another caseworker.',
		at: '2026-11-20T09:00:00.000Z',
		what: 'Contact: “typed before”'
	});
	await db.quarantine.put({
		key: 'cases:bad',
		table: 'cases',
		id: 'bad',
		problem: 'x',
		row: {},
		at: ''
	});
	const secret = {
		algorithm: 'PBKDF2-SHA-256',
		iterations: 1,
		salt: 'AA==',
		hash: 'AA=='
	} as const;
	await db.meta.bulkPut([
		{ key: 'clientId', value: `client-${userId}` },
		{ key: 'nextSeq', value: waiting + 1 },
		{ key: 'cursor', value: { version: 10, table: 'cases', id: 'case-1' } as never },
		{ key: 'scopeHash', value: 'hash' },
		{ key: 'lastSyncedAt', value: '2026-11-21T09:00:00.000Z' },
		{ key: 'lastError', value: null },
		{ key: 'passwordCheck', value: secret },
		{ key: 'pinCheck', value: secret },
		{ key: 'unlockFailures', value: 2 }
	]);
	return db;
}

const remember = (id: string) =>
	rememberUser({
		user: { id, displayName: `User ${id}`, role: 'caseworker' },
		colleagues: [],
		teamName: 'Team'
	});

beforeEach(async () => {
	storage.clear();
	for (const name of await names()) if (name) await Dexie.delete(name);
});

describe("keeping only another person's unsynced changes", () => {
	it('empties every table but the outbox, the refused changes and the ids needed to send them', async () => {
		const db = await filledDatabase('alex', 2);
		expect(await keepOnlyUnsynced(db)).toBe(2);
		for (const table of db.tables)
			if (!KEPT_TABLES.includes(table.name)) expect(await table.count(), table.name).toBe(0);
		expect((await db.outbox.toArray()).map((e) => e.seq)).toEqual([1, 2]);
		expect(await db.settlements.count()).toBe(1);
		// The pull cursor and scope go, so the next sync downloads everything; the lock's hashes go.
		expect((await db.meta.toArray()).sort((a, b) => a.key.localeCompare(b.key))).toEqual([
			{ key: 'clientId', value: 'client-alex' },
			{ key: 'nextSeq', value: 3 }
		]);
		db.close();
	});
});

describe('a staff page starting for a different user', () => {
	it("deletes another user's database with nothing waiting, and empties one with changes down to them", async () => {
		(await filledDatabase('alex', 0)).close();
		(await filledDatabase('casey', 1)).close();
		const own = await filledDatabase('priya', 0);
		own.close();
		remember('alex');
		for (const id of ['alex', 'casey', 'priya'])
			writeLockRecord(id, { locked: false, lastActive: 1, idleMinutes: 15 });

		const kept = await clearOtherUsers('priya');

		expect(kept).toEqual([{ userId: 'casey', changes: 1 }]);
		expect((await names()).sort()).toEqual([databaseName('casey'), databaseName('priya')]);
		const casey = openHubDatabase('casey');
		expect(await casey.cases.count()).toBe(0);
		expect(await casey.victims.count()).toBe(0);
		expect(await casey.outbox.count()).toBe(1);
		casey.close();
		// Priya's own data is not touched.
		const priya = openHubDatabase('priya');
		expect(await priya.cases.count()).toBe(3);
		priya.close();
		expect(rememberedUser()).toBeNull();
		expect(readLockRecord('alex')).toBeNull();
		expect(readLockRecord('casey')).toBeNull();
		expect(readLockRecord('priya')).not.toBeNull();
	});

	it('leaves everything alone when the only database is the user’s own', async () => {
		(await filledDatabase('priya', 1)).close();
		remember('priya');
		expect(await clearOtherUsers('priya')).toEqual([]);
		expect(await names()).toEqual([databaseName('priya')]);
		expect(rememberedUser()?.user.id).toBe('priya');
	});
});

describe('signing out on this device', () => {
	function channel() {
		const sent: DeviceMessage[] = [];
		return {
			sent,
			post: (m: DeviceMessage) => void sent.push(m),
			listen: () => () => {},
			close: () => {}
		};
	}

	it('deletes the database, who was signed in and the lock state, then ends the session on the server', async () => {
		const db = await filledDatabase('priya', 0);
		remember('priya');
		writeLockRecord('priya', { locked: false, lastActive: 1, idleMinutes: 15 });
		const c = channel();
		let stopped = false;
		const result = await signOutHere({
			userId: 'priya',
			db,
			stop: () => {
				stopped = true;
				db.close();
			},
			channel: c,
			expected: [],
			online: () => true,
			endSession: () => Promise.resolve(true)
		});
		expect(result).toBe('signed-out');
		expect(stopped).toBe(true);
		expect(await names()).toEqual([]);
		expect(rememberedUser()).toBeNull();
		expect(readLockRecord('priya')).toBeNull();
		expect(signOutOwed()).toBe(false);
		expect(c.sent).toEqual([
			{ type: 'signing-out', userId: 'priya' },
			{ type: 'signed-out', userId: 'priya', owed: false }
		]);
	});

	it('with no signal, clears the device anyway and remembers that the server is owed a sign-out', async () => {
		const db = await filledDatabase('priya', 0);
		const c = channel();
		const result = await signOutHere({
			userId: 'priya',
			db,
			stop: () => db.close(),
			channel: c,
			expected: [],
			online: () => false
		});
		expect(result).toBe('owed');
		expect(await names()).toEqual([]);
		expect(signOutOwed()).toBe(true);
		expect(c.sent.at(-1)).toEqual({ type: 'signed-out', userId: 'priya', owed: true });
	});

	it('deletes unsynced changes only when they are the ones the user agreed to lose', async () => {
		const db = await filledDatabase('priya', 2);
		const c = channel();
		const attempt = (expected: number[]) =>
			signOutHere({
				userId: 'priya',
				db,
				stop: () => db.close(),
				channel: c,
				expected,
				online: () => false
			});
		expect(await attempt([])).toBe('changed');
		expect(await attempt([1])).toBe('changed');
		expect(c.sent).toEqual([]);
		expect(await db.outbox.count()).toBe(2);
		expect(await attempt([1, 2])).toBe('owed');
		expect(await names()).toEqual([]);
	});
});

describe("the other person's changes, when they sign in again", () => {
	const NOW = new Date('2026-11-21T00:00:00.000Z');
	let server: DatabaseHandle;
	let alex: Actor;

	function transport(actor: Actor): Transport {
		const roundTrip = async (work: () => Promise<unknown>) => {
			try {
				return { status: 200, body: JSON.parse(JSON.stringify(await work())) as unknown };
			} catch (error) {
				if (error instanceof BadSyncRequest)
					return { status: error.status, body: { message: error.message } };
				throw error;
			}
		};
		return {
			push: (b) => roundTrip(() => push(server.db, actor, PushRequest.parse(b))),
			pull: (b) => roundTrip(() => pull(server.db, actor, PullRequest.parse(b)))
		};
	}

	beforeAll(async () => {
		server = await freshDatabase('pglite');
		await seedDemoData(server.db, { seed: 5, cases: 30, teams: 1, now: NOW });
		alex = await actorFor(server.db, 'caseworker@demo.test');
	});
	afterAll(() => server.close());

	it('are sent first, then everything is downloaded again, and new changes carry on the numbering', async () => {
		const db = openHubDatabase(alex.id);
		const ctx = { db, userId: alex.id, now: () => NOW };
		await syncOnce(db, transport(alex));
		const cases = await db.cases.count();
		expect(cases).toBeGreaterThan(0);
		const caseId = (await db.cases.toArray())[0]!.id;
		// Offline, then someone else starts a staff page on this browser.
		const contactId = await recordContact(ctx, {
			caseId,
			occurredAt: '2026-11-20T10:00:00.000Z',
			channel: 'phone',
			direction: 'outbound',
			outcome: 'reached',
			summary: 'Told them about the new trial date, before the other person signed in.',
			informedObligations: [],
			amendsContactId: null
		});
		expect(await keepOnlyUnsynced(db)).toBe(1);
		expect(await db.contacts.count()).toBe(0);

		// Alex signs in again: the change is sent, then the caseload arrives in full.
		const result = await syncOnce(db, transport(alex));
		expect(result.pushed).toBe(1);
		expect(await db.outbox.count()).toBe(0);
		expect(await db.settlements.count()).toBe(0);
		expect(await db.cases.count()).toBe(cases);
		const [onServer] = await server.db
			.select()
			.from(s.contacts)
			.where(eq(s.contacts.id, contactId));
		expect(onServer?.summary).toMatch(/before the other person signed in/);
		// Kept sealed on the device, and opened with the key the wipe kept.
		const stored = (await db.contacts.get(contactId))?.summary;
		expect(stored).not.toBe(onServer?.summary);
		expect(await new Vault(db).open(stored)).toBe(onServer?.summary);

		await recordContact(ctx, {
			caseId,
			occurredAt: '2026-11-20T11:00:00.000Z',
			channel: 'phone',
			direction: 'outbound',
			outcome: 'reached',
			summary: 'A later call.',
			informedObligations: [],
			amendsContactId: null
		});
		expect((await db.outbox.toArray()).map((e) => e.seq)).toEqual([2]);
		expect((await syncOnce(db, transport(alex))).pushed).toBe(1);
		db.close();
	});
});
