import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	PushRequest,
	SYNC_TABLES,
	type Actor,
	type PullCursor,
	type PullResponse,
	type PushedMutation,
	type SyncTable
} from '$lib/domain';
import { freshDatabase, storageEngines } from '../../../test-data/databases';
import type { Database, DatabaseHandle } from '../db';
import * as s from '../db/schema';
import { refusedChangesFor } from '../queries/refused-changes';
import { seedDemoData } from '../seed/seed';
import { BadSyncRequest } from './errors';
import { pull } from './pull';
import { push } from './push';
import { reassignCase } from './reassign';
import { contactArgs as recordedContact } from '../../../test-data/contacts';
import { actorFor } from '../../../test-data/sync-server';

const NOW = new Date('2026-11-21T00:00:00.000Z');
let n = 0;
const uuid = () => `0190d000-0000-7000-8000-${(++n).toString(16).padStart(12, '0')}`;

/** Pulls every page from `cursor`, as a client's first download does. */
async function pullAll(
	db: Database,
	actor: Actor,
	limit: number,
	cursor: PullCursor | null = null
) {
	const rows = new Map<string, Record<string, unknown>[]>();
	let pages = 0;
	let last: PullResponse;
	do {
		last = await pull(db, actor, { cursor, limit });
		pages++;
		for (const [table, list] of Object.entries(last.changes))
			rows.set(table, [...(rows.get(table) ?? []), ...list]);
		cursor = last.cursor;
	} while (last.hasMore);
	return { rows, pages, cursor, scope: last.scope };
}

const contactArgs = (caseId: string, o: Record<string, unknown> = {}) =>
	recordedContact(caseId, { id: uuid(), ...o });
const mutation = (seq: number, name: PushedMutation['name'], args: unknown): PushedMutation => ({
	seq,
	id: uuid(),
	name,
	args
});

describe.each(await storageEngines())('sync protocol on $kind', ({ kind, run }) => {
	let handle: DatabaseHandle;
	const db = () => handle.db;
	let alex: Actor, priya: Actor, sam: Actor, jo: Actor;
	let alexCases: string[];

	beforeAll(async () => {
		if (!run) return;
		handle = await freshDatabase(kind);
		await seedDemoData(handle.db, { seed: 3, cases: 36, teams: 1, now: NOW });
		[alex, priya, sam, jo] = (await Promise.all(
			[
				'caseworker@demo.test',
				'caseworker2@demo.test',
				'supervisor@demo.test',
				'victim@demo.test'
			].map((e) => actorFor(handle.db, e))
		)) as [Actor, Actor, Actor, Actor];
		alexCases = (
			await db()
				.select({ id: s.cases.id })
				.from(s.cases)
				.where(eq(s.cases.assignedCaseworkerId, alex.id))
		).map((c) => c.id);
	});
	afterAll(async () => {
		if (run) await handle.close();
	});

	describe('pull', () => {
		it.runIf(run)(
			"gives a caseworker exactly their own cases' rows, every row once, across pages",
			async () => {
				const first = await pull(db(), alex, { cursor: null, limit: 40 });
				const { rows, pages } = await pullAll(db(), alex, 40);
				expect(pages).toBeGreaterThan(3);
				expect(new Set(rows.get('cases')!.map((c) => c.id))).toEqual(new Set(alexCases));
				const all = [...rows.values()].flat();
				expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
				expect(all.length).toBe(first.total);
				const [contactCount] = await db()
					.select({ id: s.contacts.id })
					.from(s.contacts)
					.where(inArray(s.contacts.caseId, alexCases));
				expect(contactCount).toBeDefined();
				expect(rows.get('contacts')!.every((c) => alexCases.includes(c.caseId as string))).toBe(
					true
				);
			}
		);

		it.runIf(run)('gives a supervisor every case of the team', async () => {
			const { rows } = await pullAll(db(), sam, 500);
			expect(rows.get('cases')).toHaveLength(36);
		});

		it.runIf(run)('gives a victim a victim-safe projection of their own case only', async () => {
			const { rows } = await pullAll(db(), jo, 500);
			expect(rows.get('cases')).toHaveLength(1);
			expect([...rows.keys()].sort()).toEqual(
				[
					'cases',
					'hearingChanges',
					'hearingChangeAcknowledgements',
					'hearings',
					'referrals',
					'rightsRecords',
					'victims'
				]
					.filter((t) => rows.has(t))
					.sort()
			);
			expect(rows.has('contacts')).toBe(false);
			expect(rows.has('caseEvents')).toBe(false);
			const [c] = rows.get('cases')!;
			expect(c).not.toHaveProperty('crimeReference');
			const [v] = rows.get('victims')!;
			expect(v).not.toHaveProperty('address');
			expect(v!.safeContact).not.toHaveProperty('notes');
			expect(v!.id).toBe(jo.victimId);
			expect(rows.get('rightsRecords')!.every((r) => !('evidence' in r))).toBe(true);
			// Enhanced rights: which groups and since when, not the caseworker's reasons.
			for (const entry of v!.enhancedRights as Record<string, unknown>[])
				expect(Object.keys(entry).sort()).toEqual(['appliesFrom', 'endedAt', 'group']);
		});

		it.runIf(run)('never sends a confidential address to anyone', async () => {
			const { rows } = await pullAll(db(), sam, 500);
			const confidential = rows.get('victims')!.filter((v) => v.confidentialAddress === true);
			expect(confidential.length).toBeGreaterThan(0);
			expect(confidential.every((v) => !('address' in v))).toBe(true);
		});

		it.runIf(run)('sends the scope only when the client holds a different one', async () => {
			const first = await pull(db(), alex, { cursor: null, limit: 10 });
			expect(first.scope!.caseIds.sort()).toEqual([...alexCases].sort());
			const again = await pull(db(), alex, {
				cursor: null,
				limit: 10,
				scopeHash: first.scope!.hash
			});
			expect(again.scope).toBeNull();
		});
	});

	describe('push', () => {
		const clientA = uuid();

		it.runIf(run)('applies a contact once, and the next pull brings it', async () => {
			const { cursor } = await pullAll(db(), alex, 1000);
			const m = mutation(1, 'contact.record', contactArgs(alexCases[0]!));
			const result = await push(db(), alex, { clientId: clientA, mutations: [m] });
			expect(result).toEqual({
				ackSeq: 1,
				results: [{ seq: 1, id: m.id, status: 'applied', reason: null }]
			});
			const after = await pull(db(), alex, { cursor });
			expect(after.changes.contacts?.map((c) => c.id)).toEqual([(m.args as { id: string }).id]);
			expect(after.changes.contacts?.[0]?.recordedBy).toBe(alex.id);
		});

		it.runIf(run)('answers a retried push from the log without applying it again', async () => {
			const m = mutation(2, 'contact.record', contactArgs(alexCases[0]!));
			const once = await push(db(), alex, { clientId: clientA, mutations: [m] });
			const twice = await push(db(), alex, { clientId: clientA, mutations: [m] });
			expect(twice).toEqual(once);
			const rows = await db()
				.select()
				.from(s.contacts)
				.where(eq(s.contacts.id, (m.args as { id: string }).id));
			expect(rows).toHaveLength(1);
			const logged = await db().select().from(s.mutationLog).where(eq(s.mutationLog.id, m.id));
			expect(logged).toHaveLength(1);
		});

		it.runIf(run)('refuses a gap in sequence numbers, writing nothing', async () => {
			const before = await db().select().from(s.mutationLog);
			const attempt = push(db(), alex, {
				clientId: clientA,
				mutations: [mutation(9, 'contact.record', contactArgs(alexCases[0]!))]
			});
			await expect(attempt).rejects.toThrow(
				new BadSyncRequest(
					409,
					'Changes are missing: the next expected sequence number is 3, got 9.'
				)
			);
			expect(await db().select().from(s.mutationLog)).toHaveLength(before.length);
		});

		it.runIf(run)("refuses another user's client", async () => {
			await expect(
				push(db(), priya, {
					clientId: clientA,
					mutations: [mutation(3, 'contact.record', contactArgs(alexCases[0]!))]
				})
			).rejects.toMatchObject({
				status: 403,
				message: 'This sync client belongs to another user.'
			});
		});

		it.runIf(run)('names an unknown mutation and a gap inside a batch (request validation)', () => {
			const bad = PushRequest.safeParse({
				clientId: clientA,
				mutations: [{ seq: 1, id: uuid(), name: 'case.delete', args: {} }]
			});
			expect(bad.error?.issues[0]?.message).toMatch(
				/Unknown mutation: expected one of contact.record/
			);
			const gap = PushRequest.safeParse({
				clientId: clientA,
				mutations: [mutation(1, 'contact.record', {}), mutation(3, 'contact.record', {})]
			});
			expect(gap.error?.issues[0]?.message).toMatch(/without gaps: expected 2, got 3/);
		});

		it.runIf(run)(
			"records a refused change with its reason and moves the queue on: a contact on someone else's case",
			async () => {
				const priyaCase = (
					await db()
						.select({ id: s.cases.id })
						.from(s.cases)
						.where(eq(s.cases.assignedCaseworkerId, priya.id))
						.limit(1)
				)[0]!.id;
				const args = contactArgs(priyaCase);
				const m = mutation(3, 'contact.record', args);
				const result = await push(db(), alex, {
					clientId: clientA,
					mutations: [m, mutation(4, 'contact.record', contactArgs(alexCases[1]!))]
				});
				expect(result.ackSeq).toBe(4);
				expect(result.results.map((r) => r.status)).toEqual(['rejected', 'applied']);
				expect(result.results[0]!.reason).toMatch(/no longer assigned to you/);
				expect(await db().select().from(s.contacts).where(eq(s.contacts.id, args.id))).toHaveLength(
					0
				);
				const [logged] = await db().select().from(s.mutationLog).where(eq(s.mutationLog.id, m.id));
				expect(logged).toMatchObject({ status: 'rejected', caseId: priyaCase, userId: alex.id });
			}
		);

		it.runIf(run)('rejects arguments that break the rules, saying which', async () => {
			const result = await push(db(), alex, {
				clientId: clientA,
				mutations: [mutation(5, 'contact.record', contactArgs(alexCases[0]!, { summary: '' }))]
			});
			expect(result.results[0]).toMatchObject({
				status: 'rejected',
				reason: 'The change could not be read: summary: Enter a summary of what was said or done'
			});
		});

		it.runIf(run)('keeps the mutation log append-only', async () => {
			await expect(db().delete(s.mutationLog)).rejects.toThrow();
		});
	});

	describe('hearings: disjoint fields merge, the same field conflicts', () => {
		it.runIf(run)('keeps both values for a person to choose, and the choice syncs', async () => {
			const [hearing] = await db()
				.select()
				.from(s.hearings)
				.where(inArray(s.hearings.caseId, alexCases))
				.limit(1);
			const base = hearing!.version;
			const phone = uuid();
			const laptop = uuid();
			const update = (seq: number, values: Record<string, unknown>) =>
				mutation(seq, 'hearing.update', {
					hearingId: hearing!.id,
					baseVersion: base,
					changeId: uuid(),
					values,
					reason: 'Listing office called',
					source: 'court-listing',
					receivedAt: '2026-11-20T09:00:00.000Z'
				});
			const a = await push(db(), alex, {
				clientId: phone,
				mutations: [update(1, { startsAt: '2027-02-01T10:00:00.000Z' })]
			});
			expect(a.results[0]!.status).toBe('applied');
			const b = await push(db(), alex, {
				clientId: laptop,
				mutations: [update(1, { startsAt: '2027-03-01T10:00:00.000Z', courtroom: 'Court 9' })]
			});
			expect(b.results[0]!.status).toBe('conflict');
			expect(b.results[0]!.reason).toMatch(/choose which value to keep/);

			const [merged] = await db().select().from(s.hearings).where(eq(s.hearings.id, hearing!.id));
			expect(merged!.startsAt.toISOString()).toBe('2027-02-01T10:00:00.000Z');
			expect(merged!.courtroom).toBe('Court 9');
			const [conflict] = await db()
				.select()
				.from(s.conflicts)
				.where(eq(s.conflicts.entityId, hearing!.id));
			expect(conflict).toMatchObject({
				field: 'startsAt',
				serverValue: '2027-02-01T10:00:00.000Z',
				clientValue: '2027-03-01T10:00:00.000Z',
				resolvedAt: null
			});

			const resolve = mutation(2, 'conflict.resolve', {
				conflictId: conflict!.id,
				keep: 'client',
				changeId: uuid()
			});
			expect(
				(await push(db(), alex, { clientId: laptop, mutations: [resolve] })).results[0]!.status
			).toBe('applied');
			const [resolved] = await db().select().from(s.hearings).where(eq(s.hearings.id, hearing!.id));
			expect(resolved!.startsAt.toISOString()).toBe('2027-03-01T10:00:00.000Z');
			const again = mutation(2, 'conflict.resolve', {
				conflictId: conflict!.id,
				keep: 'server',
				changeId: uuid()
			});
			const repeat = await push(db(), alex, { clientId: phone, mutations: [{ ...again, seq: 2 }] });
			expect(repeat.results[0]).toMatchObject({
				status: 'rejected',
				reason: 'This conflict has already been resolved.'
			});
			// Every change is in the hearing's history.
			const history = await db()
				.select()
				.from(s.hearingChanges)
				.where(and(eq(s.hearingChanges.hearingId, hearing!.id)));
			expect(history.filter((h) => h.version > base)).toHaveLength(3);
		});
	});

	describe('victim details and safety preferences: merged field by field', () => {
		const victimCase = async () => {
			const [c] = await db().select().from(s.cases).where(eq(s.cases.victimId, jo.victimId!));
			const [v] = await db().select().from(s.victims).where(eq(s.victims.id, jo.victimId!));
			return { caseId: c!.id, victim: v! };
		};
		const update = (
			seq: number,
			caseId: string,
			baseVersion: number,
			values: Record<string, unknown>
		) =>
			mutation(seq, 'victim.update', {
				victimId: jo.victimId,
				caseId,
				baseVersion,
				changeId: uuid(),
				values,
				changedAt: '2026-11-20T12:00:00.000Z'
			});

		it.runIf(run)(
			'the victim and two caseworker devices change it at once: disjoint fields merge, the same field conflicts, the choice syncs',
			async () => {
				const { caseId, victim } = await victimCase();
				const base = victim.version;
				const byVictim = await push(db(), jo, {
					clientId: uuid(),
					mutations: [
						update(1, caseId, base, {
							preferredChannel: 'email',
							email: 'jo.bennett@example.test',
							voicemailAllowed: false,
							voicemailMessage: null
						})
					]
				});
				expect(byVictim.results[0]).toMatchObject({ status: 'applied', reason: null });
				const laptop = uuid();
				const byCaseworker = await push(db(), alex, {
					clientId: laptop,
					mutations: [
						update(1, caseId, base, {
							preferredChannel: 'letter',
							safetyNotes: 'Ex-partner knows the old address.'
						})
					]
				});
				expect(byCaseworker.results[0]!.status).toBe('conflict');

				const [merged] = await db().select().from(s.victims).where(eq(s.victims.id, victim.id));
				expect(merged!.safeContact).toMatchObject({
					preferredChannel: 'email',
					email: 'jo.bennett@example.test',
					voicemailAllowed: false,
					notes: 'Ex-partner knows the old address.'
				});
				expect(merged!.safeContact).not.toHaveProperty('voicemailMessage');
				const [conflict] = await db()
					.select()
					.from(s.conflicts)
					.where(eq(s.conflicts.entityId, victim.id));
				expect(conflict).toMatchObject({
					entity: 'victim',
					field: 'preferredChannel',
					serverValue: 'email',
					clientValue: 'letter',
					serverChangedBy: jo.id,
					clientChangedBy: alex.id
				});

				// The caseworker's device sees the conflict and the history; the victim's never does.
				const alexRows = (await pullAll(db(), alex, 1000)).rows;
				expect(alexRows.get('conflicts')?.map((c) => c.id)).toContain(conflict!.id);
				expect(alexRows.get('victimChanges')?.filter((c) => c.victimId === victim.id)).toHaveLength(
					2
				);
				const joRows = (await pullAll(db(), jo, 1000)).rows;
				expect(joRows.has('conflicts')).toBe(false);
				expect(joRows.has('victimChanges')).toBe(false);
				expect(JSON.stringify(joRows.get('victims'))).not.toContain('Ex-partner');

				const resolved = await push(db(), alex, {
					clientId: laptop,
					mutations: [
						mutation(2, 'conflict.resolve', {
							conflictId: conflict!.id,
							keep: 'client',
							changeId: uuid()
						})
					]
				});
				expect(resolved.results[0]!.status).toBe('applied');
				const [after] = await db().select().from(s.victims).where(eq(s.victims.id, victim.id));
				expect(after!.safeContact.preferredChannel).toBe('letter');
				const history = await db()
					.select()
					.from(s.victimChanges)
					.where(eq(s.victimChanges.victimId, victim.id));
				// Jo's seeded preferences already said no voicemail: a value sent unchanged is no change.
				expect(victim.safeContact.voicemailAllowed).toBe(false);
				expect(history.flatMap((h) => h.changes.map((c) => c.field)).sort()).toEqual([
					'email',
					'preferredChannel',
					'preferredChannel',
					'safetyNotes'
				]);
			}
		);

		it.runIf(run)(
			'a victim changes only how they are contacted, only for themselves; an invalid result is refused whole',
			async () => {
				const { caseId, victim } = await victimCase();
				const tooMuch = await push(db(), jo, {
					clientId: uuid(),
					mutations: [update(1, caseId, victim.version, { safetyNotes: 'x', givenName: 'Joanna' })]
				});
				expect(tooMuch.results[0]).toMatchObject({ status: 'rejected' });
				expect(tooMuch.results[0]!.reason).toMatch(
					/Only your caseworker can change: first name, safety notes/
				);

				const [other] = await db()
					.select()
					.from(s.cases)
					.where(inArray(s.cases.id, alexCases))
					.limit(2);
				const otherCase = other!.victimId === jo.victimId ? alexCases[1]! : other!.id;
				const notTheirs = await push(db(), jo, {
					clientId: uuid(),
					mutations: [update(1, otherCase, victim.version, { voicemailAllowed: false })]
				});
				expect(notTheirs.results[0]!.status).toBe('rejected');

				const before = await db()
					.select()
					.from(s.victimChanges)
					.where(eq(s.victimChanges.victimId, victim.id));
				const invalid = await push(db(), alex, {
					clientId: uuid(),
					mutations: [
						update(1, caseId, victim.version, {
							voicemailAllowed: true,
							voicemailMessage: null,
							safetyNotes: 'Would be lost with the rest'
						})
					]
				});
				expect(invalid.results[0]!.status).toBe('rejected');
				expect(invalid.results[0]!.reason).toMatch(/Say what a voicemail may say/);
				const [unchanged] = await db().select().from(s.victims).where(eq(s.victims.id, victim.id));
				expect(unchanged!.safeContact).toEqual(victim.safeContact);
				expect(
					await db().select().from(s.victimChanges).where(eq(s.victimChanges.victimId, victim.id))
				).toHaveLength(before.length);
			}
		);
	});

	describe('referrals move by the state machine', () => {
		it.runIf(run)('refuses a move that is not allowed, with the reason', async () => {
			const [r] = await db()
				.select()
				.from(s.referrals)
				.where(and(inArray(s.referrals.caseId, alexCases), eq(s.referrals.status, 'declined')))
				.limit(1);
			const client = uuid();
			const bad = await push(db(), alex, {
				clientId: client,
				mutations: [
					mutation(1, 'referral.move', {
						referralId: r!.id,
						to: 'accepted',
						at: '2026-11-20T10:00:00.000Z'
					})
				]
			});
			expect(bad.results[0]).toMatchObject({
				status: 'rejected',
				reason:
					'A referral that is “declined by the victim” cannot become “accepted by the service”.'
			});
			const good = await push(db(), alex, {
				clientId: client,
				mutations: [
					mutation(2, 'referral.move', {
						referralId: r!.id,
						to: 'offered',
						at: '2026-11-20T10:00:00.000Z'
					})
				]
			});
			expect(good.results[0]!.status).toBe('applied');
		});
	});

	describe('casework: hearings, referrals, rights and enhanced rights', () => {
		const at = '2026-11-20T10:00:00.000Z';
		const pushOne = (actor: Actor, name: PushedMutation['name'], args: unknown) =>
			push(db(), actor, { clientId: uuid(), mutations: [mutation(1, name, args)] }).then(
				(r) => r.results[0]!
			);

		it.runIf(run)(
			'adds a hearing with its first listing as history; an unknown court or another caseworker is refused',
			async () => {
				const caseId = alexCases[0]!;
				const hearing = {
					id: uuid(),
					caseId,
					changeId: uuid(),
					courtId: 'croydon-crown',
					courtroom: '',
					type: 'trial',
					startsAt: '2027-02-01T10:00:00.000Z',
					source: 'witness-care-unit',
					receivedAt: at
				};
				expect(await pushOne(alex, 'hearing.add', hearing)).toMatchObject({ status: 'applied' });
				const [row] = await db().select().from(s.hearings).where(eq(s.hearings.id, hearing.id));
				expect(row).toMatchObject({ state: 'listed', courtroom: null, type: 'trial' });
				const [change] = await db()
					.select()
					.from(s.hearingChanges)
					.where(eq(s.hearingChanges.id, hearing.changeId));
				expect(change!.changes).toEqual([
					{ field: 'courtId', from: null, to: 'croydon-crown' },
					{ field: 'type', from: null, to: 'trial' },
					{ field: 'startsAt', from: null, to: '2027-02-01T10:00:00.000Z' },
					{ field: 'state', from: null, to: 'listed' }
				]);
				expect(change!.receivedAt.toISOString()).toBe(at);

				const unknown = await pushOne(alex, 'hearing.add', {
					...hearing,
					id: uuid(),
					changeId: uuid(),
					courtId: 'atlantis-crown'
				});
				expect(unknown).toMatchObject({
					status: 'rejected',
					reason: 'The change could not be read: courtId: Choose a court from the list'
				});
				// A history id already used: refused with the reason, nothing written.
				const reused = await pushOne(alex, 'hearing.add', { ...hearing, id: uuid() });
				expect(reused).toMatchObject({
					status: 'rejected',
					reason: 'This change’s id is already used by another change.'
				});
				const notHers = await pushOne(priya, 'hearing.add', {
					...hearing,
					id: uuid(),
					changeId: uuid()
				});
				expect(notHers).toMatchObject({
					status: 'rejected',
					reason: 'This case is no longer assigned to you, so the change was not saved to it.'
				});
			}
		);

		it.runIf(run)(
			'creates a referral with consent and moves it to the end, keeping each move and its reason',
			async () => {
				const caseId = alexCases[1]!;
				const id = uuid();
				const create = {
					id,
					caseId,
					serviceId: 'general-victim-support',
					consent: 'given',
					at,
					reason: ''
				};
				expect(await pushOne(alex, 'referral.create', create)).toMatchObject({
					status: 'applied'
				});
				const move = (to: string, reason = '') =>
					pushOne(alex, 'referral.move', { referralId: id, to, at, reason });
				expect(await move('accepted')).toMatchObject({ status: 'applied' });
				expect(await move('in-progress')).toMatchObject({ status: 'applied' });
				expect(await move('closed')).toMatchObject({
					status: 'rejected',
					reason: 'Enter the reason for the change'
				});
				expect(await move('closed', 'Support finished after six sessions')).toMatchObject({
					status: 'applied'
				});
				const [row] = await db().select().from(s.referrals).where(eq(s.referrals.id, id));
				expect(row).toMatchObject({ status: 'closed', consent: 'given' });
				expect(row!.madeAt!.toISOString()).toBe(at);
				expect(row!.moves.map((m) => [m.from, m.to, m.reason, m.by])).toEqual([
					[null, 'made', '', alex.id],
					['made', 'accepted', '', alex.id],
					['accepted', 'in-progress', '', alex.id],
					['in-progress', 'closed', 'Support finished after six sessions', alex.id]
				]);
				expect(
					await pushOne(alex, 'referral.create', {
						...create,
						id: uuid(),
						serviceId: 'no-such-service'
					})
				).toMatchObject({
					status: 'rejected',
					reason: 'The support service is not one the hub refers to.'
				});
				// A victim's device never receives the moves (they hold staff reasons and ids).
				const victimCase = (
					await db().select().from(s.cases).where(eq(s.cases.victimId, jo.victimId!))
				)[0]!;
				await pushOne(alex, 'referral.create', { ...create, id: uuid(), caseId: victimCase.id });
				const pulled = await pullAll(db(), jo, 500);
				const referralsSeen = pulled.rows.get('referrals') ?? [];
				expect(referralsSeen.length).toBeGreaterThan(0);
				for (const r of referralsSeen) expect(r).not.toHaveProperty('moves');
			}
		);

		it.runIf(run)(
			'marks a right with a note and the Right 7 choice; a stale change to a changed right is refused with what it says now',
			async () => {
				const caseId = alexCases[2]!;
				await db()
					.delete(s.rightsRecords)
					.where(and(eq(s.rightsRecords.caseId, caseId), eq(s.rightsRecords.rightNumber, 7)));
				const first = {
					id: uuid(),
					caseId,
					rightNumber: 7,
					status: 'explained',
					evidence: 'Explained the statement by phone',
					detail: 'offered',
					baseVersion: 0,
					at
				};
				expect(await pushOne(alex, 'right.update', first)).toMatchObject({ status: 'applied' });
				const [row] = await db()
					.select()
					.from(s.rightsRecords)
					.where(eq(s.rightsRecords.id, first.id));
				expect(row).toMatchObject({ status: 'explained', detail: 'offered', updatedBy: alex.id });
				// Another device, which never saw that record, marks it differently: refused, not lost.
				const stale = await pushOne(alex, 'right.update', {
					...first,
					id: uuid(),
					status: 'delivered',
					evidence: 'Statement taken',
					detail: 'made'
				});
				expect(stale).toMatchObject({
					status: 'rejected',
					reason:
						'Someone else updated Right 7 first: it now says “Explained the statement by phone”. Look again and record it if it still needs changing.'
				});
				const current = await pushOne(alex, 'right.update', {
					...first,
					status: 'delivered',
					evidence: 'Statement taken',
					detail: 'made',
					baseVersion: row!.version
				});
				expect(current).toMatchObject({ status: 'applied' });
				const noChoice = await pushOne(alex, 'right.update', {
					...first,
					id: uuid(),
					rightNumber: 3,
					detail: 'made'
				});
				expect(noChoice).toMatchObject({
					status: 'rejected',
					reason: 'The right’s record would not be valid: Right 3 has no choice to record.'
				});
				const noNote = await pushOne(alex, 'right.update', {
					...first,
					rightNumber: 9,
					id: uuid(),
					evidence: '',
					detail: null
				});
				expect(noNote.status).toBe('rejected');
				expect(noNote.reason).toContain('Say how the right was explained');
			}
		);

		it.runIf(run)(
			'records and ends an enhanced-rights group with reasons, keeping the history',
			async () => {
				const caseId = alexCases[3]!;
				const [c] = await db().select().from(s.cases).where(eq(s.cases.id, caseId));
				const [before] = await db().select().from(s.victims).where(eq(s.victims.id, c!.victimId));
				const group = (
					['most-serious-crime', 'persistently-targeted', 'vulnerable-or-intimidated'] as const
				).find((g) => !before!.enhancedRights.some((e) => e.group === g && e.endedAt === null))!;
				const change = (action: 'add' | 'end', reason: string, when = at) =>
					pushOne(alex, 'victim.enhancedRights', {
						victimId: c!.victimId,
						caseId,
						action,
						group,
						reason,
						at: when
					});
				expect(await change('add', 'Assessed as intimidated by the suspect')).toMatchObject({
					status: 'applied'
				});
				expect((await change('add', 'Again')).status).toBe('rejected');
				expect(await change('end', 'Suspect moved away', '2026-11-20T12:00:00.000Z')).toMatchObject(
					{
						status: 'applied'
					}
				);
				const [after] = await db().select().from(s.victims).where(eq(s.victims.id, c!.victimId));
				expect(after!.enhancedRights).toHaveLength(before!.enhancedRights.length + 1);
				expect(after!.enhancedRights.at(-1)).toMatchObject({
					group,
					reason: 'Assessed as intimidated by the suspect',
					appliesFrom: at,
					endedAt: '2026-11-20T12:00:00.000Z',
					endReason: 'Suspect moved away',
					recordedBy: alex.id,
					endedBy: alex.id
				});
				expect(after!.version).toBeGreaterThan(before!.version);
				expect((await change('end', '')).status).toBe('rejected');
			}
		);
	});

	describe('revocation', () => {
		it.runIf(run)(
			"a reassigned case leaves the old caseworker's scope, arrives in full for the new one, and late edits to it are refused",
			async () => {
				const moving = alexCases[2]!;
				const before = await pullAll(db(), alex, 1000);
				const priyaBefore = await pullAll(db(), priya, 1000);
				await reassignCase(db(), sam, {
					caseId: moving,
					toCaseworkerId: priya.id,
					reason: 'Alex on leave'
				});

				const alexAfter = await pull(db(), alex, {
					cursor: before.cursor,
					scopeHash: before.scope?.hash
				});
				expect(alexAfter.scope?.caseIds).not.toContain(moving);

				const priyaAfter = await pullAll(db(), priya, 1000, priyaBefore.cursor);
				expect(priyaAfter.rows.get('cases')?.map((c) => c.id)).toContain(moving);
				const [hearingCount] = [
					await db()
						.select({ id: s.hearings.id })
						.from(s.hearings)
						.where(eq(s.hearings.caseId, moving))
				];
				expect(priyaAfter.rows.get('hearings')?.filter((h) => h.caseId === moving)).toHaveLength(
					hearingCount.length
				);
				const assignments = priyaAfter.rows
					.get('caseAssignments')!
					.filter((a) => a.caseId === moving)
					.sort((a, b) => String(a.assignedAt).localeCompare(String(b.assignedAt)));
				expect(assignments.at(-1)).toMatchObject({
					caseworkerId: priya.id,
					assignedBy: sam.id,
					reason: 'Alex on leave'
				});

				const late = await push(db(), alex, {
					clientId: uuid(),
					mutations: [mutation(1, 'contact.record', contactArgs(moving))]
				});
				expect(late.results[0]!.status).toBe('rejected');
				expect(late.results[0]!.reason).toMatch(/no longer assigned to you/);

				// Their supervisor sees the refused change, with what was typed and why; no other team does.
				const refused = await refusedChangesFor(db(), sam.teamId!);
				expect(refused[0]).toMatchObject({
					caseId: moving,
					by: 'Alex Morgan',
					reason: expect.stringMatching(/no longer assigned to you/) as unknown,
					what: expect.stringContaining('“Told them the new trial date.”') as unknown
				});
				expect(await refusedChangesFor(db(), uuid())).toEqual([]);
			}
		);

		it.runIf(run)('only a supervisor of the team can reassign', async () => {
			await expect(
				reassignCase(db(), alex, { caseId: alexCases[0]!, toCaseworkerId: priya.id, reason: 'x' })
			).rejects.toMatchObject({ status: 403 });
		});

		it.runIf(run)(
			"brings every synced row of a moved case to the new caseworker, the victim's acknowledgements included",
			async () => {
				// Jo's case: she has said "I have seen this" about most of its hearing changes.
				const [moving] = await db()
					.select()
					.from(s.cases)
					.where(eq(s.cases.victimId, jo.victimId!));
				const to = moving!.assignedCaseworkerId === priya.id ? alex : priya;
				const before = await pullAll(db(), to, 1000);
				await reassignCase(db(), sam, {
					caseId: moving!.id,
					toCaseworkerId: to.id,
					reason: 'Balancing the caseloads'
				});

				const after = await pullAll(db(), to, 1000, before.cursor);
				const everything = await pullAll(db(), to, 1000);
				const ofCase = (rows: Map<string, Record<string, unknown>[]>, table: SyncTable) =>
					(rows.get(table) ?? [])
						.filter((r) =>
							table === 'cases'
								? r.id === moving!.id
								: table === 'victims'
									? r.id === moving!.victimId
									: r.caseId === moving!.id
						)
						.map((r) => r.id as string)
						.sort();
				expect(ofCase(everything.rows, 'hearingChangeAcknowledgements').length).toBeGreaterThan(0);
				// The next pull brings what a first download would: nothing left behind at an old version.
				for (const table of SYNC_TABLES)
					expect(ofCase(after.rows, table), table).toEqual(ofCase(everything.rows, table));
			}
		);
	});
});
