import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	aCase,
	aCaseEvent,
	aContact,
	aHearing,
	aHearingChange,
	aReferral,
	aRightsRecord,
	anEnhancedRightsEntry,
	aStaffUser,
	aTeam,
	aVictim,
	aVictimUser
} from '../../../test-data/factories';
import { freshDatabase, storageEngines } from '../../../test-data/databases';
import { ensureReferenceData } from '../reference-data';
import type { DatabaseHandle } from './client';
import {
	toCase,
	toCaseEvent,
	toContact,
	toHearing,
	toHearingChange,
	toReferral,
	toRightsRecord,
	toUser,
	toVictim,
	toWaiver
} from './mappers';
import * as s from './schema';
import { databaseRefusal } from '../../../test-data/databases';

const d = (iso: string) => new Date(iso);

/** The same storage behaviour, checked on the embedded database and on a PostgreSQL server. */
describe.each(await storageEngines())('storage on $kind', ({ kind, run }) => {
	let handle: DatabaseHandle;
	const db = () => handle.db;

	beforeAll(async () => {
		if (!run) return;
		handle = await freshDatabase(kind);
		await ensureReferenceData(handle.db);
	});
	afterAll(async () => {
		if (run) await handle.close();
	});

	async function insertGraph() {
		const team = aTeam();
		const worker = aStaffUser();
		const victim = aVictim({
			enhancedRights: [anEnhancedRightsEntry()]
		});
		const theCase = aCase();
		await db().transaction(async (tx) => {
			await tx.insert(s.teams).values(team);
			await tx.insert(s.users).values({ ...worker, createdAt: d(worker.createdAt) });
			await tx.insert(s.victims).values({ ...victim, createdAt: d(victim.createdAt) });
			const victimUser = aVictimUser();
			await tx.insert(s.users).values({ ...victimUser, createdAt: d(victimUser.createdAt) });
			await tx.insert(s.cases).values({
				...theCase,
				crimeReferenceSystem: theCase.crimeReference.system,
				crimeReference: theCase.crimeReference.value,
				reportedAt: d(theCase.reportedAt),
				closedAt: null,
				createdAt: d(theCase.createdAt)
			});
			const e = aCaseEvent();
			await tx.insert(s.caseEvents).values({
				...e,
				occurredAt: d(e.occurredAt),
				receivedAt: d(e.receivedAt),
				recordedAt: d(e.recordedAt)
			});
			const h = aHearing();
			await tx
				.insert(s.hearings)
				.values({ ...h, startsAt: d(h.startsAt), createdAt: d(h.createdAt) });
			const hc = aHearingChange();
			await tx
				.insert(s.hearingChanges)
				.values({ ...hc, receivedAt: d(hc.receivedAt), recordedAt: d(hc.recordedAt) });
			const r = aReferral();
			await tx.insert(s.referrals).values({
				...r,
				consentRecordedAt: d(r.consentRecordedAt!),
				offeredAt: d(r.offeredAt),
				madeAt: d(r.madeAt!),
				respondedAt: null,
				closedAt: null
			});
			const c = aContact();
			await tx
				.insert(s.contacts)
				.values({ ...c, occurredAt: d(c.occurredAt), recordedAt: d(c.recordedAt) });
			const rr = aRightsRecord();
			await tx.insert(s.rightsRecords).values({ ...rr, updatedAt: d(rr.updatedAt) });
		});
	}

	it.runIf(run)('applies the migrations and loads the reference data', async () => {
		const courts = await db().select().from(s.courts);
		expect(courts.map((c) => c.name)).toContain("Highbury Corner Magistrates' Court");
		expect(courts).toHaveLength(27);
		const rights = await db().select().from(s.codeRights);
		expect(rights.map((r) => r.number).sort((a, b) => a - b)).toEqual([
			1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12
		]);
	});

	it.runIf(run)('keeps reference data edits when the reference data is ensured again', async () => {
		await db()
			.update(s.courts)
			.set({ name: 'Renamed court' })
			.where(eq(s.courts.id, 'bexley-magistrates'));
		await ensureReferenceData(db());
		const [court] = await db().select().from(s.courts).where(eq(s.courts.id, 'bexley-magistrates'));
		expect(court?.name).toBe('Renamed court');
	});

	it.runIf(run)(
		'stores every entity and reads it back as the same valid domain record',
		async () => {
			await insertGraph();
			const [user] = await db().select().from(s.users).where(eq(s.users.id, aStaffUser().id));
			expect(toUser(user!)).toEqual(aStaffUser());
			const [victim] = await db().select().from(s.victims);
			expect(toVictim(victim!)).toEqual(
				aVictim({
					enhancedRights: [anEnhancedRightsEntry()]
				})
			);
			const [theCase] = await db().select().from(s.cases);
			expect(toCase(theCase!)).toEqual(aCase());
			const [event] = await db().select().from(s.caseEvents);
			expect(toCaseEvent(event!)).toEqual(aCaseEvent());
			const [hearing] = await db().select().from(s.hearings);
			expect(toHearing(hearing!)).toEqual(aHearing());
			const [change] = await db().select().from(s.hearingChanges);
			expect(toHearingChange(change!)).toEqual(aHearingChange());
			const [referral] = await db().select().from(s.referrals);
			expect(toReferral(referral!)).toEqual(aReferral());
			const [contact] = await db().select().from(s.contacts);
			expect(toContact(contact!)).toEqual(aContact());
			const [rights] = await db().select().from(s.rightsRecords);
			expect(toRightsRecord(rights!)).toEqual(aRightsRecord());
		}
	);

	it.runIf(run)('stores instants as UTC whatever the session time zone', async () => {
		await db().execute(sql`set time zone 'Europe/London'`);
		const [hearing] = await db().select().from(s.hearings);
		expect(hearing?.startsAt.toISOString()).toBe(aHearing().startsAt);
		await db().execute(sql`set time zone 'UTC'`);
	});

	it.runIf(run)('refuses to rewrite or delete hearing history', async () => {
		expect(
			await databaseRefusal(
				db()
					.update(s.hearingChanges)
					.set({ reason: 'rewritten' })
					.where(eq(s.hearingChanges.id, aHearingChange().id))
			)
		).toMatch(/hearing_changes is append-only: UPDATE/);
		expect(await databaseRefusal(db().delete(s.hearingChanges))).toMatch(
			/hearing_changes is append-only: DELETE/
		);
		const [change] = await db().select().from(s.hearingChanges);
		expect(change?.reason).toBe(aHearingChange().reason);
	});

	it.runIf(run)('refuses to rewrite assignment history', async () => {
		await db()
			.insert(s.caseAssignments)
			.values({
				id: '0190a000-0000-7000-8000-0000000000ff',
				caseId: aCase().id,
				caseworkerId: aStaffUser().id,
				assignedAt: d('2026-01-05T10:00:00Z'),
				assignedBy: null,
				reason: 'New case'
			});
		expect(await databaseRefusal(db().delete(s.caseAssignments))).toMatch(
			/case_assignments is append-only/
		);
	});

	it.runIf(run)('refuses a role outside the three, at the database too', async () => {
		const u = aStaffUser({ id: '0190a000-0000-7000-8000-0000000000a1', email: 'x@example.test' });
		expect(
			await databaseRefusal(
				db()
					.insert(s.users)
					.values({ ...u, role: 'admin' as 'caseworker', createdAt: d(u.createdAt) })
			)
		).toMatch(/users_role_check/);
	});

	it.runIf(run)('refuses a second account with the same email', async () => {
		const u = aStaffUser({ id: '0190a000-0000-7000-8000-0000000000a2' });
		expect(
			await databaseRefusal(
				db()
					.insert(s.users)
					.values({ ...u, createdAt: d(u.createdAt) })
			)
		).toMatch(/users_email_key/);
	});

	it.runIf(run)('refuses a hearing at a court that is not in the reference data', async () => {
		const h = aHearing({ id: '0190a000-0000-7000-8000-0000000000a3', courtId: 'atlantis-crown' });
		expect(
			await databaseRefusal(
				db()
					.insert(s.hearings)
					.values({ ...h, startsAt: d(h.startsAt), createdAt: d(h.createdAt) })
			)
		).toMatch(/foreign key/);
	});

	it.runIf(run)('writes nothing when a transaction fails part-way', async () => {
		const before = await db().select().from(s.teams);
		await expect(
			db().transaction(async (tx) => {
				await tx
					.insert(s.teams)
					.values({ id: '0190a000-0000-7000-8000-0000000000b1', name: 'Half-written team' });
				await tx
					.insert(s.teams)
					.values({ id: '0190a000-0000-7000-8000-0000000000b1', name: 'Duplicate id' });
			})
		).rejects.toThrow();
		expect(await db().select().from(s.teams)).toEqual(before);
	});

	it.runIf(run)(
		'stores an opt-out and refuses one that names both a rule and an obligation',
		async () => {
			const waiver = {
				id: '0190a000-0000-7000-8000-0000000000d1',
				caseId: aCase().id,
				obligationKey: null,
				rule: 'HUB_REGULAR_UPDATE' as const,
				reason: 'Will call us when they want news',
				agreedBy: 'Victim, by phone',
				recordedBy: aStaffUser().id,
				recordedAt: '2026-02-01T10:00:00.000Z'
			};
			await db()
				.insert(s.obligationWaivers)
				.values({ ...waiver, recordedAt: d(waiver.recordedAt) });
			const [row] = await db()
				.select()
				.from(s.obligationWaivers)
				.where(eq(s.obligationWaivers.id, waiver.id));
			expect(toWaiver(row!)).toEqual(waiver);
			expect(
				await databaseRefusal(
					db()
						.insert(s.obligationWaivers)
						.values({
							...waiver,
							id: '0190a000-0000-7000-8000-0000000000d2',
							obligationKey: 'R3_INITIAL_INFO:x',
							recordedAt: d(waiver.recordedAt)
						})
				)
			).toMatch(/obligation_waivers_scope_check/);
		}
	);

	it.runIf(run)('reports a row that breaks the domain rules when it is read back', async () => {
		const bad = aContact({ id: '0190a000-0000-7000-8000-0000000000c1' });
		await db()
			.insert(s.contacts)
			.values({
				...bad,
				outcome: 'telepathy',
				occurredAt: d(bad.occurredAt),
				recordedAt: d(bad.recordedAt)
			});
		const [row] = await db().select().from(s.contacts).where(eq(s.contacts.id, bad.id));
		expect(() => toContact(row!)).toThrow(/what happened/);
	});
});
