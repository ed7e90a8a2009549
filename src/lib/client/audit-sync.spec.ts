import 'fake-indexeddb/auto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PullRequest, PushRequest, SYNC_TABLES, ViewsRequest, type Actor } from '$lib/domain';
import { freshDatabase } from '../../test-data/databases';
import { actorFor } from '../../test-data/sync-server';
import type { DatabaseHandle } from '../server/db';
import * as s from '../server/db/schema';
import { purgeExpiredCases } from '../server/retention/purge';
import { seedDemoData } from '../server/seed/seed';
import { pull } from '../server/sync/pull';
import { push } from '../server/sync/push';
import { recordViews } from '../server/sync/views';
import { openHubDatabase } from './db';
import { SyncFailedError, syncOnce, type Transport } from './sync-engine';
import { recordCaseView } from './views';

/**
 * The device's side of issue 10's audit and retention: a case opened with no signal reaches the
 * server's audit trail at the next sync, and a case the retention purge deleted leaves the device.
 */

const NOW = new Date('2026-11-21T00:00:00.000Z');
let server: DatabaseHandle;
let alex: Actor;
let dbCount = 0;

const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

/** The endpoints, called in-process; `offline` makes every call fail as with no signal. */
function transportFor(actor: Actor) {
	const faults = { offline: false };
	const roundTrip = async (work: () => Promise<unknown>) => {
		if (faults.offline) throw new SyncFailedError('offline', true);
		return { status: 200, body: json(await work()) };
	};
	const transport: Transport = {
		push: (b) => roundTrip(() => push(server.db, actor, PushRequest.parse(json(b)))),
		pull: (b) => roundTrip(() => pull(server.db, actor, PullRequest.parse(json(b)))),
		views: (b) => roundTrip(() => recordViews(server.db, actor, ViewsRequest.parse(json(b))))
	};
	return { transport, faults };
}

function device(actor: Actor) {
	const db = openHubDatabase(`${actor.id}-audit-${++dbCount}`);
	return { db, ...transportFor(actor) };
}

beforeAll(async () => {
	server = await freshDatabase('pglite');
	await seedDemoData(server.db, { seed: 5, cases: 30, teams: 1, now: NOW });
	alex = await actorFor(server.db, 'caseworker@demo.test');
});
afterAll(() => server.close());

describe('a case opened on the device', () => {
	it('with no signal, is kept on the device and reaches the audit trail at the next sync', async () => {
		const { db, transport, faults } = device(alex);
		await syncOnce(db, transport);
		const caseId = (await db.cases.toArray())[0]!.id;
		faults.offline = true;
		const openedAt = new Date('2026-11-20T14:00:00.000Z');
		await recordCaseView(db, caseId, openedAt);
		await expect(syncOnce(db, transport)).rejects.toThrow(SyncFailedError);
		expect(await db.views.count()).toBe(1);

		faults.offline = false;
		await syncOnce(db, transport);
		expect(await db.views.count()).toBe(0);
		const viewed = await server.db
			.select()
			.from(s.auditEvents)
			.where(eq(s.auditEvents.caseId, caseId));
		expect(viewed.filter((e) => e.action === 'case.viewed')).toEqual([
			expect.objectContaining({ actorUserId: alex.id, at: openedAt })
		]);
		db.close();
	});

	it('is not a change waiting to sync: the outbox stays empty', async () => {
		const { db, transport } = device(alex);
		await syncOnce(db, transport);
		await recordCaseView(db, (await db.cases.toArray())[0]!.id);
		expect(await db.outbox.count()).toBe(0);
		db.close();
	});
});

describe('a case deleted by the retention purge', () => {
	it('leaves the device, with every one of its records, at the next pull', async () => {
		const { db, transport } = device(alex);
		await syncOnce(db, transport);
		const [gone, kept] = (await db.cases.toArray()).map((c) => c.id) as [string, string];
		const countFor = async (caseId: string) => {
			let n = 0;
			for (const table of SYNC_TABLES)
				if (table !== 'cases' && table !== 'victims')
					n += await db.syncTable(table).where('caseId').equals(caseId).count();
			return n;
		};
		expect(await countFor(gone)).toBeGreaterThan(0);
		const victimId = (await db.cases.get(gone))!.victimId as string;

		await server.db
			.update(s.cases)
			.set({ status: 'closed', closedAt: new Date('2020-01-01T00:00:00.000Z') })
			.where(eq(s.cases.id, gone));
		const { purged } = await purgeExpiredCases(server.db, { now: NOW, daysAfterClose: 730 });
		expect(purged).toEqual([gone]);

		await syncOnce(db, transport);
		expect(await db.cases.get(gone)).toBeUndefined();
		expect(await countFor(gone)).toBe(0);
		expect(await db.victims.get(victimId)).toBeUndefined();
		expect(await db.cases.get(kept)).toBeDefined();
		expect(await countFor(kept)).toBeGreaterThan(0);
		db.close();
	});
});
