import { asc, eq, inArray } from 'drizzle-orm';
import { Id, canSeeCase, describeMutationName, type Actor } from '$lib/domain';
import type { Database } from '../db';
import { auditEvents, users, type AuditAction } from '../db/schema';
import { loadCaseAccess } from '../queries/case-access';
import type { AuditDetail } from './record';

export class AuditTrailError extends Error {
	constructor(
		readonly status: 403 | 404,
		message: string
	) {
		super(message);
	}
}

/** One line of a case's audit trail, in plain English, for the supervisor's page. */
export type AuditEntry = {
	id: string;
	at: string;
	who: string;
	role: string;
	action: AuditAction;
	what: string;
};

const ROLE_WORDS: Record<string, string> = {
	caseworker: 'Caseworker',
	supervisor: 'Supervisor',
	victim: 'Victim',
	system: 'The hub'
};

const ENDPOINT_WORDS: Record<string, string> = {
	notifications: 'the messages sent to the victim',
	'victim-access': 'the victim’s portal access'
};

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** What an event says, in words a supervisor reads without knowing the hub's internals. */
export function describeAuditEvent(action: AuditAction, detail: AuditDetail): string {
	switch (action) {
		case 'case.viewed':
			return 'Opened the case';
		case 'case.read-online':
			return `Looked at ${ENDPOINT_WORDS[text(detail.endpoint)] ?? 'the case online'}`;
		case 'case.synced-to-device': {
			const rows = typeof detail.rows === 'number' ? detail.rows : 0;
			return `The case was downloaded to their device (${rows} record${rows === 1 ? '' : 's'})`;
		}
		case 'case.changed':
			return detail.status === 'conflict'
				? `${describeMutationName(text(detail.mutation))} (it clashed with another change)`
				: describeMutationName(text(detail.mutation));
		case 'case.reassigned':
			return 'Moved the case to another caseworker';
		case 'victim-access.changed':
			return detail.change === 'revoked'
				? 'Turned off the victim’s portal access'
				: 'Gave the victim a new code for the portal';
		case 'case.exported':
			return 'Downloaded a copy of their information';
		case 'case.purged':
			return 'Deleted the case at the end of its retention period';
	}
}

/**
 * The audit trail of one case, oldest first: only a supervisor of the case's team may read it
 * (the caller comes from the session). No such case, or a case id that is not one, is a 404; a
 * case of another team is a 403 that names nothing of it.
 */
export async function auditTrail(
	db: Database,
	actor: Actor,
	caseId: string
): Promise<AuditEntry[]> {
	if (!Id.safeParse(caseId).success) throw new AuditTrailError(404, 'There is no such case.');
	const c = await loadCaseAccess(db, caseId);
	if (!c) throw new AuditTrailError(404, 'There is no such case.');
	if (actor.role !== 'supervisor' || !canSeeCase(actor, c))
		throw new AuditTrailError(
			403,
			'Only a supervisor of the case’s team can see who has looked at it and changed it.'
		);
	const rows = await db
		.select()
		.from(auditEvents)
		.where(eq(auditEvents.caseId, caseId))
		.orderBy(asc(auditEvents.at), asc(auditEvents.id));
	const ids = [...new Set(rows.flatMap((r) => (r.actorUserId ? [r.actorUserId] : [])))];
	const people =
		ids.length === 0
			? []
			: await db
					.select({ id: users.id, name: users.displayName })
					.from(users)
					.where(inArray(users.id, ids));
	const names = new Map(people.map((p) => [p.id, p.name]));
	return rows.map((r) => ({
		id: r.id,
		at: r.at.toISOString(),
		who: r.actorUserId ? (names.get(r.actorUserId) ?? 'An account since deleted') : 'The hub',
		role: ROLE_WORDS[r.actorRole] ?? r.actorRole,
		action: r.action,
		what: describeAuditEvent(r.action, r.detail)
	}));
}
