import { and, count, eq, ne } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse } from '$lib/domain';
import type { SessionUser } from '$lib/server/auth/session';
import { setDatabase, type DatabaseHandle } from '$lib/server/db';
import * as s from '$lib/server/db/schema';
import { DEMO_PASSWORD, seedDemoData } from '$lib/server/seed/seed';
import { visibleCaseIds } from '$lib/server/sync/scope';
import { freshDatabase } from '../test-data/databases';
import { entryPoints, invoke, type Answer } from '../test-data/route-harness';
import {
	ACCESS_MATRIX,
	ROLES,
	judge,
	type Call,
	type Role
} from '../../tests/security/access-matrix';

/**
 * The access-control matrix, run in-process: every entry point under `src/routes`, as every kind
 * of caller, reaching for case A (see `tests/security/access-matrix.ts`). The guard runs as the
 * hook runs it, then the real handler, load or action, on a database with two teams.
 */

const NOW = new Date('2026-11-21T10:00:00.000Z');
/** Planted in case A's internal fields: a victim must never receive any of them. */
const SECRET = {
	safetyNote: 'SAFETY-NOTE-do-not-call-after-6pm-7f3a',
	address: '12 Confidential Row, SECRET-ADDRESS-91c2',
	referralNote: 'INTERNAL-REFERRAL-NOTE-4d1e',
	contactSummary: 'INTERNAL-CONTACT-SUMMARY-b8e0',
	rightsEvidence: 'INTERNAL-RIGHTS-EVIDENCE-2a77'
};
/** Where case A's victim's messages go: in the development outbox, for case A's holders only. */
const VICTIM_A_EMAIL = 'victim-a.outbox@example.test';

describe('the entry points under src/routes and the access matrix', () => {
	const found = entryPoints();

	it('finds the routes', () => {
		expect(found).toEqual(
			expect.arrayContaining([
				'/api/sync/push POST',
				'/sign-in action:default',
				'/(victim) layout-load'
			])
		);
	});

	it('has a rule for every entry point: a new endpoint, load or action without one fails here', () => {
		expect(found.filter((e) => !(e in ACCESS_MATRIX))).toEqual([]);
	});

	it('has no rule for an entry point that does not exist', () => {
		expect(Object.keys(ACCESS_MATRIX).filter((e) => !found.includes(e))).toEqual([]);
	});
});

describe('every cell of the access matrix, in-process', () => {
	let handle: DatabaseHandle;
	const db = () => handle.db;
	const callers = {} as Record<Role, SessionUser | null>;
	const ids = {} as Record<string, string>;
	/** Strings that are case A's and no one else's: none may reach a caller refused case A. */
	let needles: string[] = [];

	const sessionUser = (u: typeof s.users.$inferSelect): SessionUser => ({
		id: u.id,
		email: u.email,
		displayName: u.displayName,
		role: u.role,
		teamId: u.teamId,
		victimId: u.victimId
	});
	const userBy = async (email: string) =>
		sessionUser((await db().select().from(s.users).where(eq(s.users.email, email)))[0]!);

	beforeAll(async () => {
		handle = await freshDatabase('pglite');
		await seedDemoData(handle.db, { seed: 3, cases: 24, teams: 2, now: NOW });
		setDatabase(handle);

		callers.signedOut = null;
		callers.victimA = await userBy('victim@demo.test');
		const [caseA] = await db()
			.select()
			.from(s.cases)
			.where(eq(s.cases.victimId, callers.victimA.victimId!));
		const [cwA] = await db()
			.select()
			.from(s.users)
			.where(eq(s.users.id, caseA!.assignedCaseworkerId));
		callers.caseworkerA = sessionUser(cwA!);
		callers.caseworkerB = await userBy('caseworker.team2@demo.test');
		callers.supervisorB = await userBy('supervisor.team2@demo.test');
		expect(callers.caseworkerB.teamId).not.toBe(caseA!.teamId);
		expect(callers.supervisorB.teamId).not.toBe(caseA!.teamId);

		// Victim B: the victim of one of team B's cases, with a portal account.
		const [caseB] = await db()
			.select()
			.from(s.cases)
			.where(eq(s.cases.teamId, callers.supervisorB.teamId!))
			.limit(1);
		const victimBId = uuidv7();
		await db().insert(s.users).values({
			id: victimBId,
			email: 'victim-b@demo.test',
			displayName: 'Victim B',
			role: 'victim',
			teamId: null,
			victimId: caseB!.victimId,
			passwordHash: 'not-used',
			active: true,
			createdAt: NOW
		});
		callers.victimB = await userBy('victim-b@demo.test');

		// Case A's internal fields, planted so a leak to a victim can be found.
		const [victimA] = await db().select().from(s.victims).where(eq(s.victims.id, caseA!.victimId));
		await db()
			.update(s.victims)
			.set({
				address: SECRET.address,
				confidentialAddress: true,
				safeContact: { ...victimA!.safeContact, notes: SECRET.safetyNote }
			})
			.where(eq(s.victims.id, victimA!.id));
		await db()
			.update(s.referrals)
			.set({ notes: SECRET.referralNote })
			.where(eq(s.referrals.caseId, caseA!.id));
		await db()
			.update(s.contacts)
			.set({ summary: SECRET.contactSummary })
			.where(eq(s.contacts.caseId, caseA!.id));
		await db()
			.update(s.rightsRecords)
			.set({ evidence: SECRET.rightsEvidence })
			.where(eq(s.rightsRecords.caseId, caseA!.id));

		const [hearingA] = await db()
			.select()
			.from(s.hearings)
			.where(eq(s.hearings.caseId, caseA!.id))
			.limit(1);
		const [changeA] = await db()
			.select()
			.from(s.hearingChanges)
			.where(eq(s.hearingChanges.caseId, caseA!.id))
			.limit(1);
		const [otherCaseworkerB] = await db()
			.select()
			.from(s.users)
			.where(
				and(
					eq(s.users.teamId, callers.supervisorB.teamId!),
					eq(s.users.role, 'caseworker'),
					ne(s.users.id, callers.caseworkerB.id)
				)
			)
			.limit(1);
		// A message "sent" to victim A, as the development sender keeps it (the notification's id).
		const notificationId = uuidv7();
		await db().insert(s.victimNotifications).values({
			id: notificationId,
			caseId: caseA!.id,
			hearingChangeId: changeA!.id,
			kind: 'changed',
			channel: 'email',
			recipient: VICTIM_A_EMAIL,
			body: 'Your court date has changed.',
			status: 'sent',
			sentAt: NOW,
			createdAt: NOW
		});
		await db().insert(s.developmentOutbox).values({
			id: notificationId,
			channel: 'email',
			recipient: VICTIM_A_EMAIL,
			body: 'Your court date has changed.',
			createdAt: NOW
		});
		Object.assign(ids, {
			caseA: caseA!.id,
			victimA: victimA!.id,
			hearingA: hearingA!.id,
			hearingChangeA: changeA!.id,
			caseworkerOfTeamB: otherCaseworkerB!.id,
			password: DEMO_PASSWORD
		});
		needles = [
			caseA!.id,
			victimA!.id,
			hearingA!.id,
			changeA!.id,
			caseA!.crimeReference,
			`${victimA!.givenName} ${victimA!.familyName}`,
			VICTIM_A_EMAIL,
			...Object.values(SECRET)
		];
	});
	afterAll(async () => {
		await handle.close();
	});

	/** The call with its placeholders filled in (`{new}` a fresh UUIDv7 each time). */
	function fill<T>(value: T): T {
		const text = JSON.stringify(value).replace(/\{(\w+)\}/g, (_, name: string) =>
			name === 'new' ? uuidv7() : (ids[name] ?? `{${name}}`)
		);
		return JSON.parse(text) as T;
	}

	async function run(key: string, role: Role, call: Call): Promise<Answer[]> {
		const [routeId, kind] = [
			key.slice(0, key.lastIndexOf(' ')),
			key.slice(key.lastIndexOf(' ') + 1)
		];
		const filled = fill(call);
		const answers = [await invoke(routeId, kind, callers[role], filled)];
		// A sync pull: every page, so every row the caller would get is checked.
		while (call.allPages && answers.at(-1)!.status === 200) {
			const page = JSON.parse(answers.at(-1)!.text) as PullResponse;
			if (!page.hasMore) break;
			const next = { ...filled, json: { ...(filled.json as object), cursor: page.cursor } };
			answers.push(await invoke(routeId, kind, callers[role], next));
		}
		return answers;
	}

	// Strangers first; case A's own caseworker last, since its cells may change the case.
	const order: Role[] = [
		'signedOut',
		'caseworkerB',
		'supervisorB',
		'victimB',
		'victimA',
		'caseworkerA'
	];
	expect([...order].sort()).toEqual([...ROLES].sort());

	for (const role of order)
		it(`answers ${role} as the matrix says, with nothing of case A unless it is theirs`, async () => {
			const wrong: string[] = [];
			for (const [key, rule] of Object.entries(ACCESS_MATRIX)) {
				const answers = await run(key, role, rule.call);
				const sent = JSON.stringify(fill(rule.call));
				const problem = judge(rule.expect[role], rule.call, answers, needles, sent);
				if (problem) wrong.push(`${key} (${rule.expect[role]}): ${problem}`);
			}
			expect(wrong).toEqual([]);
		});

	it('a victim never receives safety notes, internal notes or a confidential address, even of their own case', async () => {
		const bodies: string[] = [];
		for (const [key, rule] of Object.entries(ACCESS_MATRIX))
			if (rule.expect.victimA === 'own')
				bodies.push(...(await run(key, 'victimA', rule.call)).map((a) => a.text));
		const all = bodies.join('\n');
		expect(all).toContain(ids.hearingA); // the portal does carry the victim's own case
		expect(Object.values(SECRET).filter((secret) => all.includes(secret))).toEqual([]);
	});

	it("staff devices get the case's safety note but never a confidential address", async () => {
		const [answer] = await run(
			'/api/sync/pull POST',
			'caseworkerA',
			ACCESS_MATRIX['/api/sync/pull POST']!.call
		);
		expect(answer!.text).toContain(SECRET.safetyNote);
		expect(answer!.text).not.toContain(SECRET.address);
	});

	it("pulls a caseworker exactly the cases assigned to them, and a supervisor exactly their team's", async () => {
		const pulled = async (role: Role) => {
			const answers = await run(
				'/api/sync/pull POST',
				role,
				ACCESS_MATRIX['/api/sync/pull POST']!.call
			);
			const rows = answers.flatMap((a) => (JSON.parse(a.text) as PullResponse).changes.cases ?? []);
			return rows.map((r) => r.id).sort();
		};
		const assigned = await db()
			.select({ id: s.cases.id })
			.from(s.cases)
			.where(eq(s.cases.assignedCaseworkerId, callers.caseworkerB!.id));
		const team = await db()
			.select({ id: s.cases.id })
			.from(s.cases)
			.where(eq(s.cases.teamId, callers.supervisorB!.teamId!));
		expect(await pulled('caseworkerB')).toEqual(assigned.map((c) => c.id).sort());
		expect(await pulled('supervisorB')).toEqual(team.map((c) => c.id).sort());
		expect(await visibleCaseIds(db(), callers.caseworkerB!)).toEqual(
			assigned.map((c) => c.id).sort()
		);
	});

	it('refuses a push about case A from outside its scope with a reason, and writes no contact', async () => {
		const contacts = async () =>
			(
				await db().select({ n: count() }).from(s.contacts).where(eq(s.contacts.caseId, ids.caseA!))
			)[0]!.n;
		const before = await contacts();
		for (const role of ['caseworkerB', 'supervisorB', 'victimA', 'victimB'] as const) {
			const [answer] = await run(
				'/api/sync/push POST',
				role,
				ACCESS_MATRIX['/api/sync/push POST']!.call
			);
			const { results } = JSON.parse(answer!.text) as {
				results: { status: string; reason: string }[];
			};
			expect({ role, status: results[0]!.status }).toEqual({ role, status: 'rejected' });
			expect(results[0]!.reason).toMatch(/\w{3,}/);
		}
		expect(await contacts()).toBe(before);
	});
});
