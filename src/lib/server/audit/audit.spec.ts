import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, type Actor, type PushedMutation } from '$lib/domain';
import { freshDatabase, storageEngines } from '../../../test-data/databases';
import type { DatabaseHandle } from '../db';
import * as s from '../db/schema';
import { caseNotifications } from '../notifications';
import { seedDemoData } from '../seed/seed';
import { pull } from '../sync/pull';
import { push } from '../sync/push';
import { reassignCase } from '../sync/reassign';
import { recordViews } from '../sync/views';
import { createInvitation, revokeVictimAccess } from '../victim-access';
import { auditTrail, AuditTrailError } from './trail';
import { contactArgs } from '../../../test-data/contacts';
import { demoActors } from '../../../test-data/sync-server';
import { databaseRefusal } from '../../../test-data/databases';

const NOW = new Date('2026-11-21T00:00:00.000Z');

describe.each(await storageEngines())('the audit trail on $kind', ({ kind, run }) => {
	let handle: DatabaseHandle;
	const db = () => handle.db;
	let alex: Actor, priya: Actor, sam: Actor, otherSupervisor: Actor, jo: Actor;
	let alexCase: string, priyaCase: string, otherTeamCase: string;
	let seq = 0;
	const clientId = newId();

	const eventsOf = (caseId: string, action: s.AuditAction) =>
		db()
			.select()
			.from(s.auditEvents)
			.where(and(eq(s.auditEvents.caseId, caseId), eq(s.auditEvents.action, action)));

	const pushOne = (actor: Actor, name: PushedMutation['name'], args: unknown, client = clientId) =>
		push(
			db(),
			actor,
			{ clientId: client, mutations: [{ seq: ++seq, id: newId(), name, args }] },
			NOW
		);

	beforeAll(async () => {
		if (!run) return;
		handle = await freshDatabase(kind);
		await seedDemoData(handle.db, { seed: 3, cases: 24, teams: 2, now: NOW });
		({ alex, priya, sam, otherSupervisor, jo } = await demoActors(handle.db));
		const caseOf = async (caseworker: Actor) =>
			(
				await db()
					.select({ id: s.cases.id })
					.from(s.cases)
					.where(eq(s.cases.assignedCaseworkerId, caseworker.id))
					.limit(1)
			)[0]!.id;
		alexCase = await caseOf(alex);
		priyaCase = await caseOf(priya);
		[{ id: otherTeamCase }] = (await db()
			.select({ id: s.cases.id })
			.from(s.cases)
			.where(eq(s.cases.teamId, otherSupervisor.teamId!))
			.limit(1)) as [{ id: string }];
	});
	afterAll(async () => {
		if (run) await handle.close();
	});

	describe('append-only', () => {
		it.runIf(run)('refuses to UPDATE an audit row', async () => {
			await recordViews(db(), alex, {
				views: [{ id: newId(), caseId: alexCase, viewedAt: '2026-11-20T09:00:00.000Z' }]
			});
			expect(
				await databaseRefusal(db().update(s.auditEvents).set({ action: 'case.changed' }))
			).toMatch(/audit_events is append-only: UPDATE is not allowed/);
		});

		it.runIf(run)('refuses to DELETE an audit row', async () => {
			expect(await databaseRefusal(db().delete(s.auditEvents))).toMatch(
				/audit_events is append-only: DELETE is not allowed/
			);
		});

		it.runIf(run)('refuses to TRUNCATE the audit table', async () => {
			expect(await databaseRefusal(db().execute(sql`truncate table audit_events`))).toMatch(
				/audit_events is append-only: TRUNCATE is not allowed/
			);
		});

		it.runIf(run)('refuses a row that claims a person without saying who', async () => {
			expect(
				await databaseRefusal(
					db().insert(s.auditEvents).values({
						id: newId(),
						at: NOW,
						actorUserId: null,
						actorRole: 'caseworker',
						action: 'case.viewed',
						caseId: alexCase,
						detail: {}
					})
				)
			).toMatch(/audit_events_actor_check/);
		});
	});

	describe('changes', () => {
		it.runIf(run)('an applied change is audited with who made it and which change', async () => {
			const result = await pushOne(alex, 'contact.record', contactArgs(alexCase));
			expect(result.results[0]!.status).toBe('applied');
			const mutationId = result.results[0]!.id;
			const rows = (await eventsOf(alexCase, 'case.changed')).filter(
				(r) => r.detail.mutationId === mutationId
			);
			expect(rows).toHaveLength(1);
			expect(rows[0]).toMatchObject({
				actorUserId: alex.id,
				actorRole: 'caseworker',
				at: NOW,
				detail: { mutation: 'contact.record', status: 'applied' }
			});
		});

		it.runIf(run)('a refused change leaves no audit row (the mutation log keeps it)', async () => {
			const result = await pushOne(alex, 'contact.record', contactArgs(priyaCase));
			expect(result.results[0]!.status).toBe('rejected');
			const rows = (await eventsOf(priyaCase, 'case.changed')).filter(
				(r) => r.detail.mutationId === result.results[0]!.id
			);
			expect(rows).toEqual([]);
		});

		it.runIf(run)('a reassignment is audited in its own transaction', async () => {
			const [before] = await db()
				.select({ n: sql<number>`count(*)`.mapWith(Number) })
				.from(s.auditEvents)
				.where(eq(s.auditEvents.action, 'case.reassigned'));
			await reassignCase(
				db(),
				sam,
				{ caseId: priyaCase, toCaseworkerId: alex.id, reason: 'Cover while on leave' },
				NOW
			);
			const rows = await eventsOf(priyaCase, 'case.reassigned');
			expect(rows.length).toBe(before!.n + 1);
			expect(rows.at(-1)).toMatchObject({
				actorUserId: sam.id,
				detail: { toCaseworkerId: alex.id }
			});
			// Put back for the tests after.
			await reassignCase(
				db(),
				sam,
				{ caseId: priyaCase, toCaseworkerId: priya.id, reason: 'Back' },
				NOW
			);
		});
	});

	describe('portal access', () => {
		it.runIf(run)(
			'giving a victim a code and turning their access off are both audited, without the code',
			async () => {
				const { code } = await createInvitation(
					db(),
					alex,
					{ caseId: alexCase, body: { email: `audit-${newId()}@example.test` } },
					NOW
				);
				await revokeVictimAccess(db(), sam, alexCase, NOW);
				const rows = await eventsOf(alexCase, 'victim-access.changed');
				expect(rows.map((r) => [r.actorUserId, r.detail.change])).toEqual(
					expect.arrayContaining([
						[alex.id, 'invited'],
						[sam.id, 'revoked']
					])
				);
				expect(JSON.stringify(rows)).not.toContain(code);
			}
		);
	});

	describe('reads', () => {
		it.runIf(run)(
			'a staff pull records each case whose records it sent to the device',
			async () => {
				const response = await pull(db(), alex, { cursor: null, limit: 10_000 }, NOW);
				const sentCases = new Set(response.changes.cases!.map((c) => c.id));
				expect(sentCases.has(alexCase)).toBe(true);
				const synced = await db()
					.select()
					.from(s.auditEvents)
					.where(
						and(
							eq(s.auditEvents.actorUserId, alex.id),
							eq(s.auditEvents.action, 'case.synced-to-device')
						)
					);
				expect(new Set(synced.map((r) => r.caseId))).toEqual(sentCases);
				const mine = synced.find((r) => r.caseId === alexCase)!;
				expect(mine.detail.rows).toBeGreaterThan(1);
			}
		);

		it.runIf(run)('a pull that sends nothing new records nothing', async () => {
			const first = await pull(db(), priya, { cursor: null, limit: 10_000 }, NOW);
			const count = async () =>
				(
					await db()
						.select({ id: s.auditEvents.id })
						.from(s.auditEvents)
						.where(eq(s.auditEvents.actorUserId, priya.id))
				).length;
			const before = await count();
			const again = await pull(db(), priya, { cursor: first.cursor, limit: 10_000 }, NOW);
			expect(Object.keys(again.changes)).toEqual([]);
			expect(await count()).toBe(before);
		});

		it.runIf(run)(
			"a victim's pull of their own case is not a staff read and is not recorded",
			async () => {
				await pull(db(), jo, { cursor: null }, NOW);
				const rows = await db()
					.select()
					.from(s.auditEvents)
					.where(eq(s.auditEvents.actorUserId, jo.id));
				expect(rows).toEqual([]);
			}
		);

		it.runIf(run)('reading the messages sent to a victim online is recorded', async () => {
			await caseNotifications(db(), alex, alexCase, NOW);
			const rows = await eventsOf(alexCase, 'case.read-online');
			expect(
				rows.some((r) => r.actorUserId === alex.id && r.detail.endpoint === 'notifications')
			).toBe(true);
		});

		it.runIf(run)('a refused online read is not recorded as a read', async () => {
			await expect(caseNotifications(db(), alex, priyaCase, NOW)).rejects.toThrow();
			const rows = await eventsOf(priyaCase, 'case.read-online');
			expect(rows.filter((r) => r.actorUserId === alex.id)).toEqual([]);
		});
	});

	describe('views sent from a device', () => {
		it.runIf(run)(
			'a view is recorded at the moment the case was opened, not when it arrived',
			async () => {
				const id = newId();
				const answer = await recordViews(
					db(),
					alex,
					{ views: [{ id, caseId: alexCase, viewedAt: '2026-11-19T08:30:00.000Z' }] },
					NOW
				);
				expect(answer).toEqual({ recorded: [id], refused: [] });
				const [row] = await db().select().from(s.auditEvents).where(eq(s.auditEvents.id, id));
				expect(row).toMatchObject({
					action: 'case.viewed',
					caseId: alexCase,
					actorUserId: alex.id,
					at: new Date('2026-11-19T08:30:00.000Z')
				});
			}
		);

		it.runIf(run)('a view sent twice is recorded once', async () => {
			const view = { id: newId(), caseId: alexCase, viewedAt: '2026-11-19T09:00:00.000Z' };
			await recordViews(db(), alex, { views: [view] }, NOW);
			const again = await recordViews(db(), alex, { views: [view, view] }, NOW);
			expect(again.recorded).toEqual([view.id, view.id]);
			expect(
				await db().select().from(s.auditEvents).where(eq(s.auditEvents.id, view.id))
			).toHaveLength(1);
		});

		it.runIf(run)('a view dated in the future (a fast clock) is recorded at now', async () => {
			const id = newId();
			await recordViews(
				db(),
				alex,
				{ views: [{ id, caseId: alexCase, viewedAt: '2030-01-01T00:00:00.000Z' }] },
				NOW
			);
			const [row] = await db().select().from(s.auditEvents).where(eq(s.auditEvents.id, id));
			expect(row!.at).toEqual(NOW);
		});

		it.runIf(run)(
			"a caseworker's view of a case they never held is refused and not recorded",
			async () => {
				const id = newId();
				const answer = await recordViews(
					db(),
					alex,
					{ views: [{ id, caseId: otherTeamCase, viewedAt: '2026-11-20T08:00:00.000Z' }] },
					NOW
				);
				expect(answer.recorded).toEqual([]);
				expect(answer.refused).toEqual([
					{ id, reason: 'This case is not one you can see, so no view was recorded.' }
				]);
				expect(await db().select().from(s.auditEvents).where(eq(s.auditEvents.id, id))).toEqual([]);
			}
		);

		it.runIf(run)(
			'a view of a case the caseworker held before it was moved is still recorded',
			async () => {
				// Priya held her case; it moves to Alex; her view made offline before the move arrives after.
				await reassignCase(
					db(),
					sam,
					{ caseId: priyaCase, toCaseworkerId: alex.id, reason: 'Cover' },
					NOW
				);
				const id = newId();
				const answer = await recordViews(
					db(),
					priya,
					{ views: [{ id, caseId: priyaCase, viewedAt: '2026-11-20T23:00:00.000Z' }] },
					NOW
				);
				expect(answer.recorded).toEqual([id]);
				await reassignCase(
					db(),
					sam,
					{ caseId: priyaCase, toCaseworkerId: priya.id, reason: 'Back' },
					NOW
				);
			}
		);

		it.runIf(run)("a victim's views are not staff reads and are refused", async () => {
			const id = newId();
			const answer = await recordViews(db(), jo, {
				views: [{ id, caseId: alexCase, viewedAt: '2026-11-20T08:00:00.000Z' }]
			});
			expect(answer.refused).toEqual([{ id, reason: 'Only staff views of a case are recorded.' }]);
		});

		it.runIf(run)("a supervisor's view of a case in their team is recorded", async () => {
			const id = newId();
			const answer = await recordViews(db(), sam, {
				views: [{ id, caseId: alexCase, viewedAt: '2026-11-20T08:00:00.000Z' }]
			});
			expect(answer.recorded).toEqual([id]);
		});
	});

	describe('who may read the trail', () => {
		it.runIf(run)(
			"a supervisor of the case's team reads who did what, in plain English, oldest first",
			async () => {
				const entries = await auditTrail(db(), sam, alexCase);
				expect(entries.length).toBeGreaterThan(3);
				expect([...entries].sort((a, b) => a.at.localeCompare(b.at))).toEqual(entries);
				const alexName = (await db().select().from(s.users).where(eq(s.users.id, alex.id)))[0]!
					.displayName;
				expect(entries).toContainEqual(
					expect.objectContaining({ who: alexName, role: 'Caseworker', what: 'Opened the case' })
				);
				expect(entries).toContainEqual(
					expect.objectContaining({ who: alexName, what: 'Recorded a contact' })
				);
				// Who and what, never what was written about the victim.
				expect(JSON.stringify(entries)).not.toContain('Told them the new trial date.');
			}
		);

		it.runIf(run)('a supervisor of another team is refused (403)', async () => {
			await expect(auditTrail(db(), otherSupervisor, alexCase)).rejects.toMatchObject({
				status: 403
			});
		});

		it.runIf(run)(
			"the case's own caseworker is refused (403): the trail is for supervisors",
			async () => {
				await expect(auditTrail(db(), alex, alexCase)).rejects.toMatchObject({ status: 403 });
			}
		);

		it.runIf(run)('a case that does not exist, or an id that is not one, is a 404', async () => {
			await expect(auditTrail(db(), sam, newId())).rejects.toMatchObject({ status: 404 });
			await expect(auditTrail(db(), sam, 'not-an-id')).rejects.toBeInstanceOf(AuditTrailError);
		});
	});
});
