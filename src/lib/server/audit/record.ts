import { newId, type Actor } from '$lib/domain';
import type { Database } from '../db';
import { auditEvents, type AuditAction } from '../db/schema';

/** Small facts about an event: names, ids and counts, never what anyone wrote about the victim. */
export type AuditDetail = Record<string, string | number | boolean | null>;

export type AuditEvent = {
	/** Given when the event has an id of its own already (a view sent from a device). */
	id?: string;
	action: AuditAction;
	caseId: string | null;
	detail?: AuditDetail;
	/** When it happened, if not now: a view made offline keeps the moment the case was opened. */
	at?: Date;
};

/** Who did it: a signed-in person, or the hub itself (the retention purge). */
export type AuditActor = Pick<Actor, 'id' | 'role'> | 'system';

/** Inserts per statement: far below PostgreSQL's 65,535 bound parameters at 7 a row. */
const CHUNK = 1000;

/**
 * Appends events to the audit trail. Called inside the transaction of what it records, so a change
 * and its audit row commit together or not at all; a read is recorded before its data is sent, so
 * a failure to record it sends nothing (the trail never misses a read that happened).
 */
export async function recordAudit(
	db: Database,
	actor: AuditActor,
	events: readonly AuditEvent[],
	now = new Date()
): Promise<void> {
	const rows = events.map((e) => ({
		id: e.id ?? newId(),
		at: e.at ?? now,
		actorUserId: actor === 'system' ? null : actor.id,
		actorRole: actor === 'system' ? ('system' as const) : actor.role,
		action: e.action,
		caseId: e.caseId,
		detail: e.detail ?? {}
	}));
	for (let i = 0; i < rows.length; i += CHUNK)
		await db.insert(auditEvents).values(rows.slice(i, i + CHUNK));
}
