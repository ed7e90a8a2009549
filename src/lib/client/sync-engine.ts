import {
	MAX_PUSH_MUTATIONS,
	PullResponse,
	PushResponse,
	MAX_PUSH_VIEWS,
	ViewsResponse,
	describeChange,
	SYNC_TABLES,
	type PullRequest,
	type PushRequest,
	type ViewsRequest
} from '$lib/domain';
import { newId } from '$lib/domain';
import type { HubDatabase, Quarantined, Row } from './db';
import { storageError } from './errors';
import { pullWithRoom } from './storage';
import { Vault, type Sealed } from './vault';

/**
 * One device's side of the sync protocol (ARCHITECTURE.md, "Sync"). The outbox is the queue:
 * entries leave it only when the server acknowledges them. Network calls never happen inside a
 * Dexie transaction; each answer is applied in one transaction with the state it moves forward.
 */

/** How the engine reaches the server: `fetchTransport` in the browser, direct calls in tests. */
export type Transport = {
	push(body: PushRequest): Promise<{ status: number; body: unknown }>;
	pull(body: PullRequest): Promise<{ status: number; body: unknown }>;
	/** Cases opened on the device, for the audit trail. Optional: a test's transport may omit it. */
	views?(body: ViewsRequest): Promise<{ status: number; body: unknown }>;
};

export class AuthRequiredError extends Error {
	override name = 'AuthRequiredError';
	constructor() {
		super('Your session has ended. Sign in again to sync; your changes are kept on this device.');
	}
}

/** The server or the network failed: nothing was lost, and the engine will try again. */
export class SyncFailedError extends Error {
	override name = 'SyncFailedError';
	constructor(
		message: string,
		readonly retryable: boolean
	) {
		super(message);
	}
}

export type SyncProgress = { received: number; total: number | null };
export type SyncResult = { pushed: number; received: number };

export function fetchTransport(fetchImpl: typeof fetch = fetch): Transport {
	const call = async (path: string, body: unknown) => {
		let response: Response;
		try {
			response = await fetchImpl(path, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
				credentials: 'same-origin',
				cache: 'no-store'
			});
		} catch {
			throw new SyncFailedError(
				'Cannot reach the server. Changes are saved on this device and will sync when the connection returns.',
				true
			);
		}
		let parsed: unknown = null;
		try {
			parsed = await response.json();
		} catch {
			if (response.ok)
				throw new SyncFailedError('The server sent an answer that could not be read.', true);
		}
		return { status: response.status, body: parsed };
	};
	return {
		push: (b) => call('/api/sync/push', b),
		pull: (b) => call('/api/sync/pull', b),
		views: (b) => call('/api/sync/views', b)
	};
}

function check(status: number, body: unknown) {
	if (status === 401) throw new AuthRequiredError();
	if (status >= 200 && status < 300) return;
	const message = (body as { message?: unknown } | null)?.message;
	const text = typeof message === 'string' ? message : `The server answered ${status}.`;
	throw new SyncFailedError(text, status >= 500 || status === 429);
}

async function clientId(db: HubDatabase): Promise<string> {
	const existing = await db.meta.get('clientId');
	if (existing?.key === 'clientId') return existing.value;
	const id = newId();
	await db.meta.put({ key: 'clientId', value: id });
	return id;
}

/**
 * The server refuses request bodies over 512 kB (adapter-node's default), and a refusal there
 * would stall the queue: batches stop short of that, always taking at least one entry.
 */
export const MAX_PUSH_BYTES = 256_000;
function withinSize<T extends { args: unknown }>(entries: T[]): T[] {
	let bytes = 0;
	const out: T[] = [];
	for (const e of entries) {
		bytes += JSON.stringify(e.args).length * 3 + 200; // worst case: 3 bytes a character
		if (out.length > 0 && bytes > MAX_PUSH_BYTES) break;
		out.push(e);
	}
	return out;
}

/** Sends the outbox in batches; each acknowledged batch leaves it in the same transaction as its effects. */
export async function pushOutbox(db: HubDatabase, transport: Transport): Promise<number> {
	const id = await clientId(db);
	const vault = new Vault(db);
	let pushed = 0;
	for (;;) {
		// Sensitive values are sealed on the device; the server receives them as they were typed.
		const opened = await vault.openOutbox(
			await db.outbox.orderBy('seq').limit(MAX_PUSH_MUTATIONS).toArray()
		);
		const entries = withinSize(opened.entries);
		if (entries.length === 0 && opened.unreadable)
			throw await unreadableChange(db, opened.unreadable);
		if (entries.length === 0) return pushed;
		const { status, body } = await transport.push({
			clientId: id,
			mutations: entries.map((e) => ({ seq: e.seq, id: e.mutationId, name: e.name, args: e.args }))
		});
		check(status, body);
		const parsed = PushResponse.safeParse(body);
		if (!parsed.success)
			throw new SyncFailedError('The server sent an answer that could not be read.', true);
		// A refused change is kept in words, which may quote what was typed: sealed like the rest.
		const refused = new Set(
			parsed.data.results.filter((r) => r.status !== 'applied').map((r) => r.seq)
		);
		const words = entries.map((e) => (refused.has(e.seq) ? describeChange(e.name, e.args) : null));
		const sealer = await vault.sealer(words);
		await settle(
			db,
			parsed.data,
			entries.map((e, i) => ({ ...e, what: sealer.value(words[i]) as Sealed | null }))
		);
		pushed += entries.filter((e) => e.seq <= parsed.data.ackSeq).length;
	}
}

/**
 * Sends the cases opened on this device to the audit trail, in batches; each view leaves the device
 * once the server has settled it (recorded, or refused with a reason: a refusal is final and must
 * not block the views after it). A failure leaves them to be sent again: the ids make that safe.
 */
export async function pushViews(db: HubDatabase, transport: Transport): Promise<number> {
	if (!transport.views) return 0;
	let sent = 0;
	for (;;) {
		const views = await db.views.limit(MAX_PUSH_VIEWS).toArray();
		if (views.length === 0) return sent;
		const { status, body } = await transport.views({ views });
		check(status, body);
		const parsed = ViewsResponse.safeParse(body);
		if (!parsed.success)
			throw new SyncFailedError('The server sent an answer that could not be read.', true);
		const settled = [...parsed.data.recorded, ...parsed.data.refused.map((r) => r.id)];
		try {
			await db.views.bulkDelete(settled);
		} catch (error) {
			throw storageError(error);
		}
		sent += parsed.data.recorded.length;
		// Nothing settled would send the same batch for ever: leave it for the next round.
		if (settled.length === 0) return sent;
	}
}

/**
 * A change waiting to sync whose sealed values cannot be opened is never sent as something else:
 * it is set aside for support, and the changes after it wait (their order matters to the server).
 */
async function unreadableChange(db: HubDatabase, unreadable: Quarantined) {
	await db.quarantine.put(unreadable);
	return new SyncFailedError(
		'A change waiting on this device could not be read (it was altered, or its key is missing), so it and the changes after it cannot be sent. It has been set aside: contact support.',
		false
	);
}

/** Applies a push answer: acknowledged entries leave the outbox; refused ones are rolled back and kept for the user. */
export async function settle(
	db: HubDatabase,
	response: PushResponse,
	/** What was sent, with each refused change in words (`what`), sealed before the transaction. */
	sent: {
		seq: number;
		name: string;
		caseId: string | null;
		mutationId: string;
		what: Sealed | null;
	}[]
) {
	try {
		await db.transaction(
			'rw',
			[db.outbox, db.shadows, db.settlements, ...SYNC_TABLES.map((t) => db.syncTable(t))],
			async () => {
				const bySeq = new Map(response.results.map((r) => [r.seq, r]));
				for (const entry of sent) {
					if (entry.seq > response.ackSeq) continue;
					const result = bySeq.get(entry.seq);
					const refused = result && result.status !== 'applied';
					const shadows = await db.shadows.filter((s) => s.seqs.includes(entry.seq)).toArray();
					for (const shadow of shadows) {
						const seqs = shadow.seqs.filter((s) => s !== entry.seq);
						if (refused) {
							// Put back what the server has; a conflict's merged fields arrive with the next pull.
							if (shadow.row) await db.syncTable(shadow.table).put(shadow.row);
							else await db.syncTable(shadow.table).delete(shadow.id);
						}
						if (seqs.length === 0) await db.shadows.delete(shadow.key);
						else await db.shadows.update(shadow.key, { seqs });
					}
					if (refused && result)
						await db.settlements.put({
							mutationId: entry.mutationId,
							seq: entry.seq,
							name: entry.name as never,
							caseId: entry.caseId,
							status: result.status as 'rejected' | 'conflict',
							reason: result.reason ?? 'The server did not accept this change.',
							at: new Date().toISOString(),
							...(entry.what ? { what: entry.what } : {})
						});
				}
				await db.outbox.where('seq').belowOrEqual(response.ackSeq).delete();
			}
		);
	} catch (error) {
		throw storageError(error);
	}
}

/** Pulls every page after the stored cursor; each page is applied with its cursor in one transaction. */
export async function pullChanges(
	db: HubDatabase,
	transport: Transport,
	onProgress?: (p: SyncProgress) => void,
	limit = 10_000,
	/** Where pages are written: a relaxed-durability connection to the same database, if given. */
	applyDb: HubDatabase = db
): Promise<number> {
	const [cursor, scope] = await Promise.all([db.meta.get('cursor'), db.meta.get('scopeHash')]);
	let scopeHash = scope?.key === 'scopeHash' ? scope.value : null;
	const vault = new Vault(db);
	const fetchPage = async (from: PullRequest['cursor']): Promise<PullResponse> => {
		const { status, body } = await transport.pull({ cursor: from, scopeHash, limit });
		check(status, body);
		const parsed = PullResponse.safeParse(body);
		if (!parsed.success)
			throw new SyncFailedError('The server sent changes that could not be read.', true);
		// Sealed here, while the page before is written: WebCrypto cannot run in its transaction.
		return { ...parsed.data, changes: await vault.sealChanges(parsed.data.changes) };
	};
	let received = 0;
	let total: number | null = null;
	let next = fetchPage(cursor?.key === 'cursor' ? cursor.value : null);
	let reset = false;
	for (;;) {
		const page = await next;
		if (page.reset) {
			// Once a round: a pull from the start is never answered with a reset, so a second one
			// means the server moved its horizon during this very download. Try later, not in a loop.
			if (reset)
				throw new SyncFailedError(
					'The server asked this device to download everything again twice in a row. It will try again shortly; your changes are kept.',
					true
				);
			reset = true;
			await dropSyncedRows(db);
			scopeHash = null;
			total = null;
			next = fetchPage(null);
			continue;
		}
		// Ask for the following page while this one is written: pages are still applied in order,
		// each with its own cursor, so a failure part-way loses nothing.
		if (page.hasMore) next = fetchPage(page.cursor);
		total ??= page.total;
		received += await applyPage(applyDb, page);
		onProgress?.({ received, total });
		if (!page.hasMore) return received;
	}
}

/**
 * The device was away longer than the server keeps tombstones (`reset`): what it holds may include
 * records withdrawn since, and nothing can say which. Drop the synced rows and the cursor so the
 * next pull downloads everything afresh. The outbox, settlements and the rows its changes are
 * showing stay; their server copies (shadows) are forgotten, and the download brings back the ones
 * that still exist, so a refused change on a record now withdrawn takes the record away with it.
 */
async function dropSyncedRows(db: HubDatabase) {
	try {
		await db.transaction(
			'rw',
			[db.meta, db.shadows, ...SYNC_TABLES.map((t) => db.syncTable(t))],
			async () => {
				const shadows = await db.shadows.toArray();
				for (const table of SYNC_TABLES) {
					const pending = new Set(shadows.filter((s) => s.table === table).map((s) => s.id));
					if (pending.size === 0) await db.syncTable(table).clear();
					else
						await db
							.syncTable(table)
							.filter((r) => !pending.has(r.id))
							.delete();
				}
				await db.shadows.toCollection().modify({ row: null });
				await db.meta.bulkDelete(['cursor', 'scopeHash']);
			}
		);
	} catch (error) {
		throw storageError(error);
	}
}

async function applyPage(db: HubDatabase, page: PullResponse): Promise<number> {
	let count = 0;
	try {
		await db.transaction(
			'rw',
			[db.meta, db.shadows, ...SYNC_TABLES.map((t) => db.syncTable(t))],
			async () => {
				// Most pages, and every page of a first download, meet no change still waiting.
				const anyShadows = (await db.shadows.count()) > 0;
				for (const table of SYNC_TABLES) {
					const rows = (page.changes[table] ?? []) as Row[];
					if (rows.length === 0) continue;
					count += rows.length;
					const shadowed = anyShadows
						? await db.shadows.bulkGet(rows.map((r) => `${table}:${r.id}`))
						: [];
					const direct: Row[] = [];
					const withdrawn: string[] = [];
					for (let i = 0; i < rows.length; i++) {
						const shadow = shadowed[i];
						const row = rows[i]!;
						const tombstone = row.deleted === true;
						// A row with a change still waiting keeps showing that change; the server copy
						// underneath is updated for when the change settles.
						if (shadow) await db.shadows.update(shadow.key, { row: tombstone ? null : row });
						else if (tombstone) withdrawn.push(row.id);
						else direct.push(row);
					}
					await db.syncTable(table).bulkPut(direct);
					// Tombstones: records withdrawn on the server leave the device.
					if (withdrawn.length > 0) await db.syncTable(table).bulkDelete(withdrawn);
				}
				if (page.scope) {
					await purgeOutsideScope(db, new Set(page.scope.caseIds));
					await db.meta.put({ key: 'scopeHash', value: page.scope.hash });
				}
				await db.meta.put({ key: 'cursor', value: page.cursor });
				// "Last synced" means everything arrived, not that one page of a long download did.
				if (!page.hasMore)
					await db.meta.put({ key: 'lastSyncedAt', value: new Date().toISOString() });
			}
		);
	} catch (error) {
		throw storageError(error);
	}
	return count;
}

/** Revocation: whatever the user may no longer see leaves the device. */
async function purgeOutsideScope(db: HubDatabase, caseIds: Set<string>) {
	const gone = (await db.cases.toArray()).filter((c) => !caseIds.has(c.id));
	if (gone.length === 0) return;
	const goneIds = gone.map((c) => c.id);
	for (const table of SYNC_TABLES) {
		if (table === 'cases' || table === 'victims') continue;
		await db.syncTable(table).where('caseId').anyOf(goneIds).delete();
	}
	await db.cases.bulkDelete(goneIds);
	const kept = new Set((await db.cases.toArray()).map((c) => c.victimId as string));
	await db.victims.filter((v) => !kept.has(v.id)).delete();
	await db.shadows
		.filter((s) => s.row !== null && goneIds.includes((s.row.caseId as string) ?? s.id))
		.delete();
}

/**
 * One full round: the outbox first (so the server sees local changes), then everything new.
 * `pageDb` may be a relaxed-durability connection: a pulled page lost to a power cut is pulled
 * again (its cursor is lost with it), whereas the user's own changes always use `db`.
 */
export async function syncOnce(
	db: HubDatabase,
	transport: Transport,
	onProgress?: (p: SyncProgress) => void,
	pageDb: HubDatabase = db
): Promise<SyncResult> {
	const pushed = await pushOutbox(db, transport);
	await pushViews(db, transport);
	// Out of space: free what can be downloaded again, or stop pulling for a while (storage.ts).
	const received = await pullWithRoom(db, () =>
		pullChanges(db, transport, onProgress, undefined, pageDb)
	);
	return { pushed, received };
}
