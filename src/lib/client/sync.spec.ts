import 'fake-indexeddb/auto';
import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
	Assignment,
	Case,
	CaseEvent,
	Contact,
	Hearing,
	HearingChange,
	ObligationWaiver,
	PullRequest,
	PushRequest,
	Referral,
	RightsRecord,
	Victim,
	VictimChange,
	byUrgency,
	obligationsFor,
	type Actor
} from '$lib/domain';
import { loadCaseRecords } from '../server/queries/case-records';
import {
	byWhatNeedsDoing,
	caseloadOnDevice,
	caseOnDevice,
	caseRecordsOnDevice,
	parseOpened,
	setAside,
	settlementsOnDevice,
	type CaseloadRow
} from './read';
import { contactInput } from '../../test-data/contacts';
import { demoSyncServer } from '../../test-data/sync-server';
import type { DatabaseHandle } from '../server/db';
import * as s from '../server/db/schema';
import { BadSyncRequest } from '../server/sync/errors';
import { pull } from '../server/sync/pull';
import { push } from '../server/sync/push';
import { reassignCase } from '../server/sync/reassign';
import { nextVersion } from '../server/sync/version';
import {
	addHearing,
	changeEnhancedRights,
	createReferral,
	moveReferral,
	recordContact,
	resolveConflict,
	updateHearing,
	updateRight,
	updateVictim
} from './changes';
import { openHubDatabase } from './db';
import { ChangeInvalidError } from './errors';
import { AuthRequiredError, SyncFailedError, syncOnce, type Transport } from './sync-engine';

const NOW = new Date('2026-11-21T00:00:00.000Z');
let server: DatabaseHandle;
let alex: Actor, sam: Actor, priya: Actor;
let dbCount = 0;

/** What can go wrong on the wire, switched per test. */
type Faults = {
	offline?: boolean;
	loseResponse?: boolean;
	duplicate?: boolean;
	status401?: boolean;
};

/** The HTTP endpoints, called in-process: JSON on the way in and out, 4xx for refusals. */
function transportFor(actor: Actor, faults: Faults = {}): Transport & { faults: Faults } {
	const roundTrip = async (work: () => Promise<unknown>) => {
		if (faults.offline) throw new SyncFailedError('offline', true);
		if (faults.status401) return { status: 401, body: { message: 'Sign in to continue' } };
		try {
			let body = await work();
			if (faults.duplicate) body = await work();
			if (faults.loseResponse)
				throw new SyncFailedError('connection lost after the server committed', true);
			return { status: 200, body: JSON.parse(JSON.stringify(body)) as unknown };
		} catch (error) {
			if (error instanceof BadSyncRequest)
				return { status: error.status, body: { message: error.message } };
			throw error;
		}
	};
	return {
		faults,
		push: (b) =>
			roundTrip(() => push(server.db, actor, PushRequest.parse(JSON.parse(JSON.stringify(b))))),
		pull: (b) =>
			roundTrip(() => pull(server.db, actor, PullRequest.parse(JSON.parse(JSON.stringify(b)))))
	};
}

function device(actor: Actor) {
	const db = openHubDatabase(`${actor.id}-${++dbCount}`);
	return { db, ctx: { db, userId: actor.id }, transport: transportFor(actor) };
}

beforeAll(async () => {
	({ server, alex, sam, priya } = await demoSyncServer(5, NOW));
});
afterAll(() => server.close());

describe('first sync', () => {
	it("downloads the caseworker's caseload with progress, and stores where it got to", async () => {
		const { db, transport } = device(alex);
		const progress: { received: number; total: number | null }[] = [];
		const result = await syncOnce(db, transport, (p) => progress.push(p));
		const serverCases = await server.db
			.select()
			.from(s.cases)
			.where(eq(s.cases.assignedCaseworkerId, alex.id));
		expect(await db.cases.count()).toBe(serverCases.length);
		expect(result.received).toBe(progress.at(-1)!.total);
		expect(await db.meta.get('cursor')).toBeDefined();
		expect(await db.outbox.count()).toBe(0);
	});

	it('receives every record in the shape the domain schemas read, so nothing is set aside', async () => {
		const { db, transport } = device(alex);
		await syncOnce(db, transport);
		const schemas = {
			cases: Case,
			victims: Victim,
			caseAssignments: Assignment,
			caseEvents: CaseEvent,
			hearings: Hearing,
			hearingChanges: HearingChange,
			referrals: Referral,
			contacts: Contact,
			rightsRecords: RightsRecord,
			obligationWaivers: ObligationWaiver,
			victimChanges: VictimChange
		} as const;
		let checked = 0;
		for (const [table, schema] of Object.entries(schemas)) {
			const rows = await db.syncTable(table as keyof typeof schemas).toArray();
			const { problems } = await parseOpened(db, table, rows, schema as z.ZodType<unknown>);
			expect(problems, table).toEqual([]);
			checked += rows.length;
		}
		expect(checked).toBeGreaterThan(50);
		const caseload = await caseloadOnDevice(db, alex.id, NOW);
		expect(caseload.problems).toEqual([]);
		expect(caseload.records.length).toBe(await db.cases.count());
		// Each row carries its most urgent duty, computed by the engine from the device's records.
		const engine = (await caseRecordsOnDevice(db)).flatMap((c) =>
			obligationsFor(c.record, c.victim, NOW.toISOString())
		);
		for (const row of caseload.records) {
			const toDo = engine.filter(
				(o) => o.caseId === row.id && ['overdue', 'due-soon', 'open'].includes(o.status)
			);
			expect(row.nextObligation?.key ?? null, row.victimName).toBe(
				toDo.length ? toDo.sort(byUrgency)[0]!.key : null
			);
		}
	});

	it('orders the caseload by what needs doing: overdue, then due soon, then the next deadline', () => {
		const row = (name: string, status: string | null, dueAt = '2026-12-01T00:00:00.000Z') =>
			({
				victimName: name,
				nextObligation: status ? { status, dueAt } : null
			}) as unknown as CaseloadRow;
		const rows = [
			row('Nothing due', null),
			row('Open later', 'open', '2026-12-09T00:00:00.000Z'),
			row('Due soon', 'due-soon'),
			row('Open sooner', 'open', '2026-12-02T00:00:00.000Z'),
			row('Overdue', 'overdue', '2026-11-01T00:00:00.000Z')
		];
		expect(rows.sort(byWhatNeedsDoing).map((r) => r.victimName)).toEqual([
			'Overdue',
			'Due soon',
			'Open sooner',
			'Open later',
			'Nothing due'
		]);
	});

	it('computes the same Victims\u2019 Code obligations on the device as the server does', async () => {
		const { db, ctx, transport } = device(alex);
		await syncOnce(db, transport);
		await recordContact(ctx, {
			...contactInput((await db.cases.toCollection().first())!.id),
			informedObligations: ['R8_HEARING:x']
		});
		await syncOnce(db, transport);
		const at = '2026-11-21T12:00:00.000Z';
		const onDevice = (await caseRecordsOnDevice(db)).flatMap((c) =>
			obligationsFor(c.record, c.victim, at)
		);
		const onServer = (
			await loadCaseRecords(server.db, eq(s.cases.assignedCaseworkerId, alex.id))
		).flatMap((c) => obligationsFor(c.record, c.victim, at));
		const byKey = (list: typeof onDevice) => [...list].sort((a, b) => a.key.localeCompare(b.key));
		expect(onDevice.length).toBeGreaterThan(20);
		expect(byKey(onDevice)).toEqual(byKey(onServer));
	});

	it('sets aside a corrupt record instead of showing it', async () => {
		const { db, transport } = device(alex);
		await syncOnce(db, transport);
		const first = (await db.cases.toCollection().first())!;
		await db.cases.put({ ...first, crimeType: 'not-a-crime' });
		const caseload = await caseloadOnDevice(db, alex.id, NOW);
		expect(caseload.records.map((r) => r.id)).not.toContain(first.id);
		expect(caseload.problems).toEqual([
			expect.objectContaining({
				key: `cases:${first.id}`,
				problem: expect.stringMatching(/^crimeType: Choose a crime type/) as unknown
			})
		]);
		await setAside(db, caseload.problems);
		expect(await db.quarantine.get(`cases:${first.id}`)).toBeDefined();
	});

	it("reads only the caseworker's own cases, and sets aside an unreadable record the engine needs", async () => {
		const { db, transport } = device(alex);
		await syncOnce(db, transport);
		const before = await caseloadOnDevice(db, alex.id, NOW);
		const [own, other] = await db.cases.limit(2).toArray();
		// A case left on the device but now someone else's, with its own victim and a contact.
		const elsewhere = {
			...other!,
			id: crypto.randomUUID(),
			assignedCaseworkerId: crypto.randomUUID()
		};
		await db.cases.put(elsewhere);
		const contact = (await db.contacts.where('caseId').equals(own!.id).first())!;
		await db.contacts.put({
			...contact,
			id: crypto.randomUUID(),
			caseId: elsewhere.id,
			channel: 'pigeon'
		});
		// And a contact of one of their own cases that no longer reads.
		await db.contacts.put({ ...contact, id: crypto.randomUUID(), occurredAt: 'last Tuesday' });

		const after = await caseloadOnDevice(db, alex.id, NOW);
		expect(after.records.map((r) => r.id)).toEqual(before.records.map((r) => r.id));
		expect(after.problems).toEqual([
			expect.objectContaining({
				table: 'contacts',
				problem: expect.stringMatching(/^occurredAt/) as unknown
			})
		]);
	});
});

describe('offline changes', () => {
	it('are saved on the device at once, survive a failed sync, and reach the server exactly once', async () => {
		const { db, ctx, transport } = device(alex);
		await syncOnce(db, transport);
		const caseId = (await db.cases.toCollection().first())!.id;
		transport.faults.offline = true;
		const id = await recordContact(ctx, contactInput(caseId));
		const [saved] = (await parseOpened(db, 'contacts', [await db.contacts.get(id)], Contact))
			.records;
		expect(saved?.summary).toBe('Explained the new trial date.');
		expect(await db.outbox.count()).toBe(1);
		await expect(syncOnce(db, transport)).rejects.toThrow(SyncFailedError);
		expect(await db.outbox.count()).toBe(1);

		transport.faults.offline = false;
		await syncOnce(db, transport);
		expect(await db.outbox.count()).toBe(0);
		expect(await server.db.select().from(s.contacts).where(eq(s.contacts.id, id))).toHaveLength(1);
		expect((await db.contacts.get(id))?._pending).toBeUndefined();
	});

	it('apply once when the answer is lost after the server committed, and when a push arrives twice', async () => {
		const { db, ctx, transport } = device(alex);
		await syncOnce(db, transport);
		const caseId = (await db.cases.toCollection().first())!.id;
		const lost = await recordContact(ctx, contactInput(caseId, 'Lost answer'));
		transport.faults.loseResponse = true;
		await expect(syncOnce(db, transport)).rejects.toThrow(/connection lost/);
		transport.faults.loseResponse = false;
		transport.faults.duplicate = true;
		const twice = await recordContact(ctx, contactInput(caseId, 'Sent twice'));
		await syncOnce(db, transport);
		transport.faults.duplicate = false;
		for (const id of [lost, twice])
			expect(await server.db.select().from(s.contacts).where(eq(s.contacts.id, id))).toHaveLength(
				1
			);
		expect(await db.outbox.count()).toBe(0);
	});

	it('go in batches small enough for the server to accept, however many and long they are', async () => {
		const { db, ctx, transport } = device(alex);
		await syncOnce(db, transport);
		const caseId = (await db.cases.toCollection().first())!.id;
		const sizes: number[] = [];
		const counting: Transport = {
			...transport,
			push: (b) => (sizes.push(JSON.stringify(b).length), transport.push(b))
		};
		for (let i = 0; i < 60; i++)
			await recordContact(ctx, contactInput(caseId, `${i} `.padEnd(5000, 'é')));
		await syncOnce(db, counting);
		expect(sizes.length).toBeGreaterThan(1);
		expect(Math.max(...sizes) * 3).toBeLessThan(512 * 1024);
		expect(await db.outbox.count()).toBe(0);
	});

	it('are refused before saving when they break the rules, saying which field', async () => {
		const { db, ctx, transport } = device(alex);
		await syncOnce(db, transport);
		const caseId = (await db.cases.toCollection().first())!.id;
		const error = await recordContact(ctx, contactInput(caseId, '')).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ChangeInvalidError);
		expect((error as ChangeInvalidError).fields).toEqual({
			summary: 'Enter a summary of what was said or done'
		});
		expect(await db.outbox.count()).toBe(0);
	});

	it('pause on an ended session without touching the outbox', async () => {
		const { db, ctx, transport } = device(alex);
		await syncOnce(db, transport);
		await recordContact(ctx, contactInput((await db.cases.toCollection().first())!.id));
		transport.faults.status401 = true;
		await expect(syncOnce(db, transport)).rejects.toThrow(AuthRequiredError);
		expect(await db.outbox.count()).toBe(1);
	});
});

describe('casework offline: hearings, referrals, rights and enhanced rights', () => {
	it('each is on the device at once, starts its duty, and reaches the server once', async () => {
		const { db, ctx, transport } = device(alex);
		await syncOnce(db, transport);
		const theCase = Case.parse(await db.cases.toCollection().first());
		const caseId = theCase.id;
		transport.faults.offline = true;

		const hearingId = await addHearing(ctx, {
			caseId,
			courtId: 'croydon-crown',
			courtroom: '3',
			type: 'trial',
			startsAt: '2027-03-01T10:00:00.000Z',
			source: 'witness-care-unit',
			receivedAt: '2026-11-20T15:00:00.000Z'
		});
		const referralId = await createReferral(ctx, {
			caseId,
			serviceId: 'general-victim-support',
			consent: 'given',
			reason: ''
		});
		await moveReferral(ctx, { referralId, to: 'accepted' });
		await updateRight(ctx, {
			caseId,
			rightNumber: 7,
			status: 'explained',
			evidence: 'Offered a statement at the home visit',
			detail: 'offered'
		});
		const victim = (await db.victims.get(theCase.victimId))!;
		const group = (
			['most-serious-crime', 'persistently-targeted', 'vulnerable-or-intimidated'] as const
		).find(
			(g) =>
				!(victim.enhancedRights as { group: string; endedAt: string | null }[]).some(
					(e) => e.group === g && e.endedAt === null
				)
		)!;
		await changeEnhancedRights(ctx, {
			victimId: theCase.victimId,
			caseId,
			action: 'add',
			group,
			reason: 'Assessed at the home visit'
		});

		// On the device, with nothing set aside: the new hearing's Right 8 duty is open.
		const view = await caseOnDevice(db, caseId, new Date('2026-11-21T09:00:00.000Z'));
		expect(view.problems).toEqual([]);
		const found = view.found!;
		expect(found.hearings.find((h) => h.id === hearingId)).toMatchObject({ state: 'listed' });
		const notice = found.history.find((h) => h.hearingId === hearingId)!;
		expect(found.obligations.find((o) => o.key === `R8_HEARING:${notice.id}`)).toMatchObject({
			status: expect.stringMatching(/open|due-soon/) as unknown
		});
		expect(found.referrals.find((r) => r.id === referralId)).toMatchObject({
			status: 'accepted',
			consent: 'given'
		});
		expect(found.pending.has(`referral:${referralId}:1`)).toBe(true);
		expect(found.rights.find((r) => r.rightNumber === 7)).toMatchObject({ detail: 'offered' });
		expect(found.victim!.enhancedRights.at(-1)).toMatchObject({ group, recordedBy: alex.id });
		expect(await db.outbox.count()).toBe(5);

		transport.faults.offline = false;
		await syncOnce(db, transport);
		expect(await db.outbox.count()).toBe(0);
		expect(await db.settlements.filter((x) => x.status === 'rejected').count()).toBe(0);
		const [hearing] = await server.db.select().from(s.hearings).where(eq(s.hearings.id, hearingId));
		expect(hearing).toMatchObject({ courtId: 'croydon-crown', courtroom: '3', state: 'listed' });
		const [referral] = await server.db
			.select()
			.from(s.referrals)
			.where(eq(s.referrals.id, referralId));
		expect(referral!.moves.map((m) => m.to)).toEqual(['made', 'accepted']);
		const [right] = await server.db
			.select()
			.from(s.rightsRecords)
			.where(and(eq(s.rightsRecords.caseId, caseId), eq(s.rightsRecords.rightNumber, 7)));
		expect(right).toMatchObject({ status: 'explained', detail: 'offered' });
		const [v] = await server.db.select().from(s.victims).where(eq(s.victims.id, theCase.victimId));
		expect(v!.enhancedRights.at(-1)).toMatchObject({ group, reason: 'Assessed at the home visit' });
		// And the device, after the pull, holds the server's rows, none still pending.
		expect((await db.referrals.get(referralId))?._pending).toBeUndefined();
	});

	it('are refused before saving when they break the rules, saying which field', async () => {
		const { db, ctx, transport } = device(alex);
		await syncOnce(db, transport);
		const caseId = (await db.cases.toCollection().first())!.id;
		const fieldsOf = (p: Promise<unknown>) =>
			p.then(
				() => null,
				(e: unknown) => (e instanceof ChangeInvalidError ? e.fields : e)
			);
		expect(
			await fieldsOf(
				addHearing(ctx, {
					caseId,
					courtId: 'atlantis-crown',
					courtroom: null,
					type: 'trial',
					startsAt: '2027-03-01T10:00:00.000Z',
					source: 'court-listing',
					receivedAt: '2026-11-20T15:00:00.000Z'
				})
			)
		).toEqual({ courtId: 'Choose a court from the list' });
		const referralId = await createReferral(ctx, {
			caseId,
			serviceId: 'general-victim-support',
			consent: 'given',
			reason: ''
		});
		expect(await fieldsOf(moveReferral(ctx, { referralId, to: 'rejected' }))).toEqual({
			reason: 'Enter the reason for the change'
		});
		expect(await fieldsOf(moveReferral(ctx, { referralId, to: 'closed', reason: 'x' }))).toEqual({
			to: 'A referral that is “referral made” cannot become “support ended”.'
		});
		expect(
			await fieldsOf(
				updateRight(ctx, {
					caseId,
					rightNumber: 4,
					status: 'delivered',
					evidence: '',
					detail: null
				})
			)
		).toEqual({ evidence: 'Say how the right was explained, delivered or why it does not apply' });
		expect(await db.outbox.count()).toBe(1);
	});
});

describe('tombstones', () => {
	it('a record withdrawn on the server leaves the device at the next sync', async () => {
		const { db, transport } = device(alex);
		await syncOnce(db, transport);
		const referral = (await db.referrals.toCollection().first())!;
		await server.db.transaction(async (tx) => {
			const version = await nextVersion(tx);
			await tx
				.update(s.referrals)
				.set({ deleted: true, version })
				.where(eq(s.referrals.id, referral.id));
		});
		await syncOnce(db, transport);
		expect(await db.referrals.get(referral.id)).toBeUndefined();
		expect(await db.quarantine.count()).toBe(0);
	});
});

describe('revocation', () => {
	it('takes a reassigned case off the old device, and its unsynced change comes back refused with the reason', async () => {
		const { db, ctx, transport } = device(alex);
		await syncOnce(db, transport);
		const caseId = (await db.cases.toCollection().last())!.id;
		const id = await recordContact(ctx, contactInput(caseId, 'Typed before the case moved'));
		await reassignCase(server.db, sam, { caseId, toCaseworkerId: priya.id, reason: 'Rebalancing' });
		await syncOnce(db, transport);
		expect(await db.cases.get(caseId)).toBeUndefined();
		expect(await db.contacts.get(id)).toBeUndefined();
		const [settlement] = (await settlementsOnDevice(db)).records;
		expect(settlement).toMatchObject({
			status: 'rejected',
			caseId,
			reason: expect.stringMatching(/no longer assigned to you/) as unknown,
			// What was typed stays in sight, though the case has left the device.
			what: expect.stringContaining('“Typed before the case moved”') as unknown
		});
		const [logged] = await server.db
			.select()
			.from(s.mutationLog)
			.where(eq(s.mutationLog.caseId, caseId));
		expect(logged).toMatchObject({ status: 'rejected', userId: alex.id });
	});
});

describe('conflicts', () => {
	it('the same field changed on two devices: both values kept, resolved once, and both devices agree', async () => {
		const phone = device(alex);
		const laptop = device(alex);
		await syncOnce(phone.db, phone.transport);
		await syncOnce(laptop.db, laptop.transport);
		const hearing = (await phone.db.hearings.toCollection().first())!;
		const edit = (startsAt: string) => ({
			hearingId: hearing.id,
			values: { startsAt },
			reason: 'Listing office called',
			source: 'court-listing' as const,
			receivedAt: '2026-11-20T09:00:00.000Z'
		});
		await updateHearing(phone.ctx, edit('2027-05-04T09:00:00.000Z'));
		await updateHearing(laptop.ctx, edit('2027-06-08T09:00:00.000Z'));
		await syncOnce(phone.db, phone.transport);
		await syncOnce(laptop.db, laptop.transport);

		const [settlement] = await laptop.db.settlements.toArray();
		expect(settlement?.status).toBe('conflict');
		expect((await laptop.db.hearings.get(hearing.id))?.startsAt).toBe('2027-05-04T09:00:00.000Z');
		const conflict = (await laptop.db.conflicts.toArray()).find((c) => c.entityId === hearing.id)!;
		expect(conflict).toMatchObject({
			serverValue: '2027-05-04T09:00:00.000Z',
			clientValue: '2027-06-08T09:00:00.000Z'
		});

		await resolveConflict(laptop.ctx, { conflictId: conflict.id, keep: 'client' });
		await syncOnce(laptop.db, laptop.transport);
		await syncOnce(phone.db, phone.transport);
		for (const d of [phone, laptop]) {
			expect((await d.db.hearings.get(hearing.id))?.startsAt).toBe('2027-06-08T09:00:00.000Z');
			expect((await d.db.conflicts.get(conflict.id))?.resolvedAt).toBeTruthy();
		}
	});
});

describe('victim details and safety preferences', () => {
	it('merge field by field across devices; the same field clashes and the choice reaches both', async () => {
		const phone = device(alex);
		const laptop = device(alex);
		await syncOnce(phone.db, phone.transport);
		await syncOnce(laptop.db, laptop.transport);
		const theCase = (await phone.db.cases.toCollection().first())!;
		const target = { victimId: theCase.victimId as string, caseId: theCase.id };
		await updateVictim(phone.ctx, {
			...target,
			values: {
				safetyNotes: 'Calls from withheld numbers are not answered.',
				preferredChannel: 'letter'
			}
		});
		// Saved on the device at once, parsed like any record.
		const onPhone = await parseOpened(
			phone.db,
			'victims',
			[await phone.db.victims.get(target.victimId)],
			Victim
		);
		expect(onPhone.records[0]?.safeContact).toMatchObject({
			preferredChannel: 'letter',
			notes: 'Calls from withheld numbers are not answered.'
		});
		await updateVictim(laptop.ctx, {
			...target,
			values: {
				preferredChannel: 'in-person',
				interpreterNeeded: true,
				interpreterLanguage: 'Polish'
			}
		});
		await syncOnce(phone.db, phone.transport);
		await syncOnce(laptop.db, laptop.transport);
		await syncOnce(phone.db, phone.transport);

		const [serverRow] = await server.db
			.select()
			.from(s.victims)
			.where(eq(s.victims.id, target.victimId));
		expect(serverRow).toMatchObject({ interpreterNeeded: true, interpreterLanguage: 'Polish' });
		expect(serverRow!.safeContact).toMatchObject({
			preferredChannel: 'letter',
			notes: 'Calls from withheld numbers are not answered.'
		});
		const conflict = (await phone.db.conflicts.toArray()).find(
			(c) => c.entityId === target.victimId
		)!;
		expect(conflict).toMatchObject({
			entity: 'victim',
			field: 'preferredChannel',
			serverValue: 'letter',
			clientValue: 'in-person'
		});
		expect(await laptop.db.victimChanges.where('caseId').equals(theCase.id).count()).toBe(2);

		await resolveConflict(phone.ctx, { conflictId: conflict.id, keep: 'client' });
		const optimistic = await phone.db.victims.get(target.victimId);
		expect((optimistic!.safeContact as { preferredChannel: string }).preferredChannel).toBe(
			'in-person'
		);
		await syncOnce(phone.db, phone.transport);
		await syncOnce(laptop.db, laptop.transport);
		for (const d of [phone, laptop]) {
			const v = (
				await parseOpened(d.db, 'victims', [await d.db.victims.get(target.victimId)], Victim)
			).records[0];
			expect(v?.safeContact.preferredChannel).toBe('in-person');
			expect(v?.interpreterLanguage).toBe('Polish');
			expect(await d.db.outbox.count()).toBe(0);
		}
	});

	it('are refused before saving when the result would not be valid, naming the field', async () => {
		const { db, ctx, transport } = device(alex);
		await syncOnce(db, transport);
		const theCase = (await db.cases.toCollection().first())!;
		const target = { victimId: theCase.victimId as string, caseId: theCase.id };
		const before = await db.victims.get(target.victimId);
		const error = await updateVictim(ctx, {
			...target,
			values: { preferredChannel: 'email', email: null }
		}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ChangeInvalidError);
		expect((error as ChangeInvalidError).fields).toEqual({
			email: 'Enter an email address for the preferred channel'
		});
		const unchanged = await updateVictim(ctx, {
			...target,
			values: { givenName: before!.givenName as string }
		}).catch((e: unknown) => e);
		expect((unchanged as ChangeInvalidError).fields).toEqual({ values: 'Nothing has changed.' });
		expect(await db.outbox.count()).toBe(0);
		expect(await db.victims.get(target.victimId)).toEqual(before);
	});
});

describe('convergence (property)', () => {
	it('three devices, random offline edits, lost answers and duplicates: the server ends with each change exactly once and every device agrees', async () => {
		const caseIds = (
			await server.db
				.select({ id: s.cases.id })
				.from(s.cases)
				.where(eq(s.cases.assignedCaseworkerId, alex.id))
		)
			.map((c) => c.id)
			.slice(0, 3);
		const step = fc.record({
			device: fc.integer({ min: 0, max: 2 }),
			action: fc.constantFrom('write', 'write', 'sync'),
			caseIndex: fc.integer({ min: 0, max: caseIds.length - 1 }),
			fault: fc.constantFrom<keyof Faults | 'none'>(
				'none',
				'none',
				'offline',
				'loseResponse',
				'duplicate'
			)
		});
		await fc.assert(
			fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 25 }), async (steps) => {
				const devices = [device(alex), device(alex), device(alex)];
				const written: string[] = [];
				for (const d of devices) await syncOnce(d.db, d.transport);
				for (const st of steps) {
					const d = devices[st.device]!;
					if (st.action === 'write')
						written.push(
							await recordContact(
								d.ctx,
								contactInput(caseIds[st.caseIndex]!, `Step ${written.length}`)
							)
						);
					else {
						d.transport.faults = {};
						if (st.fault !== 'none') Object.assign(d.transport.faults, { [st.fault]: true });
						await syncOnce(d.db, d.transport).catch((e: unknown) => {
							if (!(e instanceof SyncFailedError)) throw e;
						});
						d.transport.faults = {};
					}
				}
				// The network comes back: everyone syncs twice (the second brings the others' changes).
				for (let round = 0; round < 2; round++)
					for (const d of devices) await syncOnce(d.db, d.transport);
				const onServer = await server.db.select({ id: s.contacts.id }).from(s.contacts);
				const ids = onServer.map((c) => c.id);
				for (const id of written) expect(ids.filter((x) => x === id)).toHaveLength(1);
				const expected = (await server.db.select({ id: s.contacts.id }).from(s.contacts))
					.filter((c) => caseIds.length > 0 && c.id)
					.map((c) => c.id);
				for (const d of devices) {
					expect(await d.db.outbox.count()).toBe(0);
					const local = new Set((await d.db.contacts.toArray()).map((c) => c.id));
					for (const id of written) expect(local.has(id)).toBe(true);
					expect(expected.filter((id) => local.has(id)).length).toBe(local.size);
				}
			}),
			{ numRuns: 12 }
		);
	});
});
