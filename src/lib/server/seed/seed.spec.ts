import { createHash } from 'node:crypto';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { TZDate } from '@date-fns/tz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LONDON, newId } from '$lib/domain';
import { freshDatabase } from '../../../test-data/databases';
import { verifyPassword } from '../auth/passwords';
import type { Database, DatabaseHandle } from '../db';
import {
	toAssignment,
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
} from '../db/mappers';
import * as s from '../db/schema';
import { createInvitation } from '../victim-access';
import { clearData, DEMO_PASSWORD, DEMO_VICTIM_EMAIL, seedDemoData, SeedError } from './seed';
import {
	assigneeAt,
	compliance,
	obligationsFor,
	REGULAR_UPDATE,
	RULE_IDS,
	type Obligation
} from '$lib/domain';
import { loadCaseRecords } from '../queries/case-records';

const NOW = new Date('2026-11-21T00:00:00.000Z');
const DAY = 86_400_000;

async function everything(db: Database) {
	return {
		users: (await db.select().from(s.users).orderBy(s.users.id)).map(toUser),
		victims: (await db.select().from(s.victims).orderBy(s.victims.id)).map(toVictim),
		cases: (await db.select().from(s.cases).orderBy(s.cases.id)).map(toCase),
		assignments: (await db.select().from(s.caseAssignments).orderBy(s.caseAssignments.id)).map(
			toAssignment
		),
		events: (await db.select().from(s.caseEvents).orderBy(s.caseEvents.id)).map(toCaseEvent),
		hearings: (await db.select().from(s.hearings).orderBy(s.hearings.id)).map(toHearing),
		changes: (await db.select().from(s.hearingChanges).orderBy(s.hearingChanges.id)).map(
			toHearingChange
		),
		referrals: (await db.select().from(s.referrals).orderBy(s.referrals.id)).map(toReferral),
		contacts: (await db.select().from(s.contacts).orderBy(s.contacts.id)).map(toContact),
		rights: (await db.select().from(s.rightsRecords).orderBy(s.rightsRecords.id)).map(
			toRightsRecord
		),
		waivers: (await db.select().from(s.obligationWaivers).orderBy(s.obligationWaivers.id)).map(
			toWaiver
		)
	};
}
const fingerprint = (data: unknown) =>
	createHash('sha256').update(JSON.stringify(data)).digest('hex');

describe('demo data', () => {
	let first: DatabaseHandle;
	let data: Awaited<ReturnType<typeof everything>>;

	beforeAll(async () => {
		first = await freshDatabase('pglite');
		await seedDemoData(first.db, { seed: 1, cases: 400, teams: 1, now: NOW });
		// Every row is read back through the domain schemas: one invalid record fails here.
		data = await everything(first.db);
	});
	afterAll(() => first.close());

	it('is a London team: 1 supervisor, 6 caseworkers, 400 open cases and the demo victim', () => {
		const roles = data.users.map((u) => u.role);
		expect(roles.filter((r) => r === 'supervisor')).toHaveLength(1);
		expect(roles.filter((r) => r === 'caseworker')).toHaveLength(6);
		expect(roles.filter((r) => r === 'victim')).toHaveLength(1);
		expect(data.cases.filter((c) => c.status === 'open')).toHaveLength(400);
		expect(data.victims).toHaveLength(400);
	});

	it('gives every demo account the documented password', async () => {
		const emails = [
			'caseworker@demo.test',
			'caseworker2@demo.test',
			'supervisor@demo.test',
			DEMO_VICTIM_EMAIL
		];
		for (const email of emails) {
			const [row] = await first.db.select().from(s.users).where(eq(s.users.email, email));
			expect(await verifyPassword(row!.passwordHash!, DEMO_PASSWORD), email).toBe(true);
		}
	});

	it("links the demo victim to one of caseworker@demo.test's cases with a trial moved at least twice", () => {
		const victimUser = data.users.find((u) => u.email === DEMO_VICTIM_EMAIL)!;
		const caseworker = data.users.find((u) => u.email === 'caseworker@demo.test')!;
		const theCase = data.cases.find((c) => c.victimId === victimUser.victimId)!;
		expect(theCase.assignedCaseworkerId).toBe(caseworker.id);
		const hearings = data.hearings.filter((h) => h.caseId === theCase.id);
		const moves = (h: { id: string }) =>
			data.changes.filter(
				(c) => c.hearingId === h.id && c.changes.some((f) => f.field === 'startsAt' && f.from)
			).length;
		expect(Math.max(...hearings.map(moves))).toBeGreaterThanOrEqual(2);
		expect(hearings.some((h) => h.startsAt > NOW.toISOString() && h.state === 'relisted')).toBe(
			true
		);
	});

	it('spreads hearings across the London courts, with the next three months listed', () => {
		expect(new Set(data.hearings.map((h) => h.courtId)).size).toBeGreaterThanOrEqual(20);
		const ahead = data.hearings.filter(
			(h) =>
				h.startsAt > NOW.toISOString() &&
				h.startsAt < new Date(NOW.getTime() + 90 * DAY).toISOString()
		);
		expect(ahead.length).toBeGreaterThan(50);
	});

	it('has realistic adjournments: some trials moved four or more times, each with a reason', () => {
		const perHearing = new Map<string, number>();
		for (const c of data.changes)
			perHearing.set(c.hearingId, (perHearing.get(c.hearingId) ?? 0) + 1);
		// The first entry is the listing, so five entries or more means four moves or more.
		expect([...perHearing.values()].filter((n) => n >= 5).length).toBeGreaterThan(5);
		expect(data.changes.every((c) => c.reason.length > 0)).toBe(true);
	});

	it('has contacts across the last six months and none in the future', () => {
		const sixMonthsAgo = new Date(NOW.getTime() - 183 * DAY).toISOString();
		const recent = data.contacts.filter((c) => c.occurredAt >= sixMonthsAgo);
		expect(recent.length).toBeGreaterThan(1000);
		expect(data.contacts.every((c) => c.occurredAt < NOW.toISOString())).toBe(true);
		expect(new Set(recent.map((c) => c.occurredAt.slice(0, 7))).size).toBeGreaterThanOrEqual(6);
	});

	describe('as the Code engine sees it', () => {
		let obligations: { obligation: Obligation; caseworkerId: string }[];
		beforeAll(async () => {
			const loaded = await loadCaseRecords(first.db, sql`true`);
			obligations = loaded.flatMap((c) =>
				obligationsFor(c.record, c.victim, NOW.toISOString()).map((obligation) => ({
					obligation,
					caseworkerId: assigneeAt(c.assignments, obligation.dueAt) ?? c.assignedCaseworkerId
				}))
			);
		});
		const count = (rule: string, status?: string) =>
			obligations.filter(
				(o) => o.obligation.rule === rule && (!status || o.obligation.status === status)
			).length;

		it('has obligations of every Code rule, and regular updates', () => {
			for (const rule of [...RULE_IDS, REGULAR_UPDATE])
				expect(count(rule), rule).toBeGreaterThan(0);
		});

		it('has some Right 8 obligations overdue, some due soon, most met on time and a few late', () => {
			expect(count('R8_HEARING', 'overdue')).toBeGreaterThan(10);
			expect(count('R8_HEARING', 'met-late')).toBeGreaterThan(10);
			expect(count('R8_HEARING', 'met-on-time')).toBeGreaterThan(count('R8_HEARING') / 2);
		});

		it('has a believable on-time rate over the last six months, for every caseworker', () => {
			const report = compliance(
				obligations,
				{ from: new Date(NOW.getTime() - 183 * DAY).toISOString(), to: NOW.toISOString() },
				NOW.toISOString()
			);
			expect(report.total.onTimeRate).toBeGreaterThan(0.6);
			expect(report.total.onTimeRate).toBeLessThan(0.95);
			expect(Object.keys(report.byCaseworker)).toHaveLength(6);
		});

		it('has victims who opted out of regular updates, waived', () => {
			expect(data.waivers.length).toBeGreaterThan(3);
			expect(count('HUB_REGULAR_UPDATE', 'waived')).toBeGreaterThan(0);
		});
	});

	it('uses only synthetic references and Ofcom drama phone numbers', () => {
		expect(data.cases.every((c) => c.crimeReference.value.startsWith('DEMO-'))).toBe(true);
		const phones = data.victims.flatMap((v) => [
			v.safeContact.phone,
			...v.safeContact.neverUse.map((n) => n.value)
		]);
		expect(phones.every((p) => p === undefined || p.startsWith('07700 900'))).toBe(true);
	});

	it('is the same, id for id, for the same seed and moment', async () => {
		const second = await freshDatabase('pglite');
		try {
			await seedDemoData(second.db, { seed: 1, cases: 400, teams: 1, now: NOW });
			expect(fingerprint(await everything(second.db))).toBe(fingerprint(data));
		} finally {
			await second.close();
		}
	});

	it('differs for another seed', async () => {
		const other = await freshDatabase('pglite');
		try {
			await seedDemoData(other.db, { seed: 2, cases: 50, teams: 1, now: NOW });
			const ids = new Set(data.cases.map((c) => c.id));
			const otherCases = await other.db.select({ id: s.cases.id }).from(s.cases);
			expect(otherCases.some((c) => ids.has(c.id))).toBe(false);
		} finally {
			await other.close();
		}
	});

	it('refuses to write into a database that already has users', async () => {
		await expect(
			seedDemoData(first.db, { seed: 1, cases: 10, teams: 1, now: NOW })
		).rejects.toThrow(SeedError);
	});

	it('refuses a number of cases that is not a whole number', async () => {
		await expect(
			seedDemoData(first.db, { seed: 1, cases: 0.5, teams: 1, now: NOW })
		).rejects.toThrow(/whole number of at least 1/);
	});

	it('lists hearings at 10:00 London time on weekdays, in winter and in summer', async () => {
		const upcoming = await first.db
			.select()
			.from(s.hearings)
			.where(
				and(
					gt(s.hearings.startsAt, NOW),
					lt(s.hearings.startsAt, new Date(NOW.getTime() + 90 * DAY))
				)
			);
		expect(upcoming.length).toBeGreaterThan(0);
		for (const h of upcoming) {
			const local = new TZDate(h.startsAt.getTime(), LONDON);
			expect([local.getDay(), local.getHours(), local.getMinutes()]).toEqual([
				expect.toSatisfy((d: number) => d >= 1 && d <= 5),
				10,
				0
			]);
		}
		const all = await first.db.select({ startsAt: s.hearings.startsAt }).from(s.hearings);
		const utcHours = new Set(all.map((h) => h.startsAt.getUTCHours()));
		expect(utcHours).toEqual(new Set([9, 10])); // 10:00 BST is 09:00 UTC; 10:00 GMT is 10:00 UTC
	});
});

describe('seed --reset', () => {
	it('empties every table of case and account data, histories, invitations and messages to victims included, so the demo seeds again', async () => {
		const handle = await freshDatabase('pglite');
		try {
			const db = handle.db;
			await seedDemoData(db, { seed: 2, cases: 6, teams: 1, now: NOW });
			const [c] = await db.select().from(s.cases).limit(1);
			const [u] = await db.select().from(s.users).where(eq(s.users.id, c!.assignedCaseworkerId));
			await db.insert(s.victimChanges).values({
				id: newId(),
				version: 1,
				victimId: c!.victimId,
				caseId: c!.id,
				changes: [],
				recordedAt: NOW,
				recordedBy: u!.id
			});
			await createInvitation(
				db,
				{ id: u!.id, role: u!.role, teamId: u!.teamId, victimId: null },
				{ caseId: c!.id, body: { email: 'reset-check@demo.test' } },
				NOW
			);
			expect(await db.select().from(s.victimInvitations)).toHaveLength(1);
			const [change] = await db
				.select()
				.from(s.hearingChanges)
				.where(eq(s.hearingChanges.caseId, c!.id))
				.limit(1);
			const message = newId();
			await db.insert(s.victimNotifications).values({
				id: message,
				caseId: c!.id,
				hearingChangeId: change!.id,
				kind: 'changed',
				channel: 'email',
				recipient: 'reset-check@demo.test',
				body: 'You have a new update.',
				status: 'sent',
				sentAt: NOW,
				createdAt: NOW
			});
			await db.insert(s.developmentOutbox).values({
				id: message,
				channel: 'email',
				recipient: 'reset-check@demo.test',
				body: 'You have a new update.',
				createdAt: NOW
			});

			await clearData(db);
			for (const table of [
				s.victims,
				s.victimChanges,
				s.victimInvitations,
				s.victimNotifications,
				s.developmentOutbox,
				s.users,
				s.cases
			])
				expect(await db.select().from(table)).toEqual([]);
			await seedDemoData(db, { seed: 2, cases: 6, teams: 1, now: NOW });
			expect(await db.select().from(s.cases)).toHaveLength(6);
		} finally {
			await handle.close();
		}
	});
});
