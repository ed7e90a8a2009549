import {
	CONTACT_CHANNEL_LABELS,
	type ContactChannel,
	type SafeContact,
	type SafeTime
} from './victim';
import { HEARING_FIELD_WORDS, hearingValueWords } from './describe-change';
import { formatDateTime, londonLocalToInstant, instantToLondonLocal } from './format';
import type { FieldChange } from './hearing';
import { HEARING_TYPE_LABELS, type HearingType } from './reference-data';

/**
 * Telling a victim that something changed (issue 6, "Told when something changes"): what the hub
 * sends, where to, and how a caseworker reads what became of it. Pure, so it can be tested alone;
 * the server decides when (`src/lib/server/notifications`).
 */

/** What the message is about: a hearing newly listed, or a change to one. */
export const NOTIFICATION_KINDS = ['listed', 'changed'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** How it goes: `none` when it cannot go by itself and a person must tell the victim. */
export const NOTIFICATION_CHANNELS = ['email', 'sms', 'none'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/**
 * - `pending`: waiting for its first try, a safe time or its next retry (`nextAttemptAt`);
 * - `sending`: handed to the sender; if it stays so (a crash mid-send) it is never retried;
 * - `sent`: the provider accepted it; `failed`: gave up, with why; `not-sent`: never to be sent
 *   by the hub (the victim prefers a call, say), with why.
 */
export const NOTIFICATION_STATUSES = ['pending', 'sending', 'sent', 'failed', 'not-sent'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export type DeliveryPlan =
	{ channel: 'email' | 'sms'; recipient: string } | { channel: 'none'; reason: string };

const TELL_THEM: Record<Exclude<ContactChannel, 'email' | 'sms'>, string> = {
	phone: 'Prefers phone calls: tell them yourself.',
	letter: 'Prefers letters: tell them yourself.',
	'in-person': 'Prefers to be told in person: tell them yourself.',
	video: 'Prefers video calls: tell them yourself.'
};

const digits = (phone: string) => phone.replace(/\D/g, '').replace(/^44/, '0');
const onNeverUseList = (prefs: SafeContact, kind: 'phone' | 'email', value: string) =>
	prefs.neverUse.some((n) =>
		n.kind !== kind
			? false
			: kind === 'phone'
				? digits(n.value) === digits(value)
				: n.value.trim().toLowerCase() === value.trim().toLowerCase()
	);

/**
 * Where a message to the victim goes, from their safe-contact preferences (domain brief, "Safe
 * contact"): by email or text only when that is how they asked to be contacted, never to an
 * address or number they said must never be used; otherwise a person tells them, and the reason
 * says so. An email goes to the address in their preferences, else the one they sign in with.
 */
export function deliveryPlan(prefs: SafeContact, accountEmail: string): DeliveryPlan {
	switch (prefs.preferredChannel) {
		case 'email': {
			const recipient = prefs.email || accountEmail;
			if (onNeverUseList(prefs, 'email', recipient))
				return {
					channel: 'none',
					reason: 'Their email address is on the never-use list: tell them yourself.'
				};
			return { channel: 'email', recipient };
		}
		case 'sms': {
			if (!prefs.phone)
				return { channel: 'none', reason: 'No number recorded for texts: tell them yourself.' };
			if (onNeverUseList(prefs, 'phone', prefs.phone))
				return {
					channel: 'none',
					reason: 'Their number is on the never-use list: tell them yourself.'
				};
			return { channel: 'sms', recipient: prefs.phone };
		}
		default:
			return { channel: 'none', reason: TELL_THEM[prefs.preferredChannel] };
	}
}

const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The first moment at or after `at` inside one of the victim's safe times (London wall-clock
 * windows); `at` itself when they gave none. A text lights up a phone that someone else may be
 * looking at, so it waits for a safe time, as a call would (`safeContactWarnings` applies safe
 * times to phone, text and video, not to email or letters).
 */
export function nextSafeMoment(safeTimes: readonly SafeTime[], at: Date): Date {
	if (safeTimes.length === 0) return at;
	const start = instantToLondonLocal(at.toISOString()).date;
	const noonUtc = Date.parse(`${start}T12:00:00Z`);
	let best: number | null = null;
	// Every window recurs weekly, so the next eight London days hold the next opening.
	for (let d = 0; d <= 7 && best === null; d++) {
		const day = new Date(noonUtc + d * DAY_MS);
		const date = day.toISOString().slice(0, 10);
		const weekday = WEEKDAY_KEYS[day.getUTCDay()]!;
		for (const t of safeTimes) {
			if (!(t.days as readonly string[]).includes(weekday)) continue;
			const from = Date.parse(londonLocalToInstant(date, t.from));
			const to = Date.parse(londonLocalToInstant(date, t.to));
			const candidate = Math.max(from, at.getTime());
			if (candidate < to && (best === null || candidate < best)) best = candidate;
		}
	}
	return best === null ? at : new Date(best);
}

/** A notification as the caseworker's list shows it (`GET /api/cases/[id]/notifications`). */
export type NotificationView = {
	id: string;
	kind: NotificationKind;
	channel: NotificationChannel;
	recipient: string | null;
	status: NotificationStatus;
	attempts: number;
	lastError: string | null;
	nextAttemptAt: string | null;
	sentAt: string | null;
	createdAt: string;
	/** The hearing it was about, for staff: "Trial, Mon 1 Feb 2027, 10:00am". */
	hearing: string;
};

export const NOTIFICATION_KIND_WORDS: Record<NotificationKind, string> = {
	listed: 'New hearing listed',
	changed: 'Hearing changed'
};

/** The caseworker's label for a notification's state (a GOV.UK tag). */
export function notificationStateLabel(n: Pick<NotificationView, 'status' | 'attempts'>): string {
	switch (n.status) {
		case 'pending':
			return n.attempts > 0 ? 'Waiting to retry' : 'Waiting to send';
		case 'sending':
			return 'Sending';
		case 'sent':
			return 'Sent';
		case 'failed':
			return 'Failed';
		case 'not-sent':
			return 'Not sent';
	}
}

/** How it went (or goes), in a sentence for the caseworker. */
export function notificationStateWords(
	n: Pick<
		NotificationView,
		'status' | 'attempts' | 'lastError' | 'nextAttemptAt' | 'sentAt' | 'channel' | 'recipient'
	>
): string {
	const how =
		n.channel === 'none'
			? ''
			: `${CONTACT_CHANNEL_LABELS[n.channel].toLowerCase()} to ${n.recipient ?? 'no one'}`;
	const tries = `${n.attempts} ${n.attempts === 1 ? 'try' : 'tries'}`;
	switch (n.status) {
		case 'pending':
			if (n.attempts === 0)
				return `Will be sent by ${how}${n.nextAttemptAt ? ` from ${formatDateTime(n.nextAttemptAt)}` : ''}.`;
			return `Not delivered yet by ${how} (${tries}): ${n.lastError ?? 'no reason given'}. Next try ${n.nextAttemptAt ? formatDateTime(n.nextAttemptAt) : 'soon'}.`;
		case 'sending':
			return `Being sent by ${how}.`;
		case 'sent':
			return `Sent by ${how}${n.sentAt ? ` on ${formatDateTime(n.sentAt)}` : ''}.`;
		case 'failed':
			// Not "not delivered": when the outcome is unknown, it may have been.
			return `By ${how}: ${n.lastError ?? 'no reason given'}`;
		case 'not-sent':
			return n.lastError ?? 'Not sent: tell them yourself.';
	}
}

/**
 * What a message was about, for staff only (the victim's message never says): "Trial listed for
 * Mon 1 Feb 2027, 10:00am", "Trial: date and time to Mon 8 Feb 2027, 10:00am".
 */
export function notificationSubject(
	kind: NotificationKind,
	hearingType: HearingType,
	changes: readonly FieldChange[]
): string {
	const type = HEARING_TYPE_LABELS[hearingType].label;
	if (kind === 'listed') {
		const startsAt = changes.find((c) => c.field === 'startsAt')?.to;
		return startsAt
			? `${type} listed for ${hearingValueWords('startsAt', startsAt)}`
			: `${type} listed`;
	}
	const value = (c: FieldChange) =>
		c.field === 'type' && c.to
			? HEARING_TYPE_LABELS[c.to as HearingType].label.toLowerCase()
			: hearingValueWords(c.field, c.to);
	return `${type}: ${changes.map((c) => `${HEARING_FIELD_WORDS[c.field] ?? c.field} to ${value(c)}`).join(', ')}`;
}
