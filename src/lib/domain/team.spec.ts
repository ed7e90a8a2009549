import { describe, expect, it } from 'vitest';
import {
	AT,
	TEAM_IDS as I,
	teamAssignments,
	teamCases,
	teamContacts,
	teamHearingChanges,
	teamVictims
} from '../../test-data/team';
import {
	compliance,
	datesPeriod,
	InvalidArgumentError,
	lastWeeks,
	obligationsFor,
	teamView,
	weeksOf,
	workingDaysLate,
	type TeamCase
} from './index';

/** The hand-built team in the shape the device gives `teamView`. */
export function handBuiltTeam(): TeamCase[] {
	return teamCases.map((c) => ({
		case: c,
		victim: teamVictims.find((v) => v.id === c.victimId)!,
		record: {
			case: { id: c.id, reportedAt: c.reportedAt, crimeType: c.crimeType },
			events: [],
			hearingChanges: teamHearingChanges.filter((h) => h.caseId === c.id),
			contacts: teamContacts.filter((x) => x.caseId === c.id),
			referrals: [],
			waivers: []
		},
		assignments: teamAssignments.filter((a) => a.caseId === c.id)
	}));
}

const CASEWORKERS = [I.alex, I.priya, I.chris];

describe('workingDaysLate', () => {
	it('counts the working days after the deadline, up to and including today', () => {
		const tuesday = '2026-11-17T23:59:59.999Z';
		expect(workingDaysLate(tuesday, '2026-11-17T12:00:00Z')).toBe(0);
		expect(workingDaysLate(tuesday, '2026-11-18T00:30:00Z')).toBe(1);
		expect(workingDaysLate(tuesday, '2026-11-20T10:00:00Z')).toBe(3);
		// Due by the end of a Friday: the weekend is not a working day.
		const friday = '2026-11-20T23:59:59.999Z';
		expect(workingDaysLate(friday, '2026-11-21T10:00:00Z')).toBe(0);
		expect(workingDaysLate(friday, '2026-11-23T08:00:00Z')).toBe(1);
	});

	it('skips bank holidays, in London time', () => {
		// Due Thu 24 Dec 2026; Christmas, the weekend and Boxing Day (substitute, Mon 28) pass.
		expect(workingDaysLate('2026-12-24T23:59:59.999Z', '2026-12-28T12:00:00Z')).toBe(0);
		expect(workingDaysLate('2026-12-24T23:59:59.999Z', '2026-12-29T12:00:00Z')).toBe(1);
		// British Summer Time: 23:30 UTC on 1 Jul is already 2 Jul in London.
		expect(workingDaysLate('2026-06-30T22:59:59.999Z', '2026-07-01T23:30:00Z')).toBe(2);
	});

	it('refuses what is not an instant', () => {
		expect(() => workingDaysLate('soon', AT)).toThrow(InvalidArgumentError);
	});
});

describe('teamView on a hand-built team', () => {
	const view = teamView(handBuiltTeam(), CASEWORKERS, AT);

	it('lists what is overdue or due soon on open cases, most overdue first, with the holder and lateness', () => {
		expect(
			view.attention.map((a) => [
				a.victimName,
				a.obligation.rule,
				a.obligation.status,
				a.caseworkerId,
				a.workingDaysLate,
				a.enhanced,
				a.lastContact
			])
		).toEqual([
			[
				'Ann Archer',
				'R8_HEARING',
				'overdue',
				I.alex,
				3,
				false,
				{ at: '2026-11-18T11:00:00.000Z', reached: false }
			],
			[
				'Ben Brown',
				'R3_INITIAL_INFO',
				'due-soon',
				I.priya,
				0,
				true,
				{ at: '2026-11-19T16:00:00.000Z', reached: false }
			],
			[
				'Ben Brown',
				'R4_REFERRAL',
				'due-soon',
				I.priya,
				0,
				true,
				{ at: '2026-11-19T16:00:00.000Z', reached: false }
			]
		]);
		expect(view.attention[0]!.obligation.dueAt).toBe('2026-11-17T23:59:59.999Z');
	});

	it('is the engine’s own answer: every overdue or due-soon obligation of an open case, and no other', () => {
		const fromEngine = handBuiltTeam()
			.filter((c) => c.case.status === 'open')
			.flatMap((c) => obligationsFor(c.record, c.victim, AT))
			.filter((o) => o.status === 'overdue' || o.status === 'due-soon');
		expect(
			view.attention.map((a) => a.obligation).sort((a, b) => a.key.localeCompare(b.key))
		).toEqual(fromEngine.sort((a, b) => a.key.localeCompare(b.key)));
	});

	it('gives each caseworker’s workload, including one with no cases', () => {
		expect(view.workload).toEqual([
			{ caseworkerId: I.alex, openCases: 1, overdue: 1, dueInAWeek: 0, contactsLast7Days: 1 },
			{ caseworkerId: I.priya, openCases: 1, overdue: 0, dueInAWeek: 2, contactsLast7Days: 1 },
			{ caseworkerId: I.chris, openCases: 0, overdue: 0, dueInAWeek: 0, contactsLast7Days: 0 }
		]);
	});

	it('adds a caseworker who is not listed (left the team) but still holds a case', () => {
		const workload = teamView(handBuiltTeam(), [I.alex], AT).workload;
		expect(workload.map((w) => w.caseworkerId)).toEqual([I.alex, I.priya]);
	});

	it('answers compliance per rule, per caseworker and per week, crediting who held the case when each fell due', () => {
		const report = compliance(view.obligations, lastWeeks(8, AT), AT);
		expect(report.total).toMatchObject({ due: 7, metOnTime: 4, metLate: 0, overdue: 3 });
		expect(report.total.onTimeRate).toBeCloseTo(4 / 7);
		expect(report.byCaseworker[I.alex]).toMatchObject({ due: 6, metOnTime: 4, overdue: 2 });
		expect(report.byCaseworker[I.priya]).toMatchObject({ due: 1, metOnTime: 0, overdue: 1 });
		expect(report.byCaseworker[I.chris]).toBeUndefined();
		expect(report.byRule).toMatchObject({
			R3_INITIAL_INFO: { due: 2, metOnTime: 2 },
			R4_REFERRAL: { due: 2, metOnTime: 1, overdue: 1 },
			R8_HEARING: { due: 1, overdue: 1 },
			HUB_REGULAR_UPDATE: { due: 2, metOnTime: 1, overdue: 1 }
		});
		expect(report.byWeek.map((w) => [w.weekStart, w.due, w.metOnTime])).toEqual([
			['2026-10-05', 2, 1],
			['2026-10-26', 1, 1],
			['2026-11-02', 2, 1],
			['2026-11-09', 1, 1],
			['2026-11-16', 1, 0]
		]);
	});

	it('stops a closed case’s clocks when it closes', () => {
		const closedCase = view.obligations.filter((o) => o.obligation.caseId === I.caraCase);
		expect(closedCase.every((o) => o.obligation.dueAt <= '2026-11-10T12:00:00.000Z')).toBe(true);
		expect(view.attention.some((a) => a.caseId === I.caraCase)).toBe(false);
	});
});

describe('periods', () => {
	it('gives whole London weeks up to and including this one', () => {
		expect(lastWeeks(1, AT)).toEqual({
			from: '2026-11-16T00:00:00.000Z',
			to: '2026-11-23T00:00:00.000Z'
		});
		// In summer time, a London midnight is 23:00 UTC the day before.
		expect(lastWeeks(2, '2026-07-01T12:00:00Z')).toEqual({
			from: '2026-06-21T23:00:00.000Z',
			to: '2026-07-05T23:00:00.000Z'
		});
		expect(weeksOf(lastWeeks(3, AT))).toEqual(['2026-11-02', '2026-11-09', '2026-11-16']);
	});

	it('turns two dates into a period that includes the end date', () => {
		expect(datesPeriod('2026-10-25', '2026-10-31')).toEqual({
			from: '2026-10-24T23:00:00.000Z',
			to: '2026-11-01T00:00:00.000Z'
		});
		expect(weeksOf(datesPeriod('2026-10-25', '2026-10-31'))).toEqual(['2026-10-19', '2026-10-26']);
	});

	it('refuses dates that do not exist, or an end before the start, saying which', () => {
		expect(() => datesPeriod('2026-02-30', '2026-03-02')).toThrow(/start date/);
		expect(() => datesPeriod('2026-03-02', 'soon')).toThrow(/end date/);
		expect(() => datesPeriod('2026-03-02', '2026-03-01')).toThrow(/on or after/);
		expect(() => lastWeeks(0, AT)).toThrow(InvalidArgumentError);
	});
});
