import { and, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, type Actor } from '$lib/domain';
import { freshDatabase, storageEngines } from '../../../test-data/databases';
import type { Database, DatabaseHandle } from '../db';
import * as s from '../db/schema';
import { portalCaseOf, victimPortalFor } from '../queries/victim-portal';
import { seedDemoData } from '../seed/seed';
import { pull } from '../sync/pull';
import { applyFromPortal, isPortalClientId, portalClientId } from '../sync/portal';

const NOW = new Date('2026-11-21T10:00:00.000Z');

async function actorFor(db: Database, email: string): Promise<Actor> {
	const [u] = await db.select().from(s.users).where(eq(s.users.email, email));
	return { id: u!.id, role: u!.role, teamId: u!.teamId, victimId: u!.victimId };
}

describe('the portal client id', () => {
	it('has a shape no device id has, so the push endpoint can refuse it from a device', () => {
		const id = portalClientId(newId());
		expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(isPortalClientId(id)).toBe(true);
		expect(isPortalClientId(newId())).toBe(false);
	});
});

describe.each(await storageEngines())('victim portal on $kind', ({ kind, run }) => {
	let handle: DatabaseHandle;
	const db = () => handle.db;
	let jo: Actor, alex: Actor;
	let caseId: string;

	beforeAll(async () => {
		if (!run) return;
		handle = await freshDatabase(kind);
		await seedDemoData(handle.db, { seed: 5, cases: 24, teams: 1, now: NOW });
		jo = await actorFor(db(), 'victim@demo.test');
		alex = await actorFor(db(), 'caseworker@demo.test');
		caseId = (await portalCaseOf(db(), jo.victimId!))!.caseId;
	});
	afterAll(async () => {
		if (run) await handle.close();
	});

	const acknowledge = (actor: Actor, hearingChangeId: string, onCase = caseId) =>
		applyFromPortal(
			db(),
			actor,
			{
				name: 'hearing.acknowledge',
				args: {
					caseId: onCase,
					hearingChangeId,
					acknowledgementId: newId(),
					acknowledgedAt: NOW.toISOString()
				}
			},
			NOW
		);

	describe('the victim-safe view', () => {
		it.runIf(run)('shows only their own case, with no internal notes or addresses', async () => {
			const view = (await victimPortalFor(db(), jo.victimId!, NOW))!;
			const [theCase] = await db().select().from(s.cases).where(eq(s.cases.id, caseId));
			const ownHearings = await db().select().from(s.hearings).where(eq(s.hearings.caseId, caseId));
			expect(view.hearings.map((h) => h.id).sort()).toEqual(ownHearings.map((h) => h.id).sort());
			const [victim] = await db().select().from(s.victims).where(eq(s.victims.id, jo.victimId!));
			const [referral] = await db()
				.select()
				.from(s.referrals)
				.where(and(eq(s.referrals.caseId, caseId), ne(s.referrals.notes, '')));
			const text = JSON.stringify(view);
			expect(text).not.toContain(theCase!.crimeReference);
			if (victim!.address) expect(text).not.toContain(victim!.address);
			if (victim!.safeContact.notes) expect(text).not.toContain(victim!.safeContact.notes);
			if (referral?.notes) expect(text).not.toContain(referral.notes);
			// Every change to every hearing, newest first within a hearing, each with its reason.
			const changes = await db()
				.select()
				.from(s.hearingChanges)
				.where(eq(s.hearingChanges.caseId, caseId));
			expect(view.hearings.flatMap((h) => h.history)).toHaveLength(changes.length);
			for (const h of view.hearings) {
				const times = h.history.map((c) => c.receivedAt);
				expect(times).toEqual([...times].sort().reverse());
				for (const c of h.history) expect(c.reason.length).toBeGreaterThan(0);
			}
			expect(view.rights.map((r) => r.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
		});

		it.runIf(run)('shows the seeded changes as seen except the latest', async () => {
			const view = (await victimPortalFor(db(), jo.victimId!, NOW))!;
			const all = view.hearings.flatMap((h) => h.history);
			const unseen = all.filter((c) => c.seenAt === null);
			expect(unseen).toHaveLength(1);
			expect(unseen[0]!.receivedAt).toBe(
				all
					.map((c) => c.receivedAt)
					.sort()
					.at(-1)
			);
		});

		it.runIf(run)('puts hearings still to come first, the next one first of all', async () => {
			const view = (await victimPortalFor(db(), jo.victimId!, NOW))!;
			const upcoming = view.hearings.filter((h) => h.upcoming);
			expect(view.hearings.slice(0, upcoming.length)).toEqual(upcoming);
			if (upcoming.length > 0) expect(view.nextHearingId).toBe(upcoming[0]!.id);
		});
	});

	describe('"I have seen this"', () => {
		it.runIf(run)(
			'is kept once, reaches the caseworker by sync, and is logged like any change',
			async () => {
				const view = (await victimPortalFor(db(), jo.victimId!, NOW))!;
				const change = view.hearings.flatMap((h) => h.history).find((c) => c.seenAt === null)!;
				expect((await acknowledge(jo, change.id)).status).toBe('applied');
				// Saying it again changes nothing: the first time counts.
				expect((await acknowledge(jo, change.id)).status).toBe('applied');
				const rows = await db()
					.select()
					.from(s.hearingChangeAcknowledgements)
					.where(eq(s.hearingChangeAcknowledgements.hearingChangeId, change.id));
				expect(rows).toHaveLength(1);
				expect(rows[0]!.acknowledgedBy).toBe(jo.id);

				const after = (await victimPortalFor(db(), jo.victimId!, NOW))!;
				expect(
					after.hearings.flatMap((h) => h.history).find((c) => c.id === change.id)!.seenAt
				).toBe(NOW.toISOString());

				const pulled = await pull(db(), alex, { cursor: null, limit: 5000 });
				expect(
					(pulled.changes.hearingChangeAcknowledgements ?? []).map((r) => r.hearingChangeId)
				).toContain(change.id);

				const log = await db()
					.select()
					.from(s.mutationLog)
					.where(eq(s.mutationLog.clientId, portalClientId(jo.id)));
				expect(log.map((l) => l.seq)).toEqual(log.map((_, i) => i + 1));
				expect(log.filter((l) => l.name === 'hearing.acknowledge')).toHaveLength(2);
			}
		);

		it.runIf(run)('is refused for a change on another case, and from staff', async () => {
			const [other] = await db()
				.select({ id: s.hearingChanges.id })
				.from(s.hearingChanges)
				.where(ne(s.hearingChanges.caseId, caseId))
				.limit(1);
			const refused = await acknowledge(jo, other!.id);
			expect(refused.status).toBe('rejected');
			expect(refused.reason).toBe('That change is not about one of your hearings.');

			const [own] = await db()
				.select({ id: s.hearingChanges.id })
				.from(s.hearingChanges)
				.where(eq(s.hearingChanges.caseId, caseId))
				.limit(1);
			const byStaff = await acknowledge(alex, own!.id);
			expect(byStaff.status).toBe('rejected');
			expect(
				await db()
					.select()
					.from(s.hearingChangeAcknowledgements)
					.where(eq(s.hearingChangeAcknowledgements.hearingChangeId, other!.id))
			).toHaveLength(0);
		});

		it.runIf(run)('from two requests at once, both are applied, in turn', async () => {
			const view = (await victimPortalFor(db(), jo.victimId!, NOW))!;
			const [a, b] = view.hearings.flatMap((h) => h.history).filter((c) => c.seenAt !== null);
			// Un-see two seeded changes so both requests have something to record.
			await db()
				.delete(s.hearingChangeAcknowledgements)
				.where(eq(s.hearingChangeAcknowledgements.hearingChangeId, a!.id));
			await db()
				.delete(s.hearingChangeAcknowledgements)
				.where(eq(s.hearingChangeAcknowledgements.hearingChangeId, b!.id));
			const results = await Promise.all([acknowledge(jo, a!.id), acknowledge(jo, b!.id)]);
			expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
			expect(new Set(results.map((r) => r.seq)).size).toBe(2);
			const seen = await victimPortalFor(db(), jo.victimId!, NOW);
			const byId = new Map(seen!.hearings.flatMap((h) => h.history).map((c) => [c.id, c]));
			expect(byId.get(a!.id)!.seenAt).not.toBeNull();
			expect(byId.get(b!.id)!.seenAt).not.toBeNull();
		});
	});

	describe('how we contact you', () => {
		it.runIf(run)(
			'a victim changes their own safe-contact choices; the caseworker sees the change',
			async () => {
				const { victimVersion } = (await portalCaseOf(db(), jo.victimId!))!;
				const result = await applyFromPortal(
					db(),
					jo,
					{
						name: 'victim.update',
						args: {
							victimId: jo.victimId,
							caseId,
							baseVersion: victimVersion,
							changeId: newId(),
							values: { voicemailAllowed: true, voicemailMessage: 'Please call Sam back.' },
							changedAt: NOW.toISOString()
						}
					},
					NOW
				);
				expect(result.status).toBe('applied');
				const view = (await victimPortalFor(db(), jo.victimId!, NOW))!;
				expect(view.contact.voicemailAllowed).toBe(true);
				expect(view.contact.voicemailMessage).toBe('Please call Sam back.');
				const pulled = await pull(db(), alex, { cursor: null, limit: 5000 });
				const changes = (pulled.changes.victimChanges ?? []).filter(
					(c) => c.victimId === jo.victimId && c.recordedBy === jo.id
				);
				expect(changes).toHaveLength(1);
			}
		);

		it.runIf(run)('refuses what only the caseworker may change', async () => {
			const { victimVersion } = (await portalCaseOf(db(), jo.victimId!))!;
			const result = await applyFromPortal(db(), jo, {
				name: 'victim.update',
				args: {
					victimId: jo.victimId,
					caseId,
					baseVersion: victimVersion,
					changeId: newId(),
					values: { safetyNotes: 'Changed by the victim' },
					changedAt: NOW.toISOString()
				}
			});
			expect(result.status).toBe('rejected');
		});
	});
});
