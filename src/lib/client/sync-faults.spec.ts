import 'fake-indexeddb/auto';
import { eq, inArray } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	PullRequest,
	PushRequest,
	SYNC_TABLES,
	type Actor,
	type PullCursor,
	type SyncTable
} from '$lib/domain';
import { contactInput } from '../../test-data/contacts';
import { demoSyncServer } from '../../test-data/sync-server';
import type { DatabaseHandle } from '../server/db';
import * as s from '../server/db/schema';
import { BadSyncRequest } from '../server/sync/errors';
import { pull } from '../server/sync/pull';
import { push } from '../server/sync/push';
import { reassignCase } from '../server/sync/reassign';
import { compactTombstones, tombstoneHorizon } from '../server/sync/tombstones';
import { nextVersion } from '../server/sync/version';
import { createReferral, recordContact, updateHearing, updateRight } from './changes';
import { openHubDatabase, type HubDatabase } from './db';
import { settlementsOnDevice } from './read';
import { pullChanges, SyncFailedError, syncOnce, type Transport } from './sync-engine';

/**
 * Sync under faults (issue 10, item 4): the device's engine against the real server code on an
 * in-memory PGlite, through a network that loses, repeats, delays and reorders requests and a
 * server that dies part-way. After recovery every device must equal the server, every change must
 * be applied exactly once, and every refusal must carry a reason a person can read.
 */

const NOW = new Date('2026-11-21T00:00:00.000Z');
/** fast-check runs: a few in `npm test`, many in the soak (`SOAK=1`, or `SYNC_FAULT_RUNS=n`). */
const PROPERTY_RUNS = Number(process.env.SYNC_FAULT_RUNS ?? (process.env.SOAK ? 100 : 6));

let server: DatabaseHandle;
let alex: Actor, sam: Actor, priya: Actor;
let dbCount = 0;
/** Unique across property runs, so no change repeats what the record already says. */
let n = 0;

/**
 * What the network or the server does to the next request:
 * - `offline`: it never leaves the device;
 * - `loseResponse`: the server commits, then the answer is lost (the server killed between commit
 *   and response looks exactly like this to the device);
 * - `duplicate`: the request arrives twice, at the same moment;
 * - `crashMidBatch`: the server commits the first half of a push, then dies (500);
 * - `delay`: the request is held in the network and arrives later, after newer ones (reordered),
 *   while the device has long since given up on it.
 */
type Fault = 'none' | 'offline' | 'loseResponse' | 'duplicate' | 'crashMidBatch' | 'delay';

type Answer = { status: number; body: unknown };

/** The endpoints in-process, as HTTP would carry them: JSON both ways, 4xx refusals, 500 crashes. */
async function asHttp(work: () => Promise<unknown>): Promise<Answer> {
	try {
		return { status: 200, body: JSON.parse(JSON.stringify(await work())) as unknown };
	} catch (error) {
		if (error instanceof BadSyncRequest)
			return { status: error.status, body: { message: error.message } };
		return { status: 500, body: { message: 'Internal Error' } };
	}
}

const wire = <T>(body: T): T => JSON.parse(JSON.stringify(body)) as T;

class FaultyNetwork implements Transport {
	fault: Fault = 'none';
	/** Requests held back by `delay`, delivered by `deliverLate`. */
	readonly held: (() => Promise<Answer>)[] = [];
	pulls = 0;
	resets = 0;

	constructor(private readonly actor: Actor) {}

	private send(body: PushRequest) {
		return asHttp(() => push(server.db, this.actor, PushRequest.parse(wire(body))));
	}

	async push(body: PushRequest): Promise<Answer> {
		switch (this.fault) {
			case 'offline':
				throw new SyncFailedError('offline', true);
			case 'loseResponse':
				await this.send(body);
				throw new SyncFailedError('connection lost after the server committed', true);
			case 'duplicate': {
				const [, second] = await Promise.all([this.send(body), this.send(body)]);
				return second;
			}
			case 'crashMidBatch': {
				const half = Math.ceil(body.mutations.length / 2);
				await this.send({ ...body, mutations: body.mutations.slice(0, half) });
				return { status: 500, body: { message: 'Internal Error' } };
			}
			case 'delay': {
				const copy = wire(body);
				this.held.push(() => this.send(copy));
				throw new SyncFailedError('timed out', true);
			}
			default:
				return this.send(body);
		}
	}

	async pull(body: PullRequest): Promise<Answer> {
		if (this.fault === 'offline') throw new SyncFailedError('offline', true);
		this.pulls++;
		const answer = await asHttp(() => pull(server.db, this.actor, PullRequest.parse(wire(body))));
		if ((answer.body as { reset?: boolean } | null)?.reset) this.resets++;
		if (this.fault === 'loseResponse') throw new SyncFailedError('connection lost', true);
		return answer;
	}

	/** The held requests finally reach the server, in the order given (oldest last: reordered). */
	async deliverLate() {
		for (const send of this.held.splice(0).reverse()) await send();
	}
}

function device(actor: Actor) {
	const db = openHubDatabase(`${actor.id}-faults-${++dbCount}`);
	const network = new FaultyNetwork(actor);
	return { actor, db, ctx: { db, userId: actor.id }, network };
}
type Device = ReturnType<typeof device>;

/** A sync that may fail as the network fails; anything else (a bug) still fails the test. */
async function trySync(d: Device) {
	await syncOnce(d.db, d.network).catch((e: unknown) => {
		if (!(e instanceof SyncFailedError)) throw e;
	});
}

/** The id of the change just queued: the outbox's last entry. */
async function lastMutationId(db: HubDatabase): Promise<string> {
	return (await db.outbox.orderBy('seq').last())!.mutationId;
}

/** Everything the server would give this caller from nothing, as `id@version` by table. */
async function serverView(actor: Actor): Promise<Record<SyncTable, string[]>> {
	const out = Object.fromEntries(SYNC_TABLES.map((t) => [t, [] as string[]])) as Record<
		SyncTable,
		string[]
	>;
	let cursor: PullCursor | null = null;
	for (;;) {
		const page = await pull(server.db, actor, { cursor, limit: 10_000 });
		for (const table of SYNC_TABLES)
			for (const row of page.changes[table] ?? [])
				if (row.deleted !== true) out[table].push(`${row.id}@${row.version}`);
		cursor = page.cursor;
		if (!page.hasMore) return out;
	}
}

async function deviceView(db: HubDatabase): Promise<Record<SyncTable, string[]>> {
	const out = {} as Record<SyncTable, string[]>;
	for (const table of SYNC_TABLES)
		out[table] = (await db.syncTable(table).toArray()).map((r) => `${r.id}@${r.version}`);
	return out;
}

const sorted = (view: Record<SyncTable, string[]>) =>
	Object.fromEntries(Object.entries(view).map(([t, rows]) => [t, [...rows].sort()]));

/** Each of these changes is in the server's log exactly once; refusals say why. */
async function loggedOnce(mutationIds: string[]) {
	if (mutationIds.length === 0) return [];
	const logged = await server.db
		.select()
		.from(s.mutationLog)
		.where(inArray(s.mutationLog.id, mutationIds));
	expect(logged.map((l) => l.id).sort()).toEqual([...mutationIds].sort());
	for (const l of logged) if (l.status !== 'applied') expect(l.reason?.trim()).toBeTruthy();
	return logged;
}

async function casesOf(actor: Actor): Promise<string[]> {
	return (
		await server.db
			.select({ id: s.cases.id })
			.from(s.cases)
			.where(eq(s.cases.assignedCaseworkerId, actor.id))
			.orderBy(s.cases.id)
	).map((c) => c.id);
}

beforeAll(async () => {
	({ server, alex, sam, priya } = await demoSyncServer(11, NOW));
});
afterAll(() => server.close());

describe('the server fails part-way', () => {
	it('dies after committing half a batch: the retry is answered from the log and applies the rest, each once', async () => {
		const d = device(alex);
		await syncOnce(d.db, d.network);
		const [caseId] = await casesOf(alex);
		const ids: string[] = [];
		for (let i = 0; i < 6; i++) {
			await recordContact(d.ctx, contactInput(caseId!, `Half a batch ${i}`));
			ids.push(await lastMutationId(d.db));
		}
		d.network.fault = 'crashMidBatch';
		await expect(syncOnce(d.db, d.network)).rejects.toThrow(SyncFailedError);
		expect(await d.db.outbox.count()).toBe(6);
		expect(
			await server.db.select().from(s.mutationLog).where(inArray(s.mutationLog.id, ids))
		).toHaveLength(3);

		d.network.fault = 'none';
		await syncOnce(d.db, d.network);
		expect(await d.db.outbox.count()).toBe(0);
		const logged = await loggedOnce(ids);
		expect(logged.every((l) => l.status === 'applied')).toBe(true);
		expect(sorted(await deviceView(d.db))).toEqual(sorted(await serverView(alex)));
	});
});

describe('requests delayed, reordered and repeated', () => {
	it('an old push that arrives after a newer one changes nothing: it is answered from the log', async () => {
		const d = device(alex);
		await syncOnce(d.db, d.network);
		const [caseId] = await casesOf(alex);
		await recordContact(d.ctx, contactInput(caseId!, 'Held in the network'));
		const held = await lastMutationId(d.db);
		d.network.fault = 'delay';
		await expect(syncOnce(d.db, d.network)).rejects.toThrow(/timed out/);
		d.network.fault = 'none';
		await recordContact(d.ctx, contactInput(caseId!, 'Sent after it'));
		const after = await lastMutationId(d.db);
		await syncOnce(d.db, d.network);
		const before = await server.db.select().from(s.mutationLog);

		await d.network.deliverLate();
		expect(await server.db.select().from(s.mutationLog)).toEqual(before);
		await loggedOnce([held, after]);
		await syncOnce(d.db, d.network);
		expect(sorted(await deviceView(d.db))).toEqual(sorted(await serverView(alex)));
	});

	it('the page and the service worker push the same outbox at once: each change is applied once', async () => {
		const d = device(alex);
		await syncOnce(d.db, d.network);
		const [caseId] = await casesOf(alex);
		const ids: string[] = [];
		for (let i = 0; i < 4; i++) {
			await recordContact(d.ctx, contactInput(caseId!, `Raced ${i}`));
			ids.push(await lastMutationId(d.db));
		}
		const worker = new FaultyNetwork(alex);
		await Promise.all([syncOnce(d.db, d.network), syncOnce(d.db, worker)]);
		expect(await d.db.outbox.count()).toBe(0);
		expect((await loggedOnce(ids)).every((l) => l.status === 'applied')).toBe(true);
		expect(await d.db.settlements.count()).toBe(0);
	});
});

describe('the device fails inside a transaction', () => {
	it('a crash while settling a push leaves the outbox whole; the next sync settles it without applying twice', async () => {
		const d = device(alex);
		await syncOnce(d.db, d.network);
		const [caseId] = await casesOf(alex);
		await recordContact(d.ctx, contactInput(caseId!, 'Settled after a crash'));
		const id = await lastMutationId(d.db);
		// The tab dies between the server's answer and the end of the transaction that records it.
		const crash = () => {
			throw new Error('the tab was closed');
		};
		d.db.outbox.hook('deleting', crash);
		await expect(syncOnce(d.db, d.network)).rejects.toThrow(/tab was closed/);
		d.db.outbox.hook('deleting').unsubscribe(crash);
		expect(await d.db.outbox.count()).toBe(1);
		expect((await d.db.shadows.toArray()).length).toBeGreaterThan(0);

		await syncOnce(d.db, d.network);
		expect(await d.db.outbox.count()).toBe(0);
		expect((await loggedOnce([id]))[0]?.status).toBe('applied');
		expect(sorted(await deviceView(d.db))).toEqual(sorted(await serverView(alex)));
	});

	it('a crash while writing a pulled page writes none of it and keeps the cursor; the page comes again', async () => {
		const d = device(alex);
		await syncOnce(d.db, d.network);
		const cursor = await d.db.meta.get('cursor');
		const other = device(alex);
		await syncOnce(other.db, other.network);
		const [caseId] = await casesOf(alex);
		const contactId = await recordContact(
			other.ctx,
			contactInput(caseId!, 'From the other device')
		);
		await syncOnce(other.db, other.network);

		const crash = () => {
			throw new Error('the tab was closed');
		};
		d.db.contacts.hook('creating', crash);
		await expect(syncOnce(d.db, d.network)).rejects.toThrow(/tab was closed/);
		d.db.contacts.hook('creating').unsubscribe(crash);
		expect(await d.db.meta.get('cursor')).toEqual(cursor);
		expect(await d.db.contacts.get(contactId)).toBeUndefined();

		await syncOnce(d.db, d.network);
		expect(await d.db.contacts.get(contactId)).toBeDefined();
		expect(sorted(await deviceView(d.db))).toEqual(sorted(await serverView(alex)));
	});
});

describe('a case moved away while its caseworker is offline with changes waiting', () => {
	it('every waiting change about it comes back refused with its reason and what was typed; the rest apply', async () => {
		const tom = device(priya);
		await syncOnce(tom.db, tom.network);
		const hearing = (await tom.db.hearings.toCollection().first())!;
		const moved = hearing.caseId as string;
		const kept = (await casesOf(priya)).find((id) => id !== moved)!;
		tom.network.fault = 'offline';
		await recordContact(tom.ctx, contactInput(moved, 'Typed on the train'));
		await updateHearing(tom.ctx, {
			hearingId: hearing.id,
			values: { courtroom: '7' },
			reason: 'Usher called',
			source: 'court-listing',
			receivedAt: '2026-11-20T09:00:00.000Z'
		});
		await createReferral(tom.ctx, {
			caseId: moved,
			serviceId: 'general-victim-support',
			consent: 'given',
			reason: ''
		});
		await updateRight(tom.ctx, {
			caseId: moved,
			rightNumber: 7,
			status: 'explained',
			evidence: 'Explained the statement',
			detail: 'offered'
		});
		await recordContact(tom.ctx, contactInput(kept, 'About a case still theirs'));
		const waiting = (await tom.db.outbox.toArray()).map((e) => e.mutationId);

		await reassignCase(server.db, sam, {
			caseId: moved,
			toCaseworkerId: alex.id,
			reason: 'Covering leave'
		});
		tom.network.fault = 'none';
		await syncOnce(tom.db, tom.network);

		const logged = await loggedOnce(waiting);
		expect(logged.filter((l) => l.status === 'applied').map((l) => l.caseId)).toEqual([kept]);
		const settlements = (await settlementsOnDevice(tom.db)).records;
		expect(settlements).toHaveLength(4);
		for (const settlement of settlements) {
			expect(settlement).toMatchObject({ status: 'rejected', caseId: moved });
			expect(settlement.reason).toMatch(/no longer assigned to you/);
			expect(settlement.what?.trim()).toBeTruthy();
		}
		expect(await tom.db.cases.get(moved)).toBeUndefined();
		for (const table of SYNC_TABLES)
			if (table !== 'cases' && table !== 'victims')
				expect(await tom.db.syncTable(table).where('caseId').equals(moved).count()).toBe(0);
		expect(sorted(await deviceView(tom.db))).toEqual(sorted(await serverView(priya)));
	});
});

describe('a device away longer than the tombstone horizon', () => {
	/** Withdraws a referral on the server, as a purge would: it leaves a tombstone. */
	async function withdraw(referralId: string) {
		await server.db.transaction(async (tx) => {
			const version = await nextVersion(tx);
			await tx
				.update(s.referrals)
				.set({ deleted: true, version })
				.where(eq(s.referrals.id, referralId));
		});
	}
	async function currentVersion() {
		const [state] = await server.db.select().from(s.syncState);
		return state!.version;
	}

	it('removes only tombstones at or below the horizon, which never moves back', async () => {
		const [referral] = await server.db
			.select()
			.from(s.referrals)
			.where(eq(s.referrals.deleted, false))
			.limit(1);
		await withdraw(referral!.id);
		const upTo = await currentVersion();
		expect(await compactTombstones(server.db, upTo)).toBe(upTo);
		expect(await compactTombstones(server.db, upTo - 1)).toBe(upTo);
		expect(await tombstoneHorizon(server.db)).toBe(upTo);
		expect(
			await server.db.select().from(s.referrals).where(eq(s.referrals.id, referral!.id))
		).toEqual([]);
		// The live rows stay.
		expect(
			(await server.db.select().from(s.referrals).where(eq(s.referrals.deleted, false))).length
		).toBeGreaterThan(0);
	});

	it('downloads afresh once, keeping its waiting changes; the withdrawn record leaves it; no second reset', async () => {
		const d = device(alex);
		await syncOnce(d.db, d.network);
		const mine = await casesOf(alex);
		const referral = (await d.db.referrals.where('caseId').anyOf(mine).first())!;
		// Away for a long time, with a change waiting (the pull below runs before any push).
		const contactId = await recordContact(d.ctx, contactInput(mine[0]!, 'Waited a month'));
		const waiting = await lastMutationId(d.db);
		await withdraw(referral.id);
		await compactTombstones(server.db, await currentVersion());

		d.network.pulls = 0;
		await pullChanges(d.db, d.network);
		expect(d.network.resets).toBe(1);
		expect(d.network.pulls).toBe(2); // the reset, then one page from the start
		expect(await d.db.referrals.get(referral.id)).toBeUndefined();
		expect(await d.db.outbox.count()).toBe(1);
		expect((await d.db.contacts.get(contactId))?._pending).toBeTruthy();

		await syncOnce(d.db, d.network);
		expect(await d.db.outbox.count()).toBe(0);
		expect((await loggedOnce([waiting]))[0]?.status).toBe('applied');
		expect(sorted(await deviceView(d.db))).toEqual(sorted(await serverView(alex)));
		expect(d.network.resets).toBe(1);
		expect(d.network.pulls).toBe(3);
	});

	it('tombstones removed during a download: it starts again once and ends whole', async () => {
		const d = device(alex);
		const referral = (
			await server.db
				.select()
				.from(s.referrals)
				.where(eq(s.referrals.caseId, (await casesOf(alex))[0]!))
		)[0];
		let pages = 0;
		const compactingMidway: Transport = {
			push: (body) => d.network.push(body),
			pull: async (body) => {
				const answer = await d.network.pull(body);
				if (++pages === 1 && referral) {
					await withdraw(referral.id);
					await compactTombstones(server.db, await currentVersion());
				}
				return answer;
			}
		};
		await pullChanges(d.db, compactingMidway, undefined, 50);
		expect(d.network.resets).toBe(1);
		expect(sorted(await deviceView(d.db))).toEqual(sorted(await serverView(alex)));
	});

	it('a server that asks for a reset again mid-download gets a retryable failure, not a loop', async () => {
		const d = device(alex);
		await syncOnce(d.db, d.network);
		let pulls = 0;
		const alwaysReset: Transport = {
			push: (body) => d.network.push(body),
			pull: (body) => {
				pulls++;
				const cursor = body.cursor ?? { v: 0, t: 0, id: '00000000-0000-0000-0000-000000000000' };
				const page = { cursor, hasMore: true, changes: {}, scope: null, total: null, reset: true };
				return Promise.resolve({ status: 200, body: page });
			}
		};
		const outcome = await syncOnce(d.db, alwaysReset).catch((e: unknown) => e);
		expect(outcome).toBeInstanceOf(SyncFailedError);
		expect((outcome as SyncFailedError).retryable).toBe(true);
		expect(pulls).toBe(2);
		// The next round against the real server downloads everything again.
		await syncOnce(d.db, d.network);
		expect(sorted(await deviceView(d.db))).toEqual(sorted(await serverView(alex)));
	});
});

describe('convergence under random faults (property)', () => {
	it('two caseworkers on three devices, random changes, faults and case moves: every device equals the server and each change is logged once', async () => {
		const step = fc.oneof(
			{
				weight: 5,
				arbitrary: fc.record({
					kind: fc.constant('write' as const),
					device: fc.nat(2),
					what: fc.constantFrom('contact', 'hearing', 'right'),
					pick: fc.nat(20)
				})
			},
			{
				weight: 4,
				arbitrary: fc.record({
					kind: fc.constant('sync' as const),
					device: fc.nat(2),
					fault: fc.constantFrom<Fault>(
						'none',
						'none',
						'offline',
						'loseResponse',
						'duplicate',
						'crashMidBatch',
						'delay'
					)
				})
			},
			{
				weight: 1,
				arbitrary: fc.record({ kind: fc.constant('late' as const), device: fc.nat(2) })
			},
			{ weight: 1, arbitrary: fc.record({ kind: fc.constant('move' as const), pick: fc.nat(20) }) }
		);
		await fc.assert(
			fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 30 }), async (steps) => {
				const devices = [device(alex), device(alex), device(priya)];
				for (const d of devices) await syncOnce(d.db, d.network);
				const written: string[] = [];
				for (const st of steps) {
					if (st.kind === 'move') {
						// The supervisor moves one of the two caseworkers' cases to the other (online only).
						const [from, to] = st.pick % 2 === 0 ? [alex, priya] : [priya, alex];
						const cases = await casesOf(from);
						if (cases.length > 1)
							await reassignCase(server.db, sam, {
								caseId: cases[st.pick % cases.length]!,
								toCaseworkerId: to.id,
								reason: 'Rebalancing'
							});
						continue;
					}
					const d = devices[st.device]!;
					if (st.kind === 'late') await d.network.deliverLate();
					else if (st.kind === 'sync') {
						d.network.fault = st.fault;
						await trySync(d);
						d.network.fault = 'none';
					} else {
						const cases = await d.db.cases.toArray();
						if (cases.length === 0) continue;
						const caseId = cases[st.pick % cases.length]!.id;
						const hearings = await d.db.hearings.where('caseId').equals(caseId).toArray();
						if (st.what === 'hearing' && hearings.length > 0)
							await updateHearing(d.ctx, {
								hearingId: hearings[st.pick % hearings.length]!.id,
								values: { courtroom: `C${++n}` },
								reason: `Step ${n}`,
								source: 'court-listing',
								receivedAt: '2026-11-20T09:00:00.000Z'
							});
						else if (st.what === 'right')
							await updateRight(d.ctx, {
								caseId,
								rightNumber: 7,
								status: 'explained',
								evidence: `Step ${++n}`,
								detail: 'offered'
							});
						else await recordContact(d.ctx, contactInput(caseId, `Step ${++n}`));
						written.push(await lastMutationId(d.db));
					}
				}
				// The network comes back: whatever was held arrives, then everyone syncs twice (the
				// second round brings each device the others' changes).
				for (const d of devices) await d.network.deliverLate();
				for (let round = 0; round < 2; round++)
					for (const d of devices) await syncOnce(d.db, d.network);

				const logged = await loggedOnce(written);
				const settled = new Map<string, string>();
				for (const d of devices) {
					expect(await d.db.outbox.count()).toBe(0);
					expect(await d.db.shadows.count()).toBe(0);
					expect(sorted(await deviceView(d.db))).toEqual(sorted(await serverView(d.actor)));
					for (const x of (await settlementsOnDevice(d.db)).records)
						settled.set(x.mutationId, x.reason);
				}
				// Every change the server did not apply is in sight on its device, with the reason.
				for (const l of logged.filter((l) => l.status !== 'applied'))
					expect(settled.get(l.id)).toBe(l.reason);
				for (const d of devices) d.db.close();
			}),
			{ numRuns: PROPERTY_RUNS }
		);
	}, 600_000);
});
