import { CODE_RULES, REGULAR_UPDATE } from './code-rules';
import type { ContactOutcome } from './contact';
import { byInstant, formatDate, formatDateTime, inLondon, time24, weekdayName } from './format';
import type { Obligation, ObligationStatus } from './obligations';
import { CONTACT_CHANNEL_LABELS, type ContactChannel, type SafeContact } from './victim';
import { describeSafeTime } from './victim-changes';

/**
 * Casework helpers shared by the caseworker's and the supervisor's screens: obligations in plain
 * words, and the checks a contact makes against the victim's safe-contact preferences.
 */

/** Obligations still to do, most urgent first; the rest are done, met or waived. */
export const TO_DO: ReadonlySet<ObligationStatus> = new Set(['overdue', 'due-soon', 'open']);
const URGENCY: Record<ObligationStatus, number> = {
	overdue: 0,
	'due-soon': 1,
	open: 2,
	'met-late': 3,
	'met-on-time': 3,
	waived: 3
};

export function byUrgency(a: Obligation, b: Obligation): number {
	return URGENCY[a.status] - URGENCY[b.status] || byInstant(a.dueAt, b.dueAt);
}

export const OBLIGATION_STATUS_LABELS: Record<ObligationStatus, string> = {
	open: 'To do',
	'due-soon': 'Due soon',
	overdue: 'Overdue',
	'met-on-time': 'Met on time',
	'met-late': 'Met late',
	waived: 'Not needed (victim opted out)'
};

/** "by end of Tue 29 Dec 2026", or a time when the deadline is not the end of a day. */
export function dueWords(dueAt: string): string {
	return time24(inLondon(dueAt)) === '23:59'
		? `by end of ${formatDate(dueAt)}`
		: `by ${formatDateTime(dueAt)}`;
}

/** The rule behind an obligation: "Victims’ Code Right 8", or the hub's own policy. */
export function ruleWords(o: Pick<Obligation, 'rule' | 'right'>): string {
	return o.rule === REGULAR_UPDATE
		? 'Hub policy: regular updates'
		: `Victims\u2019 Code Right ${o.right ?? CODE_RULES[o.rule].right}`;
}

/** What to do, with the victim's name: "Tell Jo Bennett the hearing date, time and place, …". */
export function dutyWords(o: Pick<Obligation, 'rule'>, victimName: string): string {
	const duty =
		o.rule === REGULAR_UPDATE ? 'Give them a regular update on the case' : CODE_RULES[o.rule].duty;
	return duty.replace(/\bthem\b/, victimName);
}

export type ContactPlan = {
	channel: ContactChannel;
	outcome: ContactOutcome;
	direction: 'outbound' | 'inbound';
	/** When the contact happens, an ISO instant. */
	occurredAt: string;
};

const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/**
 * Why a planned contact goes against the victim's safe-contact preferences, in words for the
 * caseworker; empty when it does not. A warning, not a refusal: the caseworker may have a reason
 * (the victim rang in, say), and the contact is still recorded.
 */
export function safeContactWarnings(prefs: SafeContact, plan: ContactPlan): string[] {
	const warnings: string[] = [];
	if (plan.outcome === 'voicemail-left' && !prefs.voicemailAllowed)
		warnings.push('The victim does not want voicemails left. Do not leave one.');
	if (plan.direction === 'inbound') return warnings;
	if (plan.channel !== prefs.preferredChannel && plan.channel !== 'in-person')
		warnings.push(
			`The victim’s safe way to be contacted is ${CONTACT_CHANNEL_LABELS[prefs.preferredChannel].toLowerCase()}, not ${CONTACT_CHANNEL_LABELS[plan.channel].toLowerCase()}.`
		);
	if (prefs.safeTimes.length > 0) {
		const local = inLondon(plan.occurredAt);
		const day = WEEKDAY_KEYS[local.weekday]!;
		const time = time24(local);
		const safe = prefs.safeTimes.some(
			(t) => (t.days as readonly string[]).includes(day) && t.from <= time && time < t.to
		);
		if (!safe && (plan.channel === 'phone' || plan.channel === 'sms' || plan.channel === 'video'))
			warnings.push(
				`${weekdayName(local)} ${time} is outside the victim’s safe times (${prefs.safeTimes.map(describeSafeTime).join('; ')}).`
			);
	}
	return warnings;
}
