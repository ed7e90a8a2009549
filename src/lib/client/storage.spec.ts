import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PullResponse, PushRequest } from '$lib/domain';
import { aCase, aContact, ids } from '../../test-data/factories';
import { recordContact } from './changes';
import { HubDatabase } from './db';
import { StorageQuotaError } from './errors';
import {
	askAgainToKeep,
	CHANGE_NOT_SAVED_FULL,
	formatBytes,
	freeSpace,
	isQuotaError,
	keepDeviceStorage,
	OutOfSpaceError,
	PERSIST_ASKED_KEY,
	PULL_HOLD_MS,
	pullHeld,
	pullWithRoom,
	releasePullHold,
	storageUse
} from './storage';
import { pullChanges, SyncFailedError, syncOnce, type Transport } from './sync-engine';
import { Vault } from './vault';

afterEach(() => {
	vi.unstubAllGlobals();
});

// ——— A device with a limited amount of space ———

/**
 * Space in rows: a write of N rows needs N free (`tables`: only those tables are short of it),
 * and fails as IndexedDB does when it does not fit. Freeing a cache gives its rows back.
 */
type Space = { free: number; tables?: string[] };

let dbCount = 0;
function deviceWith(space: Space): HubDatabase {
	const db = new HubDatabase(`storage-test-${++dbCount}-${Date.now()}`);
	db.use({
		stack: 'dbcore',
		name: 'limited-space',
		create: (down) => ({
			...down,
			table: (name) => {
				const table = down.table(name);
				return {
					...table,
					mutate: (req) => {
						const rows = req.type === 'add' || req.type === 'put' ? req.values.length : 0;
						const short = !space.tables || space.tables.includes(name);
						if (rows > 0 && short && rows > space.free)
							return Promise.reject(
								new DOMException('The quota has been exceeded.', 'QuotaExceededError')
							);
						return table.mutate(req);
					}
				};
			}
		})
	});
	return db;
}

/** Cache Storage as the service worker leaves it: its precache (the app's code) and kept pages. */
function cachesOf(space: Space, sizes: Record<string, number>) {
	const held = new Map(Object.entries(sizes));
	return {
		held,
		keys: () => Promise.resolve([...held.keys()]),
		delete: (name: string) => {
			const size = held.get(name);
			if (size === undefined) return Promise.resolve(false);
			held.delete(name);
			space.free += size;
			return Promise.resolve(true);
		}
	};
}

const PRECACHE = 'workbox-precache-v2-http://localhost/';

function env(space: Space, caches: ReturnType<typeof cachesOf> | null, online = true) {
	let now = Date.parse('2026-11-21T10:00:00.000Z');
	return {
		caches,
		online: () => online,
		now: () => now,
		later: (ms: number) => (now += ms)
	};
}

const contactInput = (caseId: string, summary = 'Told them the trial moved.') => {
	const { id: _id, recordedAt: _at, recordedBy: _by, ...input } = aContact({ caseId, summary });
	return input;
};

/** What must survive anything done to free space: the user's changes and the device's identity. */
async function whatTheUserTyped(db: HubDatabase) {
	return {
		outbox: await db.outbox.toArray(),
		shadows: await db.shadows.toArray(),
		settlements: await db.settlements.toArray(),
		clientId: await db.meta.get('clientId'),
		nextSeq: await db.meta.get('nextSeq'),
		pending: await db.contacts.filter((c) => c._pending === true).toArray()
	};
}

/** A device in use: a case, a contact recorded offline, a refused change, a record set aside. */
async function deviceInUse(db: HubDatabase) {
	await db.cases.put({ ...aCase(), version: 1 });
	await db.meta.put({ key: 'clientId', value: ids.caseworker });
	await db.meta.put({ key: 'cursor', value: { v: 1, t: 0, id: ids.case } });
	await recordContact({ db, userId: ids.caseworker }, contactInput(ids.case));
	await db.settlements.put({
		mutationId: '0190a000-0000-7000-8000-0000000000f1',
		seq: 99,
		name: 'hearing.update',
		caseId: ids.case,
		status: 'rejected',
		reason: 'The hearing has been vacated.',
		at: '2026-11-20T10:00:00.000Z',
		what: 'Change the trial to 3 Dec'
	});
	await db.quarantine.put({
		key: 'victims:x',
		table: 'victims',
		id: 'x',
		problem: 'givenName: Required',
		row: { id: 'x', notes: 'a'.repeat(1000) },
		at: '2026-11-20T10:00:00.000Z'
	});
}

const NEXT_CURSOR = { v: 5, t: 7, id: '0190a000-0000-7000-8000-0000000000ff' };

/** A server that answers one pull page: a case and three contacts (four rows in two tables). */
function serverWithOnePage(): Transport & { pulls: number; pushes: PushRequest[] } {
	const page: PullResponse = {
		cursor: NEXT_CURSOR,
		hasMore: false,
		changes: {
			cases: [{ ...aCase({ id: '0190a000-0000-7000-8000-0000000000c2' }), version: 5 }],
			contacts: [1, 2, 3].map((n) => ({
				...aContact({ id: `0190a000-0000-7000-8000-0000000000a${n}` }),
				version: 5
			}))
		},
		scope: null,
		total: null
	};
	const server = {
		pulls: 0,
		pushes: [] as PushRequest[],
		pull: () => {
			server.pulls++;
			return Promise.resolve({ status: 200, body: page });
		},
		push: (body: PushRequest) => {
			server.pushes.push(body);
			const ackSeq = Math.max(0, ...body.mutations.map((m) => m.seq));
			const results = body.mutations.map((m) => ({
				seq: m.seq,
				id: m.id,
				status: 'applied',
				reason: null
			}));
			return Promise.resolve({ status: 200, body: { ackSeq, results } });
		}
	};
	return server;
}

// ——— Words ———

describe('formatBytes', () => {
	it('says sizes in MB and GB, in decimal units as devices show them', () => {
		expect(formatBytes(0)).toBe('0 MB');
		expect(formatBytes(40_000)).toBe('less than 0.1 MB');
		expect(formatBytes(420_000)).toBe('0.4 MB');
		expect(formatBytes(12_345_678)).toBe('12 MB');
		expect(formatBytes(3_240_000_000)).toBe('3.2 GB');
		expect(formatBytes(150_000_000_000)).toBe('150 GB');
	});

	it('refuses what is not a size', () => {
		expect(() => formatBytes(-1)).toThrow(/bytes/);
		expect(() => formatBytes(Number.NaN)).toThrow(/bytes/);
	});
});

// ——— Kept or may be cleared ———

function browser(
	options: { persisted?: boolean; grants?: boolean; supported?: boolean; installed?: boolean } = {}
) {
	const values = new Map<string, string>();
	const calls = { persist: 0 };
	const storage =
		options.supported === false
			? {}
			: {
					persisted: () => Promise.resolve(options.persisted ?? false),
					persist: () => {
						calls.persist++;
						return Promise.resolve(options.grants ?? false);
					},
					estimate: () => Promise.resolve({ usage: 12_000_000, quota: 512_000_000 })
				};
	const local = {
		getItem: (k: string) => values.get(k) ?? null,
		setItem: (k: string, v: string) => void values.set(k, v)
	};
	return {
		storage,
		local,
		now: () => new Date('2026-11-21T10:00:00.000Z'),
		installed: () => options.installed ?? false,
		calls,
		values
	};
}

describe('keeping the data on the device', () => {
	it('asks the browser once per device and remembers a refusal rather than asking again', async () => {
		const b = browser({ grants: false });
		expect(await keepDeviceStorage(b)).toBe('may-be-cleared');
		expect(JSON.parse(b.values.get(PERSIST_ASKED_KEY)!)).toMatchObject({ answer: 'refused' });
		expect(await keepDeviceStorage(b)).toBe('may-be-cleared');
		expect(await keepDeviceStorage(b)).toBe('may-be-cleared');
		expect(b.calls.persist).toBe(1);
	});

	it('asks once more when the hub first runs installed, and then no more', async () => {
		const b = browser({ grants: false });
		await keepDeviceStorage(b);
		b.installed = () => true;
		expect(await keepDeviceStorage(b)).toBe('may-be-cleared');
		expect(await keepDeviceStorage(b)).toBe('may-be-cleared');
		expect(b.calls.persist).toBe(2);
		expect(JSON.parse(b.values.get(PERSIST_ASKED_KEY)!)).toMatchObject({ installed: true });
	});

	it('reports the data kept when the browser grants it, or granted it before', async () => {
		const granting = browser({ grants: true });
		expect(await keepDeviceStorage(granting)).toBe('kept');
		const already = browser({ persisted: true });
		expect(await keepDeviceStorage(already)).toBe('kept');
		expect(already.calls.persist).toBe(0);
	});

	it('asks again only when the person asks', async () => {
		const b = browser({ grants: false });
		await keepDeviceStorage(b);
		expect(await askAgainToKeep(b)).toBe('may-be-cleared');
		expect(b.calls.persist).toBe(2);
	});

	it('says nothing it does not know when the browser has no storage manager', async () => {
		const b = browser({ supported: false });
		expect(await keepDeviceStorage(b)).toBe('unknown');
		expect(await storageUse(b)).toBeNull();
	});

	it('reports what is used and what is still allowed', async () => {
		expect(await storageUse(browser())).toEqual({ used: 12_000_000, available: 500_000_000 });
	});
});

// ——— Out of space ———

describe('recognising a full device', () => {
	it('knows the quota error however IndexedDB or Dexie reports it', () => {
		const raw = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		expect(isQuotaError(raw)).toBe(true);
		expect(isQuotaError(new Dexie.QuotaExceededError('Quota exceeded'))).toBe(true);
		expect(isQuotaError(new Dexie.AbortError('Transaction aborted', raw))).toBe(true);
		expect(isQuotaError(new StorageQuotaError())).toBe(true);
		expect(isQuotaError(new Dexie.AbortError('Transaction aborted'))).toBe(false);
		expect(isQuotaError(new Error('Failed to fetch'))).toBe(false);
	});
});

describe('freeing space', () => {
	it('drops the kept pages and the set-aside copies, never the precache or what the user typed', async () => {
		const space: Space = { free: 100 };
		const db = deviceWith(space);
		await deviceInUse(db);
		const before = await whatTheUserTyped(db);
		const caches = cachesOf(space, { [PRECACHE]: 40, 'staff-pages': 10 });

		const freed = await freeSpace(db, env(space, caches));

		expect(freed).toEqual({ caches: ['staff-pages'], setAside: 1 });
		expect([...caches.held.keys()]).toEqual([PRECACHE]);
		expect(await db.quarantine.count()).toBe(0);
		expect(await whatTheUserTyped(db)).toEqual(before);
		expect(before.outbox).toHaveLength(1);
		expect(await db.cases.count()).toBe(1);
	});

	it('keeps the kept pages with no signal: they are how the app opens again', async () => {
		const space: Space = { free: 100 };
		const db = deviceWith(space);
		const caches = cachesOf(space, { [PRECACHE]: 40, 'staff-pages': 10 });
		const freed = await freeSpace(db, env(space, caches, false));
		expect(freed.caches).toEqual([]);
		expect(caches.held.has('staff-pages')).toBe(true);
	});
});

describe('a pulled page that does not fit', () => {
	it('frees what can be downloaded again, then writes the page', async () => {
		const space: Space = { free: 100, tables: ['contacts'] };
		const db = deviceWith(space);
		await deviceInUse(db);
		space.free = 2; // the page's three contacts need 3
		const before = await whatTheUserTyped(db);
		const server = serverWithOnePage();
		const caches = cachesOf(space, { [PRECACHE]: 40, 'staff-pages': 10 });

		const received = await pullWithRoom(db, () => pullChanges(db, server), env(space, caches));

		expect(received).toBe(4);
		expect(server.pulls).toBe(2);
		expect(await db.contacts.count()).toBe(4);
		expect((await db.meta.get('cursor'))?.value).toEqual(NEXT_CURSOR);
		expect([...caches.held.keys()]).toEqual([PRECACHE]);
		expect(await db.quarantine.count()).toBe(0);
		expect(await whatTheUserTyped(db)).toEqual(before);
	});

	it('writes none of it, keeps everything typed, stops pulling and says so plainly', async () => {
		const space: Space = { free: 100, tables: ['contacts'] };
		const db = deviceWith(space);
		await deviceInUse(db);
		space.free = 0;
		const before = await whatTheUserTyped(db);
		const server = serverWithOnePage();
		const e = env(space, cachesOf(space, { [PRECACHE]: 40 }));

		const failure = await pullWithRoom(db, () => pullChanges(db, server), e).catch(
			(x: unknown) => x
		);

		expect(failure).toBeInstanceOf(OutOfSpaceError);
		expect((failure as Error).message).toBe(
			'This device is out of storage space. Your 1 unsynced change is kept and will still be sent. New information from the server cannot be downloaded until there is space: delete files or apps you do not need, then choose "Try again" on the This device page.'
		);
		// The page's case fitted but its contacts did not: one transaction, so neither was written.
		expect(await db.cases.count()).toBe(1);
		expect(await db.contacts.count()).toBe(1);
		expect((await db.meta.get('cursor'))?.value).toEqual({ v: 1, t: 0, id: ids.case });
		expect(await whatTheUserTyped(db)).toEqual(before);
		expect(server.pulls).toBe(2);

		// Held: no download while the device is full, however often the scheduler asks…
		expect(pullHeld(db, e.now())).toBe(true);
		await expect(pullWithRoom(db, () => pullChanges(db, server), e)).rejects.toThrow(
			OutOfSpaceError
		);
		expect(server.pulls).toBe(2);

		// …until the hold ends (or the person chooses "Try again"), and then it fits.
		e.later(PULL_HOLD_MS);
		space.free = 10;
		expect(await pullWithRoom(db, () => pullChanges(db, server), e)).toBe(4);
		expect(await db.contacts.count()).toBe(4);
		expect(pullHeld(db, e.now())).toBe(false);
	});

	it('"Try again" downloads at once', async () => {
		const space: Space = { free: 0, tables: ['contacts'] };
		const db = deviceWith(space);
		const server = serverWithOnePage();
		const e = env(space, null);
		await expect(pullWithRoom(db, () => pullChanges(db, server), e)).rejects.toThrow(
			/Everything you changed is already on the server\./
		);
		releasePullHold(db);
		space.free = 10;
		expect(await pullWithRoom(db, () => pullChanges(db, server), e)).toBe(4);
	});

	it('lets other failures through as they are, freeing nothing', async () => {
		const space: Space = { free: 100 };
		const db = deviceWith(space);
		const caches = cachesOf(space, { [PRECACHE]: 40, 'staff-pages': 10 });
		const offline = new SyncFailedError('Cannot reach the server.', true);
		await expect(pullWithRoom(db, () => Promise.reject(offline), env(space, caches))).rejects.toBe(
			offline
		);
		expect(caches.held.has('staff-pages')).toBe(true);
	});

	it('still pushes the outbox while pulling waits for space', async () => {
		const space: Space = { free: 0, tables: ['contacts'] };
		const db = deviceWith(space);
		await db.cases.put({ ...aCase(), version: 1 });
		space.tables = ['cases']; // the user's contact fits; the page's case does not
		await recordContact({ db, userId: ids.caseworker }, contactInput(ids.case));
		const server = serverWithOnePage();

		await expect(syncOnce(db, server)).rejects.toThrow(
			'This device is out of storage space. Everything you changed is already on the server.'
		);
		expect(server.pushes).toHaveLength(1);
		expect(await db.outbox.count()).toBe(0);

		await recordContact(
			{ db, userId: ids.caseworker },
			contactInput(ids.case, 'Second call, no answer.')
		);
		await expect(syncOnce(db, server)).rejects.toThrow(OutOfSpaceError);
		expect(server.pushes).toHaveLength(2);
		expect(server.pushes[1]!.mutations.map((m) => m.seq)).toEqual([2]);
		expect(server.pulls).toBe(2); // the first sync's try and retry; none while held
		releasePullHold(db);
	});
});

describe("the user's own change when the device is full", () => {
	it('frees what can be downloaded again and saves it', async () => {
		const space: Space = { free: 0 };
		const db = deviceWith(space);
		vi.stubGlobal('caches', cachesOf(space, { [PRECACHE]: 40, 'staff-pages': 10 }));
		const id = await recordContact({ db, userId: ids.caseworker }, contactInput(ids.case));
		expect(await new Vault(db).open((await db.contacts.get(id))?.summary)).toBe(
			'Told them the trial moved.'
		);
		expect(await db.outbox.count()).toBe(1);
	});

	it('says plainly that it was not saved, and writes nothing', async () => {
		const space: Space = { free: 0 };
		const db = deviceWith(space);
		vi.stubGlobal('caches', cachesOf(space, { [PRECACHE]: 40 }));
		const failure = await recordContact(
			{ db, userId: ids.caseworker },
			contactInput(ids.case)
		).catch((x: unknown) => x);
		expect(failure).toBeInstanceOf(StorageQuotaError);
		expect((failure as Error).message).toBe(CHANGE_NOT_SAVED_FULL);
		expect(CHANGE_NOT_SAVED_FULL).toMatch(/not saved\. What you typed is still here/);
		expect(await db.outbox.count()).toBe(0);
		expect(await db.contacts.count()).toBe(0);
		expect(await db.meta.get('nextSeq')).toBeUndefined();
	});
});
