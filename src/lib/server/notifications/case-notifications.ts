import { desc, eq } from 'drizzle-orm';
import {
	canSeeCase,
	Id,
	notificationSubject,
	type Actor,
	type NotificationView
} from '$lib/domain';
import { recordAudit } from '../audit/record';
import type { Database } from '../db';
import { loadCaseAccess } from '../queries/case-access';
import { hearingChanges, hearings, victimNotifications } from '../db/schema';

/** A refusal with its HTTP status, in words for the caseworker. */
export class CaseNotificationsError extends Error {
	override name = 'CaseNotificationsError';
	constructor(
		readonly status: 403 | 404,
		message: string
	) {
		super(message);
	}
}

/**
 * The messages sent (or not) to a case's victim, newest first, for the staff who can see the case:
 * its caseworker, or a supervisor of its team. Each says what it was about and what became of it.
 */
export async function caseNotifications(
	db: Database,
	actor: Actor,
	caseId: string,
	now = new Date()
): Promise<NotificationView[]> {
	if (!Id.safeParse(caseId).success)
		throw new CaseNotificationsError(404, 'There is no such case.');
	const c = await loadCaseAccess(db, caseId);
	if (!c) throw new CaseNotificationsError(404, 'There is no such case.');
	if (actor.role === 'victim' || !canSeeCase(actor, c))
		throw new CaseNotificationsError(
			403,
			actor.role === 'supervisor'
				? 'This case is not in your team, so you cannot see the messages sent to its victim.'
				: 'This case is not assigned to you, so you cannot see the messages sent to its victim.'
		);
	await recordAudit(
		db,
		actor,
		[{ action: 'case.read-online', caseId, detail: { endpoint: 'notifications' } }],
		now
	);
	const rows = await db
		.select({
			n: victimNotifications,
			changes: hearingChanges.changes,
			hearingType: hearings.type
		})
		.from(victimNotifications)
		.innerJoin(hearingChanges, eq(hearingChanges.id, victimNotifications.hearingChangeId))
		.innerJoin(hearings, eq(hearings.id, hearingChanges.hearingId))
		.where(eq(victimNotifications.caseId, caseId))
		.orderBy(desc(victimNotifications.createdAt), desc(victimNotifications.id));
	const iso = (d: Date | null) => (d ? d.toISOString() : null);
	return rows.map(({ n, changes, hearingType }) => ({
		id: n.id,
		kind: n.kind,
		channel: n.channel,
		recipient: n.recipient,
		status: n.status,
		attempts: n.attempts,
		lastError: n.lastError,
		nextAttemptAt: iso(n.nextAttemptAt),
		sentAt: iso(n.sentAt),
		createdAt: n.createdAt.toISOString(),
		hearing: notificationSubject(n.kind, hearingType, changes)
	}));
}
