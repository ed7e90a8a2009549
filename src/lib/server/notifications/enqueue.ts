import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import {
	deliveryPlan,
	isRight8Notice,
	newId,
	nextSafeMoment,
	SafeContact,
	type DeliveryPlan,
	type FieldChange,
	type Locale,
	type NotificationKind
} from '$lib/domain';
import { notificationMessages } from '$lib/i18n/notification';
import { config } from '../config';
import type { Database } from '../db';
import { cases, users, victimNotifications, victims } from '../db/schema';

/** Who a case's victim is for messages: their safe-contact preferences and portal account. */
export type Addressee = {
	/** Null when the stored preferences cannot be read: then nobody is messaged automatically. */
	safeContact: SafeContact | null;
	accountEmail: string;
	locale: Locale;
};

/**
 * The victim of each case who can sign in to the portal — an active account with a password set —
 * or no entry: a victim with no way to sign in is not asked to ("Sign in to see it").
 */
export async function addresseesOf(
	db: Database,
	caseIds: readonly string[]
): Promise<Map<string, Addressee>> {
	if (caseIds.length === 0) return new Map();
	const rows = await db
		.select({
			caseId: cases.id,
			safeContact: victims.safeContact,
			accountEmail: users.email,
			locale: users.locale
		})
		.from(cases)
		.innerJoin(victims, eq(victims.id, cases.victimId))
		.innerJoin(
			users,
			and(
				eq(users.victimId, victims.id),
				eq(users.role, 'victim'),
				eq(users.active, true),
				isNotNull(users.passwordHash)
			)
		)
		.where(inArray(cases.id, [...caseIds]))
		.orderBy(asc(users.createdAt));
	const found = new Map<string, Addressee>();
	for (const r of rows) {
		if (found.has(r.caseId)) continue;
		const prefs = SafeContact.safeParse(r.safeContact);
		found.set(r.caseId, {
			safeContact: prefs.success ? prefs.data : null,
			accountEmail: r.accountEmail,
			locale: r.locale
		});
	}
	return found;
}

export const UNREADABLE_PREFERENCES =
	'Their contact preferences could not be read: tell them yourself.';

/** Where a message to this victim goes now. */
export function planFor(addressee: Addressee): DeliveryPlan {
	if (!addressee.safeContact) return { channel: 'none', reason: UNREADABLE_PREFERENCES };
	return deliveryPlan(addressee.safeContact, addressee.accountEmail);
}

/**
 * Queues the message telling the victim that a hearing was listed or changed, inside the
 * transaction that records the change: the change and its message commit together or not at all,
 * and the unique index on `hearing_change_id` means one change never makes two messages.
 *
 * Only a Right 8 notice (a listing, or a change of date, time, place, type or listing state) is
 * news to send: a note of how a hearing went (effective, cracked, completed) is the case outcome,
 * which the caseworker tells the victim in person (Right 9). The message is always neutral (see
 * `i18n/en/notification.ts`); it goes by email or text only when that is how the victim asked to be
 * contacted, and otherwise stays here as "not sent", so the caseworker sees a person must do it.
 */
export async function enqueueHearingNotification(
	tx: Database,
	change: {
		caseId: string;
		hearingChangeId: string;
		kind: NotificationKind;
		changes: readonly FieldChange[];
		now: Date;
	},
	options: { publicUrl?: string } = {}
): Promise<void> {
	if (!isRight8Notice({ changes: [...change.changes] })) return;
	const addressee = (await addresseesOf(tx, [change.caseId])).get(change.caseId);
	if (!addressee) return;
	const publicUrl = options.publicUrl ?? config().notifications.publicUrl;
	const plan = planFor(addressee);
	const common = {
		id: newId(),
		caseId: change.caseId,
		hearingChangeId: change.hearingChangeId,
		kind: change.kind,
		body: notificationMessages(addressee.locale).update(`${publicUrl}/sign-in`),
		createdAt: change.now
	};
	const row =
		plan.channel === 'none'
			? {
					...common,
					channel: plan.channel,
					recipient: null,
					status: 'not-sent' as const,
					lastError: plan.reason
				}
			: {
					...common,
					channel: plan.channel,
					recipient: plan.recipient,
					status: 'pending' as const,
					nextAttemptAt:
						plan.channel === 'sms'
							? nextSafeMoment(addressee.safeContact!.safeTimes, change.now)
							: change.now
				};
	await tx
		.insert(victimNotifications)
		.values(row)
		.onConflictDoNothing({ target: victimNotifications.hearingChangeId });
}
