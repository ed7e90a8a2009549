import type { Case, CaseEvent } from './case';
import {
	CODE_RULES,
	DEFAULT_REGULAR_UPDATE,
	REGULAR_UPDATE,
	RULE_IDS,
	VCS_CRIME_TYPES,
	VCS_MIN_CUSTODY_MONTHS,
	type ObligationRule,
	type RegularUpdatePolicy,
	type RuleId,
	type TriggerKind
} from './code-rules';
import { outcomeCanMeetObligation, type Contact } from './contact';
import type { HearingChange } from './hearing';
import type { Referral } from './referral';
import type { Victim } from './victim';
import type { ObligationWaiver } from './waiver';
import {
	addWorkingDayNumbers,
	endOfLondonDayMs,
	instantMs,
	InvalidArgumentError,
	londonDay,
	usesFallback
} from './working-days';

/* ---------------------------------------------------------------------------------------------- */
/* Deadlines                                                                                        */

function dueMsFor(rule: RuleId, triggerMs: number, enhanced: boolean) {
	const { workingDays } = CODE_RULES[rule];
	const triggerDay = londonDay(triggerMs);
	const dueDay = addWorkingDayNumbers(
		triggerDay,
		enhanced ? workingDays.enhanced : workingDays.standard
	);
	return { dueMs: endOfLondonDayMs(dueDay), fallback: usesFallback(triggerDay, dueDay) };
}

/**
 * When a Code duty is due: the end (23:59:59.999 London time) of the Nth working day after the
 * London day of the trigger, N from the rule table (`CODE_RULES`). Returned as a UTC ISO string.
 *
 *     deadlineFor('R8_HEARING', '2026-12-24T16:00:00Z', { enhanced: false }) === '2026-12-29T23:59:59.999Z'
 */
export function deadlineFor(
	rule: RuleId,
	triggeredAt: string,
	opts: { enhanced: boolean }
): string {
	if (!(RULE_IDS as readonly string[]).includes(rule))
		throw new InvalidArgumentError(
			`rule must be one of ${RULE_IDS.join(', ')}, got ${JSON.stringify(rule)}`
		);
	if (typeof opts?.enhanced !== 'boolean')
		throw new InvalidArgumentError('opts.enhanced must be true or false');
	return new Date(
		dueMsFor(rule, instantMs(triggeredAt, 'triggeredAt'), opts.enhanced).dueMs
	).toISOString();
}

/* ---------------------------------------------------------------------------------------------- */
/* Obligations                                                                                      */

export const OBLIGATION_STATUSES = [
	'open',
	'due-soon',
	'overdue',
	'met-on-time',
	'met-late',
	'waived'
] as const;
export type ObligationStatus = (typeof OBLIGATION_STATUSES)[number];

export type Obligation = {
	/** `RULE:triggerId`: what a contact lists in `informedObligations` to meet it. */
	key: string;
	rule: ObligationRule;
	/** The Code right it serves; null for the hub's regular-update policy. */
	right: number | null;
	caseId: string;
	trigger: { kind: TriggerKind | 'last-contact'; id: string; at: string };
	/** Enhanced-rights status when the clock started (it does not move afterwards). */
	enhanced: boolean;
	dueAt: string;
	status: ObligationStatus;
	/** The contact (or referral) that met it, if any by `at`. */
	metBy: { id: string; at: string } | null;
	waivedBy: { id: string; reason: string; agreedBy: string } | null;
	/** True when a year on the way had no holiday data and the statutory rules were used. */
	calendarFallback: boolean;
};

/** Everything about one case the engine reads; victim data comes separately. */
export type CaseRecord = {
	case: Pick<Case, 'id' | 'reportedAt' | 'crimeType'>;
	events: readonly Pick<CaseEvent, 'id' | 'kind' | 'receivedAt' | 'custodyMonths'>[];
	hearingChanges: readonly Pick<HearingChange, 'id' | 'changes' | 'receivedAt'>[];
	contacts: readonly Pick<Contact, 'id' | 'occurredAt' | 'outcome' | 'informedObligations'>[];
	referrals: readonly Pick<Referral, 'id' | 'madeAt' | 'consent' | 'consentRecordedAt'>[];
	waivers: readonly Pick<
		ObligationWaiver,
		'id' | 'obligationKey' | 'rule' | 'reason' | 'agreedBy' | 'recordedAt'
	>[];
};

type Waiver = CaseRecord['waivers'][number];

export type ObligationOptions = { regularUpdate?: RegularUpdatePolicy };

/** Hearing states that are news of the listing itself; the others are how a hearing turned out. */
const LISTING_STATES = new Set(['listed', 'adjourned', 'vacated', 'relisted']);

/**
 * Right 8 covers the date, time or place of a hearing, or a change to it (adjourned, relisted,
 * vacated, moved). A notice that only records how a hearing went (effective, cracked, completed)
 * is not one: the case outcome has its own duty (Right 9).
 */
export function isRight8Notice(change: Pick<HearingChange, 'changes'>): boolean {
	return change.changes.some((c) =>
		c.field === 'state' ? c.to !== null && LISTING_STATES.has(c.to) : true
	);
}

/** When the victim had enhanced rights, as [from, until) millisecond intervals, parsed once per case. */
function enhancedIntervals(victim: Pick<Victim, 'enhancedRights'>): [number, number][] {
	return victim.enhancedRights.map((e) => [
		Date.parse(e.appliesFrom),
		e.endedAt === null ? Infinity : Date.parse(e.endedAt)
	]);
}
const enhancedAt = (intervals: [number, number][], ms: number) =>
	intervals.some(([from, until]) => from <= ms && ms < until);

/** Deadlines fall on few distinct instants (ends of days), so their ISO strings are shared. */
const isoCache = new Map<number, string>();
function iso(ms: number): string {
	let s = isoCache.get(ms);
	if (s === undefined) {
		s = new Date(ms).toISOString();
		if (isoCache.size > 100_000) isoCache.clear();
		isoCache.set(ms, s);
	}
	return s;
}
/** An input instant as canonical ISO: reused as given when it already is (the usual case). */
const canonical = (text: string, ms: number) =>
	text.length === 24 && text.endsWith('Z') ? text : new Date(ms).toISOString();

/**
 * Every obligation of one case and its status at `at` (an ISO instant): the Code's duties from the
 * case's events, plus the hub's regular-update cadence. Contacts, referrals and waivers after `at`
 * are ignored, so the same call answers "how did things stand last Tuesday?".
 *
 * - A contact meets an obligation when it reached the victim (or sent a written update), happened
 *   after the trigger, and lists the obligation's key; a failed attempt does not meet it.
 * - Right 4 is also met by a referral made, or by the victim's refusal being recorded.
 * - The regular update is met by any contact that reached the victim.
 * - A waiver (opt-out) recorded before the deadline waives it; after the deadline it cannot.
 */
export function obligationsFor(
	record: CaseRecord,
	victim: Pick<Victim, 'enhancedRights'>,
	at: string,
	options: ObligationOptions = {}
): Obligation[] {
	const atMs = instantMs(at, 'at');
	const policy = options.regularUpdate ?? DEFAULT_REGULAR_UPDATE;
	const caseId = record.case.id;
	// "Due soon": due by the end of the next working day.
	const dueSoonMs = endOfLondonDayMs(addWorkingDayNumbers(londonDay(atMs), 1));

	// The first successful contact naming each key, up to `at`.
	const successful = record.contacts
		.map((c) => ({ c, ms: Date.parse(c.occurredAt) }))
		.filter(({ c, ms }) => ms <= atMs && outcomeCanMeetObligation(c.outcome))
		.sort((a, b) => a.ms - b.ms);
	// Every key each successful contact named, with the contacts in time order.
	const informed = new Map<string, { id: string; ms: number; at: string }[]>();
	for (const { c, ms } of successful)
		for (const k of c.informedObligations) {
			const entry = { id: c.id, ms, at: c.occurredAt };
			const list = informed.get(k);
			if (list) list.push(entry);
			else informed.set(k, [entry]);
		}
	const intervals = enhancedIntervals(victim);
	const waivers = record.waivers
		.map((w) => ({ w, ms: Date.parse(w.recordedAt) }))
		.filter(({ ms }) => ms <= atMs);

	const out: Obligation[] = [];

	/** Status, and what met or waived it. A waiver found applies (see `findWaiver`), whatever came after. */
	const outcome = (
		dueMs: number,
		met: { id: string; ms: number; at?: string } | null,
		waiver: Waiver | null
	): Pick<Obligation, 'status' | 'metBy' | 'waivedBy'> => {
		if (waiver)
			return {
				status: 'waived',
				metBy: null,
				waivedBy: { id: waiver.id, reason: waiver.reason, agreedBy: waiver.agreedBy }
			};
		const metBy = met
			? {
					id: met.id,
					at: met.at !== undefined ? canonical(met.at, met.ms) : new Date(met.ms).toISOString()
				}
			: null;
		if (met) return { status: met.ms <= dueMs ? 'met-on-time' : 'met-late', metBy, waivedBy: null };
		return {
			status: atMs > dueMs ? 'overdue' : dueMs <= dueSoonMs ? 'due-soon' : 'open',
			metBy,
			waivedBy: null
		};
	};

	/** The opt-out that waives this obligation: recorded by its deadline, and before it was met. */
	const findWaiver = (
		key: string,
		rule: ObligationRule,
		dueMs: number,
		metMs: number | null
	): Waiver | null => {
		for (const { w, ms } of waivers) {
			if (w.obligationKey !== key && w.rule !== rule) continue;
			if (ms > dueMs) continue; // a passed deadline cannot be waived afterwards
			if (metMs !== null && metMs <= ms) continue; // already met before the opt-out
			return w;
		}
		return null;
	};

	const add = (
		rule: RuleId,
		kind: TriggerKind,
		triggerId: string,
		triggerMs: number,
		triggerText: string
	) => {
		const enhanced = enhancedAt(intervals, triggerMs);
		const { dueMs, fallback } = dueMsFor(rule, triggerMs, enhanced);
		const key = `${rule}:${triggerId}`;
		let met: { id: string; ms: number; at?: string } | null =
			informed.get(key)?.find((c) => c.ms >= triggerMs) ?? null;
		if (rule === 'R4_REFERRAL') {
			for (const r of record.referrals) {
				const ms = r.madeAt
					? Date.parse(r.madeAt)
					: r.consent === 'refused' && r.consentRecordedAt
						? Date.parse(r.consentRecordedAt)
						: null;
				if (ms !== null && ms <= atMs && (!met || ms < met.ms)) met = { id: r.id, ms };
			}
		}
		const waiver = findWaiver(key, rule, dueMs, met?.ms ?? null);
		out.push({
			key,
			rule,
			right: CODE_RULES[rule].right,
			caseId,
			trigger: { kind, id: triggerId, at: canonical(triggerText, triggerMs) },
			enhanced,
			dueAt: iso(dueMs),
			...outcome(dueMs, met, waiver),
			calendarFallback: fallback
		});
	};

	const reportedMs = Date.parse(record.case.reportedAt);
	if (reportedMs <= atMs) {
		add('R3_INITIAL_INFO', 'crime-reported', caseId, reportedMs, record.case.reportedAt);
		add('R4_REFERRAL', 'crime-reported', caseId, reportedMs, record.case.reportedAt);
	}
	for (const e of record.events) {
		const ms = Date.parse(e.receivedAt);
		if (ms > atMs) continue;
		switch (e.kind) {
			case 'decision':
				add('R6_INVESTIGATION_UPDATE', 'decision', e.id, ms, e.receivedAt);
				break;
			case 'bail-outcome':
				add('R8_BAIL_OUTCOME', 'bail-outcome', e.id, ms, e.receivedAt);
				break;
			case 'to-give-evidence':
				add('R8_TO_GIVE_EVIDENCE', 'to-give-evidence', e.id, ms, e.receivedAt);
				break;
			case 'case-outcome':
				add('R9_OUTCOME', 'case-outcome', e.id, ms, e.receivedAt);
				break;
			case 'sentence':
				add('R9_OUTCOME', 'sentence', e.id, ms, e.receivedAt);
				if (
					(e.custodyMonths ?? 0) >= VCS_MIN_CUSTODY_MONTHS &&
					VCS_CRIME_TYPES.has(record.case.crimeType)
				)
					add('R11_VCS_REFERRAL', 'sentence', e.id, ms, e.receivedAt);
				break;
			case 'complaint':
				add('R12_COMPLAINT', 'complaint', e.id, ms, e.receivedAt);
				break;
		}
	}
	for (const h of record.hearingChanges) {
		const ms = Date.parse(h.receivedAt);
		if (ms <= atMs && isRight8Notice(h))
			add('R8_HEARING', 'hearing-notice', h.id, ms, h.receivedAt);
	}
	if (reportedMs <= atMs)
		addRegularUpdates(out, record, intervals, reportedMs, successful, policy, outcome, findWaiver);
	return out;
}

/**
 * Hub policy: after each contact that reached the victim (or the report, before any), the next is
 * due within the cadence's calendar days, by the end of that London day. Any successful contact
 * meets it; the chain ends with the one still running at `at`.
 */
function addRegularUpdates(
	out: Obligation[],
	record: CaseRecord,
	intervals: [number, number][],
	reportedMs: number,
	successful: { c: { id: string; occurredAt: string }; ms: number }[],
	policy: RegularUpdatePolicy,
	outcome: (
		dueMs: number,
		met: { id: string; ms: number; at?: string } | null,
		waiver: Waiver | null
	) => Pick<Obligation, 'status' | 'metBy' | 'waivedBy'>,
	findWaiver: (
		key: string,
		rule: ObligationRule,
		dueMs: number,
		metMs: number | null
	) => Waiver | null
) {
	let trigger = {
		id: record.case.id,
		ms: reportedMs,
		text: record.case.reportedAt,
		kind: 'crime-reported' as TriggerKind | 'last-contact'
	};
	let i = 0;
	for (;;) {
		while (i < successful.length && successful[i]!.ms <= trigger.ms) i++;
		const next = successful[i] ?? null;
		const enhanced = enhancedAt(intervals, trigger.ms);
		const days = enhanced ? policy.enhancedDays : policy.standardDays;
		const dueDay = londonDay(trigger.ms) + days;
		const dueMs = endOfLondonDayMs(dueDay);
		const key = `${REGULAR_UPDATE}:${trigger.id}`;
		const met = next ? { id: next.c.id, ms: next.ms, at: next.c.occurredAt } : null;
		const waiver = findWaiver(key, REGULAR_UPDATE, dueMs, met?.ms ?? null);
		out.push({
			key,
			rule: REGULAR_UPDATE,
			right: null,
			caseId: record.case.id,
			trigger: { kind: trigger.kind, id: trigger.id, at: canonical(trigger.text, trigger.ms) },
			enhanced,
			dueAt: iso(dueMs),
			...outcome(dueMs, met, waiver),
			calendarFallback: false
		});
		if (!next) break;
		trigger = { id: next.c.id, ms: next.ms, text: next.c.occurredAt, kind: 'last-contact' };
	}
}
