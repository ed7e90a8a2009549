import type { HubDatabase } from './db';
import { StorageQuotaError, storageError } from './errors';

/**
 * The device's storage (issue 8, item 4; ARCHITECTURE.md, "Storage on the device"): asking the
 * browser to keep the hub's data, how much it uses, and what to do when it runs out of space.
 * Running out must never cost the user what they typed: the outbox, the shadows, the refused
 * changes and the client id and sequence are never freed; only copies that can be had again are.
 */

// ——— Kept or may be cleared ———

/** Whether the browser keeps the hub's data when the device runs low on space. */
export type Persistence = 'kept' | 'may-be-cleared' | 'unknown';

/**
 * The parts of the browser this module uses, typed by shape: the service worker bundles this
 * module too (through the sync engine), and is typed without the DOM library.
 */
type StorageManagerLike = {
	persist?: () => Promise<boolean>;
	persisted?: () => Promise<boolean>;
	estimate?: () => Promise<{ usage?: number; quota?: number }>;
};
type KeyValueStore = {
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
};
type BrowserLike = {
	navigator?: { storage?: StorageManagerLike; onLine?: boolean };
	localStorage?: KeyValueStore;
	matchMedia?: (query: string) => { matches: boolean };
	caches?: CacheStorage;
};

type PersistEnv = {
	storage: StorageManagerLike | null;
	local: KeyValueStore | null;
	now: () => Date;
	/** Running as an installed app (its own window), where browsers more readily keep data. */
	installed: () => boolean;
};

function browserPersistEnv(): PersistEnv {
	const g = globalThis as BrowserLike;
	return {
		storage: g.navigator?.storage ?? null,
		local: g.localStorage ?? null,
		now: () => new Date(),
		installed: () => g.matchMedia?.('(display-mode: standalone)').matches ?? false
	};
}

/** Where the answer is remembered: once per device (this browser profile), whoever signs in. */
export const PERSIST_ASKED_KEY = 'victim-care-hub:storage-persist';

type Answer = { answer: 'granted' | 'refused'; at: string; installed: boolean };

function rememberAnswer(env: PersistEnv, granted: boolean) {
	const answer: Answer = {
		answer: granted ? 'granted' : 'refused',
		at: env.now().toISOString(),
		installed: env.installed()
	};
	try {
		env.local?.setItem(PERSIST_ASKED_KEY, JSON.stringify(answer));
	} catch {
		// localStorage full or unavailable: the browser may be asked again next time, no worse.
	}
}

/** Asked already, in a browser tab or (if now installed) as the installed app. */
function askedBefore(env: PersistEnv): boolean {
	try {
		const raw = env.local?.getItem(PERSIST_ASKED_KEY);
		if (raw == null) return false;
		const before = JSON.parse(raw) as Partial<Answer>;
		return before.installed === true || !env.installed();
	} catch {
		return true; // something is there: do not ask again
	}
}

/**
 * At the start of a staff page: whether the data is kept, asking the browser once per device.
 * Firefox asks the person; asking on every page would nag, so a refusal is remembered and only
 * "Ask the browser to keep it" on the device page asks again. Once more when the hub first runs
 * installed: Chromium grants an installed app what it refused a tab, and asks nobody.
 */
export async function keepDeviceStorage(
	env: PersistEnv = browserPersistEnv()
): Promise<Persistence> {
	const { storage } = env;
	if (!storage?.persist || !storage.persisted) return 'unknown';
	try {
		if (await storage.persisted()) return 'kept';
		if (askedBefore(env)) return 'may-be-cleared';
		const granted = await storage.persist();
		rememberAnswer(env, granted);
		return granted ? 'kept' : 'may-be-cleared';
	} catch {
		return 'unknown';
	}
}

/** The person asked, on the device page: ask the browser again, whatever it said before. */
export async function askAgainToKeep(env: PersistEnv = browserPersistEnv()): Promise<Persistence> {
	if (!env.storage?.persist) return 'unknown';
	try {
		const granted = await env.storage.persist();
		rememberAnswer(env, granted);
		return granted ? 'kept' : 'may-be-cleared';
	} catch {
		return 'unknown';
	}
}

/** Bytes used by this site (the hub's database, its kept pages and code) and still allowed. */
export type StorageUse = { used: number; available: number };

export async function storageUse(
	env: PersistEnv = browserPersistEnv()
): Promise<StorageUse | null> {
	if (!env.storage?.estimate) return null;
	try {
		const { usage, quota } = await env.storage.estimate();
		if (typeof usage !== 'number' || typeof quota !== 'number') return null;
		return { used: usage, available: Math.max(0, quota - usage) };
	} catch {
		return null;
	}
}

/** "0.4 MB", "12 MB", "3.2 GB": decimal units, as phones and computers show their storage. */
export function formatBytes(bytes: number): string {
	if (!Number.isFinite(bytes) || bytes < 0) throw new RangeError('bytes must be 0 or more');
	const MB = 1_000_000;
	const GB = 1_000 * MB;
	if (bytes >= GB) return `${trim(bytes / GB)} GB`;
	if (bytes >= 0.1 * MB || bytes === 0) return `${trim(bytes / MB)} MB`;
	return 'less than 0.1 MB';
}
const trim = (n: number) =>
	n >= 10 ? Math.round(n).toString() : (Math.round(n * 10) / 10).toString();

// ——— Out of space ———

type SpaceEnv = {
	caches: Pick<CacheStorage, 'keys' | 'delete'> | null;
	online: () => boolean;
	now: () => number;
};

function browserSpaceEnv(): SpaceEnv {
	const g = globalThis as BrowserLike;
	return {
		caches: g.caches ?? null,
		online: () => g.navigator?.onLine ?? true,
		now: () => Date.now()
	};
}

/** Workbox's precache is the app's own code: without it the app could not open with no signal. */
const PRECACHE_PREFIX = 'workbox-precache';

export function isQuotaError(error: unknown): boolean {
	return error instanceof StorageQuotaError || storageError(error) instanceof StorageQuotaError;
}

export type Freed = { caches: string[]; setAside: number };

/**
 * Frees what can be had again, in this order, and nothing else:
 * 1. the pages the service worker kept (every cache but Workbox's precache) — only while online:
 *    with no signal they are how the app opens again, and the next page opened online is kept;
 * 2. the quarantine — copies of unreadable records that are still in their own tables (the next
 *    read sets them aside again).
 * Never the outbox, shadows, settlements or `meta` (the client id and next sequence number), and
 * never the synced records themselves: see ARCHITECTURE.md for why.
 */
export async function freeSpace(
	db: HubDatabase,
	env: SpaceEnv = browserSpaceEnv()
): Promise<Freed> {
	const freed: Freed = { caches: [], setAside: 0 };
	if (env.caches && env.online()) {
		try {
			for (const name of await env.caches.keys()) {
				if (name.startsWith(PRECACHE_PREFIX)) continue;
				if (await env.caches.delete(name)) freed.caches.push(name);
			}
		} catch {
			// Best effort: what could not be freed is simply still there.
		}
	}
	try {
		const count = await db.quarantine.count();
		await db.quarantine.clear();
		freed.setAside = count;
	} catch {
		// As above.
	}
	return freed;
}

/** After a pull that did not fit, the device waits this long before downloading again. */
export const PULL_HOLD_MS = 15 * 60_000;
const holds = new Map<string, number>();

/** The status bar's words when a pull does not fit even after freeing space. */
export function outOfSpaceMessage(unsynced: number): string {
	const kept =
		unsynced === 0
			? 'Everything you changed is already on the server.'
			: `Your ${unsynced} unsynced ${unsynced === 1 ? 'change is' : 'changes are'} kept and will still be sent.`;
	return `This device is out of storage space. ${kept} New information from the server cannot be downloaded until there is space: delete files or apps you do not need, then choose "Try again" on the This device page.`;
}

/** A pull that does not fit. Not a `SyncFailedError`: the scheduler retries it, and it stays held. */
export class OutOfSpaceError extends StorageQuotaError {
	override name = 'OutOfSpaceError';
	constructor(readonly unsynced: number) {
		super(outOfSpaceMessage(unsynced));
	}
}

/**
 * Runs a pull (`pullChanges`) so that running out of space stops downloading and nothing else.
 * Each pulled page is written in one transaction with its cursor, so a page that does not fit
 * leaves nothing behind and the next try starts again from the last page that fitted. On a quota
 * error: free what can be had again, pull once more, and if that does not fit either, stop pulling
 * for `PULL_HOLD_MS` (pushes go on: `syncOnce` pushes before it pulls) and say so plainly.
 */
export async function pullWithRoom(
	db: HubDatabase,
	pull: () => Promise<number>,
	env: SpaceEnv = browserSpaceEnv()
): Promise<number> {
	const heldUntil = holds.get(db.name);
	if (heldUntil !== undefined && env.now() < heldUntil)
		throw new OutOfSpaceError(await db.outbox.count());
	holds.delete(db.name);
	try {
		return await pull();
	} catch (error) {
		if (!isQuotaError(error)) throw error;
	}
	await freeSpace(db, env);
	try {
		return await pull();
	} catch (error) {
		if (!isQuotaError(error)) throw error;
		holds.set(db.name, env.now() + PULL_HOLD_MS);
		throw new OutOfSpaceError(await db.outbox.count());
	}
}

/** Whether downloads are waiting for space (the device page offers "Try again"). */
export function pullHeld(db: HubDatabase, now = Date.now()): boolean {
	const until = holds.get(db.name);
	return until !== undefined && now < until;
}

/** "Try again": the next sync downloads at once. */
export function releasePullHold(db: HubDatabase): void {
	holds.delete(db.name);
}

/** A form's words when the user's own change does not fit: what they typed stays in the form. */
export const CHANGE_NOT_SAVED_FULL =
	'This device is out of storage space, so this was not saved. What you typed is still here: delete files or apps you do not need on this device, then save again.';

/**
 * Writes one of the user's changes (`changes.ts`), freeing space once if it does not fit. The
 * write is one transaction, so a try that fails wrote nothing and trying again is safe.
 */
export async function writeWithRoom<T>(
	db: HubDatabase,
	write: () => Promise<T>,
	env: SpaceEnv = browserSpaceEnv()
): Promise<T> {
	try {
		return await write();
	} catch (error) {
		if (!isQuotaError(error)) throw error;
	}
	await freeSpace(db, env);
	try {
		return await write();
	} catch (error) {
		if (!isQuotaError(error)) throw error;
		throw new StorageQuotaError(CHANGE_NOT_SAVED_FULL);
	}
}
