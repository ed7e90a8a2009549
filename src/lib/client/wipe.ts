import Dexie from 'dexie';
import { describeChange } from '$lib/domain';
import { Vault } from './vault';
import { databaseName, openHubDatabase, type HubDatabase, type MetaKey } from './db';
import { forgetUser, rememberedUser } from './device';
import type { DeviceChannel } from './device-channel';
import { clearLockRecord } from './lock-state';
import { dropPasswordCheck, endServerSession, markSignOutOwed } from './device-settle';

/**
 * Clearing a user's data from the device (ARCHITECTURE.md, "Device safety"): at sign-out, and
 * when someone else starts using the browser. Nothing here decides whether unsynced changes may
 * go: the sign-out page asks the user first, and another user's changes are never deleted.
 */

const PREFIX = databaseName('');

/**
 * The Cache Storage kept at sign-out: Workbox's precache holds only the app's code (built files,
 * the same for everyone), so the app still opens offline for the next person. Every other cache
 * (kept pages, anything added later) may hold something of the user's, and is deleted.
 */
export const isAppCodeCache = (name: string) => name.startsWith('workbox-precache');

/**
 * What stays of another person's database when it holds changes they made here that have not
 * reached the server: the changes themselves and what is needed to send them (the outbox, the
 * client id, next sequence number and the key their sealed words open with, and changes the
 * server refused, shown to them next time), and the cases they opened, for the audit trail.
 * Every other table — everything downloaded, the copies kept to undo a refused change, the lock's
 * hashes — is emptied: a table added later is emptied too unless it is named here.
 */
export const KEPT_TABLES: readonly string[] = ['outbox', 'settlements', 'meta', 'views'];
/** The outbox's and settlements' words are sealed (`vault.ts`): without its key they could never be sent. */
export const KEPT_META: readonly MetaKey[] = ['clientId', 'nextSeq', 'dataKey'];

/** Empties all but the unsynced changes, in one transaction; answers how many are kept. */
export async function keepOnlyUnsynced(db: HubDatabase): Promise<number> {
	return db.transaction('rw', db.tables, async () => {
		for (const table of db.tables) if (!KEPT_TABLES.includes(table.name)) await table.clear();
		// The pull cursor and scope go too, so the next sync downloads everything again.
		await db.meta.filter((m) => !KEPT_META.includes(m.key)).delete();
		return db.outbox.count();
	});
}

/** Deletes a database, waiting for other connections to close; `onBlocked` if one is slow to. */
export function deleteDatabase(name: string, onBlocked?: () => void): Promise<void> {
	return new Promise((resolve, reject) => {
		const request = indexedDB.deleteDatabase(name);
		request.onsuccess = () => resolve();
		request.onerror = () => reject(request.error ?? new Error(`Could not delete ${name}`));
		request.onblocked = () => onBlocked?.();
	});
}

export type OtherUsersKept = { userId: string; changes: number }[];

/**
 * A staff page started for `userId`: every other user's database on this browser is deleted if
 * nothing in it is waiting to sync, and otherwise emptied down to the waiting changes (kept until
 * that person signs in here again). Their data is never shown: the database is opened only to
 * count and empty it, and their lock state goes too.
 */
export async function clearOtherUsers(
	userId: string,
	listDatabases: () => Promise<string[]> = browserDatabases
): Promise<OtherUsersKept> {
	const others = (await listDatabases())
		.filter((name) => name.startsWith(PREFIX))
		.map((name) => name.slice(PREFIX.length))
		.filter((id) => id && id !== userId);
	const kept: OtherUsersKept = [];
	for (const other of others) {
		const db = openHubDatabase(other);
		try {
			const changes = await db.outbox.count();
			if (changes > 0) {
				await keepOnlyUnsynced(db);
				kept.push({ userId: other, changes });
			}
			db.close();
			if (changes === 0) await Dexie.delete(databaseName(other));
		} finally {
			db.close();
		}
		clearLockRecord(other);
	}
	if (rememberedUser()?.user.id !== userId && others.length > 0) forgetUser();
	return kept;
}

async function browserDatabases(): Promise<string[]> {
	const names = new Set<string>();
	if (typeof indexedDB.databases === 'function')
		for (const info of await indexedDB.databases()) if (info.name) names.add(info.name);
	// Where the browser cannot list its databases, at least the last user remembered here.
	const remembered = rememberedUser()?.user.id;
	if (remembered) names.add(databaseName(remembered));
	return [...names];
}

/** Empties every cache but the app's code (see `isAppCodeCache`). */
export async function clearCaches(): Promise<void> {
	if (typeof caches === 'undefined') return;
	for (const name of await caches.keys()) if (!isAppCodeCache(name)) await caches.delete(name);
}

/** The service worker drops the pages it kept, and stops keeping one still being fetched. */
export async function tellServiceWorkerToForget(): Promise<void> {
	if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
	const registration = await navigator.serviceWorker.getRegistration();
	registration?.active?.postMessage({ type: 'forget' });
	navigator.serviceWorker.controller?.postMessage({ type: 'forget' });
}

/** Everything of `userId` on this device: their database, who was signed in, lock state, caches. */
export async function wipeUser(userId: string, onBlocked?: () => void): Promise<void> {
	// Under the lock every sync takes (tabs, and the service worker's Background Sync, which checks
	// inside it that the database still exists): none is half-way through, and none re-creates it.
	const remove = () => deleteDatabase(databaseName(userId), onBlocked);
	const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
	if (locks) await locks.request(`sync:${userId}`, remove);
	else await remove();
	forgetUser();
	clearLockRecord(userId);
	dropPasswordCheck();
	await clearCaches();
	await tellServiceWorkerToForget();
}

/** A change waiting to sync, in plain words, with the victim's name when the device has it. */
export type PendingChange = { seq: number; victim: string | null; what: string };

export async function pendingChanges(db: HubDatabase): Promise<PendingChange[]> {
	const stored = await db.outbox.orderBy('seq').toArray();
	// What was typed is sealed (vault.ts): opened here, after the read, to be described.
	const { rows: opened } = await new Vault(db).openRows('outbox', stored);
	const openedBySeq = new Map(opened.map((e) => [e.seq, e]));
	const entries = stored.map((e) => openedBySeq.get(e.seq) ?? { ...e, args: null });
	const names = new Map<string, string | null>();
	const victimOf = async (caseId: string | null) => {
		if (!caseId) return null;
		if (!names.has(caseId)) {
			const found = await db.cases.get(caseId);
			const victim = found ? await db.victims.get(found.victimId as string) : undefined;
			names.set(
				caseId,
				victim ? `${String(victim.givenName)} ${String(victim.familyName)}`.trim() : null
			);
		}
		return names.get(caseId) ?? null;
	};
	const out: PendingChange[] = [];
	for (const entry of entries)
		out.push({
			seq: entry.seq,
			victim: await victimOf(entry.caseId),
			what: describeChange(entry.name, entry.args)
		});
	return out;
}

export type SignOutResult = 'signed-out' | 'owed' | 'changed';

/**
 * Signing out on this device, once the user has seen what is waiting to sync (`expected`, the
 * outbox's sequence numbers: none, or those they agreed to lose). If the outbox has changed since
 * (another tab saved something), nothing is done and `changed` says so. Otherwise every tab of
 * the user closes its database, the data goes, then the server is told — or, with no signal, the
 * server is owed a sign-out, sent when the device is next online.
 */
export async function signOutHere(o: {
	userId: string;
	db: HubDatabase;
	/** Stops this tab's sync and closes its connections. */
	stop: () => void;
	channel: DeviceChannel;
	expected: readonly number[];
	onBlocked?: () => void;
	online?: () => boolean;
	endSession?: () => Promise<boolean>;
}): Promise<SignOutResult> {
	const seqs = await o.db.outbox.toCollection().primaryKeys();
	const expected = new Set(o.expected);
	if (seqs.length !== expected.size || seqs.some((s) => !expected.has(s))) return 'changed';
	o.channel.post({ type: 'signing-out', userId: o.userId });
	o.stop();
	await wipeUser(o.userId, o.onBlocked);
	const online = o.online ?? (() => navigator.onLine);
	const ended = online() && (await (o.endSession ?? endServerSession)());
	if (!ended) markSignOutOwed();
	o.channel.post({ type: 'signed-out', userId: o.userId, owed: !ended });
	return ended ? 'signed-out' : 'owed';
}
