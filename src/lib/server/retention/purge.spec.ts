import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, type Actor } from '$lib/domain';
import { freshDatabase, storageEngines } from '../../../test-data/databases';
import { readConfig } from '../config';
import type { DatabaseHandle } from '../db';
import * as s from '../db/schema';
import { seedDemoData } from '../seed/seed';
import { pull } from '../sync/pull';
import { push } from '../sync/push';
import { scopeHash } from '../sync/scope';
import { casesDueForPurge, purgeCase, purgeExpiredCases } from './purge';
import { actorFor } from '../../../test-data/sync-server';
import { databaseRefusal } from '../../../test-data/databases';

const NOW = new Date('2026-11-21T00:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
const RETENTION = { daysAfterClose: 730 };

/** Every table that holds a row about a case, with how many rows this case has in it. */
const CASE_TABLES = {
	caseAssignments: s.caseAssignments,
	caseEvents: s.caseEvents,
	hearings: s.hearings,
	hearingChanges: s.hearingChanges,
	hearingChangeAcknowledgements: s.hearingChangeAcknowledgements,
	victimChanges: s.victimChanges,
	referrals: s.referrals,
	contacts: s.contacts,
	rightsRecords: s.rightsRecords,
	obligationWaivers: s.obligationWaivers,
	conflicts: s.conflicts,
	victimInvitations: s.victimInvitations,
	victimNotifications: s.victimNotifications,
	mutationLog: s.mutationLog
};

describe('the retention setting', () => {
	it('defaults to two years after a case closes', () => {
		expect(readConfig({}).retention.daysAfterClose).toBe(730);
	});
	it('refuses a period so short a typo could empty the hub', () => {
		expect(() => readConfig({ RETENTION_DAYS_AFTER_CLOSE: '3' })).toThrow(
			/RETENTION_DAYS_AFTER_CLOSE/
		);
	});
});

describe.each(await storageEngines())('the retention purge on $kind', ({ kind, run }) => {
	let handle: DatabaseHandle;
	const db = () => handle.db;
	let alex: Actor, jo: Actor;
	let joCase: string, recentlyClosed: string, openCase: string;

	const rowsOf = async (caseId: string) => {
		const counts: Record<string, number> = {};
		for (const [name, table] of Object.entries(CASE_TABLES)) {
			const [row] = await db()
				.select({ n: sql<number>`count(*)`.mapWith(Number) })
				.from(table)
				.where(eq(table.caseId, caseId));
			counts[name] = row!.n;
		}
		return counts;
	};
	const close = (caseId: string, closedAt: Date) =>
		db().update(s.cases).set({ status: 'closed', closedAt }).where(eq(s.cases.id, caseId));

	beforeAll(async () => {
		if (!run) return;
		handle = await freshDatabase(kind);
		await seedDemoData(handle.db, { seed: 3, cases: 24, teams: 1, now: NOW });
		[alex, jo] = await Promise.all([
			actorFor(handle.db, 'caseworker@demo.test'),
			actorFor(handle.db, 'victim@demo.test')
		]);
		const alexCases = await db()
			.select({ id: s.cases.id, victimId: s.cases.victimId })
			.from(s.cases)
			.where(eq(s.cases.assignedCaseworkerId, alex.id));
		joCase = alexCases.find((c) => c.victimId === jo.victimId)!.id;
		const others = alexCases.filter((c) => c.victimId !== jo.victimId);
		recentlyClosed = others[0]!.id;
		openCase = others[1]!.id;
		// The victim said "I have seen this", and a change from their device is in the log.
		await pull(db(), jo, { cursor: null });
		const [change] = await db()
			.select({ id: s.hearingChanges.id })
			.from(s.hearingChanges)
			.where(eq(s.hearingChanges.caseId, joCase))
			.limit(1);
		const pushed = await push(
			db(),
			jo,
			{
				clientId: newId(),
				mutations: [
					{
						seq: 1,
						id: newId(),
						name: 'hearing.acknowledge',
						args: {
							caseId: joCase,
							hearingChangeId: change!.id,
							acknowledgementId: newId(),
							acknowledgedAt: '2026-11-20T10:00:00.000Z'
						}
					}
				]
			},
			NOW
		);
		expect(pushed.results[0]!.status).toBe('applied');
		await close(joCase, new Date(NOW.getTime() - 731 * DAY));
		await close(recentlyClosed, new Date(NOW.getTime() - 700 * DAY));
	});
	afterAll(async () => {
		if (run) await handle.close();
	});

	it.runIf(run)('lists only closed cases closed longer ago than the retention period', async () => {
		expect(await casesDueForPurge(db(), { now: NOW, ...RETENTION })).toEqual([joCase]);
	});

	describe('once the purge has run', () => {
		let deviceBefore: { cursor: Awaited<ReturnType<typeof pull>>['cursor']; hash: string };
		let report: Awaited<ReturnType<typeof purgeExpiredCases>>;
		let before: Record<string, number>;

		beforeAll(async () => {
			if (!run) return;
			const first = await pull(db(), alex, { cursor: null, limit: 10_000 });
			deviceBefore = { cursor: first.cursor, hash: first.scope!.hash };
			before = await rowsOf(joCase);
			report = await purgeExpiredCases(db(), { now: NOW, ...RETENTION });
		});

		it.runIf(run)('the case had records in the history tables before', () => {
			expect(before.hearingChanges).toBeGreaterThan(0);
			expect(before.caseAssignments).toBeGreaterThan(0);
			expect(before.contacts).toBeGreaterThan(0);
			expect(before.mutationLog).toBeGreaterThan(0);
			expect(before.hearingChangeAcknowledgements).toBeGreaterThan(0);
		});

		it.runIf(run)('deletes the case past its retention and nothing else', async () => {
			expect(report.purged).toEqual([joCase]);
			const left = await db().select({ id: s.cases.id }).from(s.cases);
			expect(left.map((c) => c.id)).not.toContain(joCase);
			expect(left.map((c) => c.id)).toEqual(expect.arrayContaining([recentlyClosed, openCase]));
			expect((await rowsOf(openCase)).caseAssignments).toBeGreaterThan(0);
		});

		it.runIf(run)('deletes every record about the case, history included', async () => {
			const after = await rowsOf(joCase);
			expect(Object.values(after).every((n) => n === 0)).toBe(true);
		});

		it.runIf(run)(
			'deletes the victim, with their last case, and their account and sessions',
			async () => {
				expect(await db().select().from(s.victims).where(eq(s.victims.id, jo.victimId!))).toEqual(
					[]
				);
				expect(await db().select().from(s.users).where(eq(s.users.id, jo.id))).toEqual([]);
				expect(await db().select().from(s.sessions).where(eq(s.sessions.userId, jo.id))).toEqual(
					[]
				);
				expect(
					await db().select().from(s.syncClients).where(eq(s.syncClients.userId, jo.id))
				).toEqual([]);
			}
		);

		it.runIf(run)('records the purge in the audit trail, which keeps the case’s rows', async () => {
			const events = await db()
				.select()
				.from(s.auditEvents)
				.where(eq(s.auditEvents.caseId, joCase));
			expect(events.find((e) => e.action === 'case.purged')).toMatchObject({
				actorRole: 'system',
				actorUserId: null,
				at: NOW,
				detail: { daysAfterClose: 730, victimRecordDeleted: true }
			});
			expect(events.some((e) => e.action === 'case.changed')).toBe(true);
		});

		it.runIf(run)(
			'the history tables still refuse deletes outside a purge, even of the same case',
			async () => {
				const [other] = await db()
					.select({ id: s.hearingChanges.id })
					.from(s.hearingChanges)
					.where(eq(s.hearingChanges.caseId, openCase))
					.limit(1);
				expect(
					await databaseRefusal(
						db().delete(s.hearingChanges).where(eq(s.hearingChanges.id, other!.id))
					)
				).toMatch(/hearing_changes is append-only: DELETE is not allowed/);
				// A session that set the purge setting for one case cannot delete another case's rows.
				expect(
					await databaseRefusal(
						db().transaction(async (tx) => {
							await tx.execute(sql`select set_config('hub.purging_case', ${joCase}, true)`);
							await tx.delete(s.caseAssignments).where(eq(s.caseAssignments.caseId, openCase));
						})
					)
				).toMatch(/case_assignments is append-only: DELETE is not allowed/);
			}
		);

		it.runIf(run)(
			"the caseworker's device is told at its next pull that the case is gone",
			async () => {
				const next = await pull(db(), alex, {
					cursor: deviceBefore.cursor,
					scopeHash: deviceBefore.hash
				});
				expect(next.scope).not.toBeNull();
				expect(next.scope!.caseIds).not.toContain(joCase);
				expect(next.scope!.caseIds).toContain(openCase);
				expect(next.scope!.hash).toBe(scopeHash(next.scope!.caseIds));
			}
		);

		it.runIf(run)('running it again purges nothing more', async () => {
			expect(await purgeExpiredCases(db(), { now: NOW, ...RETENTION })).toEqual({ purged: [] });
		});
	});

	it.runIf(run)('a case reopened after it was listed is not purged', async () => {
		const caseId = openCase;
		await close(caseId, new Date(NOW.getTime() - 800 * DAY));
		expect(await casesDueForPurge(db(), { now: NOW, ...RETENTION })).toContain(caseId);
		await db()
			.update(s.cases)
			.set({ status: 'open', closedAt: null })
			.where(eq(s.cases.id, caseId));
		expect(await purgeCase(db(), caseId, { now: NOW, ...RETENTION })).toBe(false);
		expect(await db().select().from(s.cases).where(eq(s.cases.id, caseId))).toHaveLength(1);
	});

	it.runIf(run)('a failure part-way leaves the case whole (one transaction per case)', async () => {
		const caseId = recentlyClosed;
		await close(caseId, new Date(NOW.getTime() - 800 * DAY));
		const before = await rowsOf(caseId);
		// A row the purge does not know to delete, pointing at the case, makes its last delete fail.
		const [hearing] = await db()
			.select()
			.from(s.hearings)
			.where(eq(s.hearings.caseId, caseId))
			.limit(1);
		await db().execute(sql`create table blocker (case_id uuid references cases(id))`);
		await db().execute(sql`insert into blocker values (${caseId})`);
		await expect(purgeCase(db(), caseId, { now: NOW, ...RETENTION })).rejects.toThrow();
		expect(await rowsOf(caseId)).toEqual(before);
		expect(await db().select().from(s.hearings).where(eq(s.hearings.id, hearing!.id))).toHaveLength(
			1
		);
		expect(
			await db()
				.select()
				.from(s.auditEvents)
				.where(and(eq(s.auditEvents.caseId, caseId), eq(s.auditEvents.action, 'case.purged')))
		).toEqual([]);
		await db().execute(sql`drop table blocker`);
	});
});
