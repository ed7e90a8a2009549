import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { compliance, lastWeeks, obligationsFor, teamView } from '$lib/domain';
import {
	AT,
	TEAM_IDS as I,
	teamAssignments,
	teamCases,
	teamContacts,
	teamHearingChanges,
	teamVictims
} from '../../test-data/team';
import { openHubDatabase, type Row } from './db';
import { ParsedRows, teamOnDevice } from './read';

/**
 * The supervisor's screens read the team from the device: the hand-built team stored as a sync
 * would store it must give the numbers the Code engine gives for the same records.
 */
async function deviceWithTeam() {
	const db = openHubDatabase(`team-${Math.random()}`);
	const rows = (list: object[]) => list.map((r, i) => ({ ...r, version: i + 1 }) as Row);
	await db.cases.bulkPut(rows(teamCases));
	await db.victims.bulkPut(rows(teamVictims));
	await db.caseAssignments.bulkPut(rows(teamAssignments));
	await db.contacts.bulkPut(rows(teamContacts));
	await db.hearingChanges.bulkPut(rows(teamHearingChanges));
	return db;
}

describe('the team on a supervisor’s device', () => {
	it('gives the overdue list, workload and compliance the engine gives for the same records', async () => {
		const db = await deviceWithTeam();
		const read = await teamOnDevice(db);
		expect(read.problems).toEqual([]);
		expect(read.records.map((r) => r.case.id).sort()).toEqual(teamCases.map((c) => c.id).sort());

		const view = teamView(read.records, [I.alex, I.priya, I.chris], AT);
		expect(view.attention.map((a) => [a.victimName, a.obligation.rule, a.workingDaysLate])).toEqual(
			[
				['Ann Archer', 'R8_HEARING', 3],
				['Ben Brown', 'R3_INITIAL_INFO', 0],
				['Ben Brown', 'R4_REFERRAL', 0]
			]
		);
		// The engine, run directly on each case's records, agrees obligation for obligation.
		for (const c of teamCases) {
			const victim = teamVictims.find((v) => v.id === c.victimId)!;
			const engine = obligationsFor(
				{
					case: { id: c.id, reportedAt: c.reportedAt, crimeType: c.crimeType },
					events: [],
					hearingChanges: teamHearingChanges.filter((h) => h.caseId === c.id),
					contacts: teamContacts.filter((x) => x.caseId === c.id),
					referrals: [],
					waivers: []
				},
				victim,
				AT
			).filter((o) => c.closedAt === null || o.dueAt <= c.closedAt);
			expect(
				view.obligations.filter((o) => o.obligation.caseId === c.id).map((o) => o.obligation)
			).toEqual(engine);
		}
		expect(view.workload.find((w) => w.caseworkerId === I.priya)).toEqual({
			caseworkerId: I.priya,
			openCases: 1,
			overdue: 0,
			dueInAWeek: 2,
			contactsLast7Days: 1
		});
		const report = compliance(view.obligations, lastWeeks(8, AT), AT);
		expect(report.byCaseworker[I.alex]).toMatchObject({ due: 6, metOnTime: 4, overdue: 2 });
		expect(report.byCaseworker[I.priya]).toMatchObject({ due: 1, metOnTime: 0, overdue: 1 });
		db.close();
	});

	it('sets aside a record that cannot be read, and still shows the rest', async () => {
		const db = await deviceWithTeam();
		await db.contacts.put({ ...teamContacts[0]!, occurredAt: 'yesterday', version: 99 });
		const read = await teamOnDevice(db);
		expect(read.problems).toMatchObject([{ table: 'contacts', id: teamContacts[0]!.id }]);
		expect(read.records).toHaveLength(3);
		db.close();
	});

	it('parses again only the rows changed since the last read, and never keeps a pending change', async () => {
		const db = await deviceWithTeam();
		const parsed = new ParsedRows();
		const contactsOf = (read: Awaited<ReturnType<typeof teamOnDevice>>) =>
			new Map(read.records.flatMap((r) => r.record.contacts).map((c) => [c.id, c]));
		const first = contactsOf(await teamOnDevice(db, parsed));
		const [same, changed, pending, gone] = teamContacts.map((c) => c.id);

		const row = (id: string) => db.contacts.get(id).then((r) => r!);
		await db.contacts.put({ ...(await row(changed!)), outcome: 'declined', version: 500 });
		await db.contacts.put({ ...(await row(pending!)), outcome: 'voicemail-left', _pending: true });
		await db.contacts.delete(gone!);
		const second = await teamOnDevice(db, parsed);
		const after = contactsOf(second);
		expect(second.problems).toEqual([]);
		expect(after.get(same!)).toBe(first.get(same!)); // the very record: not parsed again
		expect(after.get(changed!)).toMatchObject({ outcome: 'declined' });
		expect(after.get(pending!)).toMatchObject({ outcome: 'voicemail-left' });
		expect(after.has(gone!)).toBe(false);

		// A row that changes into one that cannot be read is set aside like any other.
		await db.contacts.put({ ...(await row(same!)), occurredAt: 'yesterday', version: 1_000 });
		const third = await teamOnDevice(db, parsed);
		expect(third.problems).toMatchObject([{ table: 'contacts', id: same }]);
		// The pending change is parsed again each time, as its version is the server's.
		await db.contacts.put({ ...(await row(pending!)), outcome: 'message-sent' });
		expect(contactsOf(await teamOnDevice(db, parsed)).get(pending!)).toMatchObject({
			outcome: 'message-sent'
		});
		db.close();
	});
});
