import type { Assignment, Case } from './case';
import { byUrgency } from './casework';
import { REGULAR_UPDATE, type ObligationRule } from './code-rules';
import { assigneeAt, type AttributedObligation } from './compliance';
import { outcomeCanMeetObligation, type Contact } from './contact';
import { obligationsFor, type CaseRecord, type ObligationOptions } from './obligations';
import type { Obligation } from './obligations';
import { isEnhanced, type Victim } from './victim';
import {
	fromDayNumber,
	instantMs,
	InvalidArgumentError,
	londonDay,
	workingDaysAfter
} from './working-days';

/**
 * The supervisor's view of a team, from the same Code engine the caseworkers' screens use: what
 * is overdue or due soon across the team, each caseworker's workload, and every obligation with
 * the caseworker answerable for it (for `compliance`). Pure: the device and the tests feed it.
 */

const DAY_MS = 86_400_000;

/** Each rule in a few plain words, for the supervisor's tables, filters and exports. */
export const RULE_NAMES: Readonly<Record<ObligationRule, string>> = {
	R3_INITIAL_INFO: 'What happens next (Right 3)',
	R4_REFERRAL: 'Referral to support (Right 4)',
	R6_INVESTIGATION_UPDATE: 'Investigation decision (Right 6)',
	R8_HEARING: 'Hearing date, time or place (Right 8)',
	R8_BAIL_OUTCOME: 'Bail decision (Right 8)',
	R8_TO_GIVE_EVIDENCE: 'Needed to give evidence (Right 8)',
	R9_OUTCOME: 'Case outcome (Right 9)',
	R11_VCS_REFERRAL: 'Victim Contact Scheme referral (Right 11)',
	R12_COMPLAINT: 'Answer to a complaint (Right 12)',
	[REGULAR_UPDATE]: 'Regular update (hub policy)'
};

/** "3 working days", "1 working day", or for an obligation late only since a weekend or holiday. */
export function lateWords(workingDays: number): string {
	if (workingDays === 0) return 'Less than 1 working day';
	return `${workingDays} working ${workingDays === 1 ? 'day' : 'days'}`;
}

/** One case of the team, as the supervisor's device holds it. */
export type TeamCase = {
	case: Pick<Case, 'id' | 'status' | 'closedAt' | 'assignedCaseworkerId'>;
	victim: Pick<Victim, 'givenName' | 'familyName' | 'enhancedRights'>;
	/** The engine's record; contacts also say who recorded them, for the workload. */
	record: CaseRecord & {
		contacts: readonly Pick<
			Contact,
			'id' | 'occurredAt' | 'outcome' | 'informedObligations' | 'recordedBy'
		>[];
	};
	assignments: readonly Pick<Assignment, 'caseworkerId' | 'assignedAt'>[];
};

/** An overdue or due-soon obligation on an open case, for the supervisor's list. */
export type AttentionItem = {
	key: string;
	caseId: string;
	victimName: string;
	/** Holds the case now, so is the one to act. */
	caseworkerId: string;
	obligation: Obligation;
	/** Whether the victim has enhanced rights now. */
	enhanced: boolean;
	/** Whole working days since the deadline passed (0 when not yet late, or late since a weekend). */
	workingDaysLate: number;
	/** The latest contact with the victim by `at`, whatever came of it. */
	lastContact: { at: string; reached: boolean } | null;
};

export type Workload = {
	caseworkerId: string;
	openCases: number;
	/** Obligations overdue on their open cases. */
	overdue: number;
	/** Obligations still to do on their open cases, due in the next 7 days (not yet overdue). */
	dueInAWeek: number;
	/** Contacts they recorded that took place in the 7 days up to `at`. */
	contactsLast7Days: number;
};

export type TeamView = {
	/** Most overdue first, then due soon by deadline. */
	attention: AttentionItem[];
	/** One per caseworker given, then any other caseworker still holding a case. */
	workload: Workload[];
	/**
	 * Every obligation of every case, with who was answerable, for `compliance`. Worked out when
	 * first read: the overdue list and workload do not need it.
	 */
	obligations: AttributedObligation[];
};

/**
 * How many working days late an obligation is at `at`: the working days after the London day of
 * the deadline, up to and including the day of `at`. Due by the end of Friday and looked at on
 * Monday morning: 1. Looked at on the Saturday: 0 (late, but not yet by a working day).
 */
export function workingDaysLate(dueAt: string, at: string): number {
	const dueMs = instantMs(dueAt, 'dueAt');
	const atMs = instantMs(at, 'at');
	if (atMs <= dueMs) return 0;
	return workingDaysAfter(londonDay(dueMs), londonDay(atMs));
}

/**
 * The team at `at`. `caseworkers` lists who the workload covers (the team's active caseworkers,
 * in the order to show them); a caseworker not listed who still holds an open case is added.
 *
 * Who answers for an obligation: for the overdue list, whoever holds the case now (they must act);
 * for compliance, whoever held it when the obligation fell due (`assigneeAt`). A closed case has
 * nothing left to do, and its clocks stop when it closes: obligations due after that are dropped.
 */
export function teamView(
	cases: readonly TeamCase[],
	caseworkers: readonly string[],
	at: string,
	options: ObligationOptions = {}
): TeamView {
	const atMs = instantMs(at, 'at');
	const weekAheadMs = atMs + 7 * DAY_MS;
	const weekAgoMs = atMs - 7 * DAY_MS;
	const workload = new Map<string, Workload>();
	const load = (caseworkerId: string) => {
		let w = workload.get(caseworkerId);
		if (!w)
			workload.set(
				caseworkerId,
				(w = { caseworkerId, openCases: 0, overdue: 0, dueInAWeek: 0, contactsLast7Days: 0 })
			);
		return w;
	};
	for (const id of caseworkers) load(id);

	const attention: AttentionItem[] = [];
	const byCase: (readonly Obligation[])[] = [];
	for (const c of cases) {
		const open = c.case.status === 'open';
		const holder = c.case.assignedCaseworkerId;
		const all = obligationsFor(c.record, c.victim, at, options);
		byCase.push(all);
		// One pass over the contacts (the bulk of a team's records): who made contact this week,
		// and the latest contact with the victim.
		let lastContact: AttentionItem['lastContact'] = null;
		let lastMs = -Infinity;
		for (const contact of c.record.contacts) {
			const ms = Date.parse(contact.occurredAt);
			if (ms > atMs) continue;
			if (ms > weekAgoMs) load(contact.recordedBy).contactsLast7Days++;
			if (ms > lastMs) {
				lastMs = ms;
				lastContact = {
					at: contact.occurredAt,
					reached: outcomeCanMeetObligation(contact.outcome)
				};
			}
		}
		if (!open) continue;

		const w = load(holder);
		w.openCases++;
		const victimName = `${c.victim.givenName} ${c.victim.familyName}`;
		const enhanced = isEnhanced(c.victim);
		for (const o of all) {
			if (o.status === 'overdue') w.overdue++;
			else if (
				(o.status === 'open' || o.status === 'due-soon') &&
				Date.parse(o.dueAt) <= weekAheadMs
			)
				w.dueInAWeek++;
			if (o.status !== 'overdue' && o.status !== 'due-soon') continue;
			attention.push({
				key: o.key,
				caseId: c.case.id,
				victimName,
				caseworkerId: holder,
				obligation: o,
				enhanced,
				workingDaysLate: o.status === 'overdue' ? workingDaysLate(o.dueAt, at) : 0,
				lastContact
			});
		}
	}
	attention.sort(
		(a, b) =>
			byUrgency(a.obligation, b.obligation) ||
			a.victimName.localeCompare(b.victimName) ||
			a.key.localeCompare(b.key)
	);
	// Who answered for each obligation is worked out when first asked for (by the compliance
	// page), not before the overdue list can show: a date and an assignment to look up for each
	// of the tens of thousands of obligations of a large team.
	let obligations: AttributedObligation[] | undefined;
	return {
		attention,
		workload: [...workload.values()],
		get obligations() {
			return (obligations ??= attributed(cases, byCase));
		}
	};
}

function attributed(
	cases: readonly TeamCase[],
	byCase: readonly (readonly Obligation[])[]
): AttributedObligation[] {
	const out: AttributedObligation[] = [];
	cases.forEach((c, i) => {
		const closedMs = c.case.closedAt === null ? Infinity : Date.parse(c.case.closedAt);
		for (const o of byCase[i]!) {
			if (Date.parse(o.dueAt) > closedMs) continue;
			out.push({
				obligation: o,
				caseworkerId: assigneeAt(c.assignments, o.dueAt) ?? c.case.assignedCaseworkerId
			});
		}
	});
	return out;
}

/** A period for the compliance report: `from` inclusive, `to` exclusive, as UTC instants. */
export type Period = { from: string; to: string };

/** The instant a London calendar day starts. */
function startOfLondonDay(day: number): string {
	// London is UTC or UTC+1: midnight falls within an hour before UTC midnight of the same date.
	const utcMidnight = day * DAY_MS;
	for (const offsetHours of [1, 0]) {
		const ms = utcMidnight - offsetHours * 3_600_000;
		if (londonDay(ms) === day) return new Date(ms).toISOString();
	}
	return new Date(utcMidnight).toISOString();
}

/**
 * The last `weeks` whole weeks (Monday to Sunday, London) up to and including the week of `at`:
 * the weekly chart then has full weeks, and the current week so far.
 */
export function lastWeeks(weeks: number, at: string): Period {
	if (!Number.isInteger(weeks) || weeks < 1)
		throw new InvalidArgumentError(`weeks must be a whole number, 1 or more, got ${weeks}`);
	const today = londonDay(instantMs(at, 'at'));
	const monday = today - ((today + 3) % 7); // 1970-01-05 (day 4) was a Monday
	return {
		from: startOfLondonDay(monday - 7 * (weeks - 1)),
		to: startOfLondonDay(monday + 7)
	};
}

/** From the start of one London date to the end of another (`YYYY-MM-DD`, `to` included). */
export function datesPeriod(fromDate: string, toDate: string): Period {
	const from = Math.floor(Date.parse(`${fromDate}T00:00:00Z`) / DAY_MS);
	const to = Math.floor(Date.parse(`${toDate}T00:00:00Z`) / DAY_MS);
	if (!Number.isFinite(from) || fromDayNumber(from) !== fromDate)
		throw new InvalidArgumentError(`Enter the start date as a real date, got ${fromDate}`);
	if (!Number.isFinite(to) || fromDayNumber(to) !== toDate)
		throw new InvalidArgumentError(`Enter the end date as a real date, got ${toDate}`);
	if (to < from) throw new InvalidArgumentError('The end date must be on or after the start date');
	return { from: startOfLondonDay(from), to: startOfLondonDay(to + 1) };
}

/** The Mondays (`YYYY-MM-DD`) of every week a period touches, oldest first. */
export function weeksOf(period: Period): string[] {
	const first = londonDay(instantMs(period.from, 'period.from'));
	const last = londonDay(instantMs(period.to, 'period.to') - 1);
	const out: string[] = [];
	for (let monday = first - ((first + 3) % 7); monday <= last; monday += 7)
		out.push(fromDayNumber(monday));
	return out;
}
