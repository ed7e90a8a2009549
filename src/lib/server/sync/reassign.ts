import { and, eq } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { newId, type Actor, type SyncTable } from '$lib/domain';
import type { Database } from '../db';
import { recordAudit } from '../audit/record';
import * as s from '../db/schema';
import { BadSyncRequest } from './errors';
import { nextVersion } from './version';

/**
 * Every synced table whose rows belong to a case, re-versioned when the case moves so the new owner
 * pulls them. Keyed by `SYNC_TABLES`' names (the case and victim rows are re-versioned by id), so a
 * table added to the protocol fails the type check here until the move carries it too.
 */
const CASE_TABLES = {
	caseAssignments: s.caseAssignments,
	caseEvents: s.caseEvents,
	hearings: s.hearings,
	hearingChanges: s.hearingChanges,
	referrals: s.referrals,
	contacts: s.contacts,
	rightsRecords: s.rightsRecords,
	obligationWaivers: s.obligationWaivers,
	conflicts: s.conflicts,
	victimChanges: s.victimChanges,
	hearingChangeAcknowledgements: s.hearingChangeAcknowledgements
} satisfies Record<Exclude<SyncTable, 'cases' | 'victims'>, PgTable & { caseId: PgColumn }>;

/**
 * Only a supervisor moves cases. The route guard says so too; this holds for any other caller, and
 * lets the endpoint refuse before it reads what was sent.
 */
export function refuseUnlessSupervisor(actor: Actor): void {
	if (actor.role !== 'supervisor')
		throw new BadSyncRequest(403, 'Only a supervisor can reassign a case.');
}

/**
 * Moves a case to another caseworker of the supervisor's team (online only). The assignment
 * history keeps the move; every row of the case takes a new version, so it arrives on the new
 * caseworker's device at their next pull and leaves the old one's (their scope no longer has it).
 */
export async function reassignCase(
	db: Database,
	actor: Actor,
	input: { caseId: string; toCaseworkerId: string; reason: string },
	now = new Date()
): Promise<void> {
	refuseUnlessSupervisor(actor);
	await db.transaction(async (tx) => {
		const [c] = await tx.select().from(s.cases).where(eq(s.cases.id, input.caseId)).for('update');
		if (!c || c.teamId !== actor.teamId)
			throw new BadSyncRequest(403, 'This case is not in your team.');
		const [to] = await tx
			.select()
			.from(s.users)
			.where(
				and(
					eq(s.users.id, input.toCaseworkerId),
					eq(s.users.role, 'caseworker'),
					eq(s.users.active, true)
				)
			);
		if (!to || to.teamId !== actor.teamId)
			throw new BadSyncRequest(400, 'Choose an active caseworker in your team.');
		if (c.assignedCaseworkerId === to.id)
			throw new BadSyncRequest(400, 'The case is already assigned to them.');
		const version = await nextVersion(tx);
		await tx.insert(s.caseAssignments).values({
			id: newId(),
			version,
			caseId: c.id,
			caseworkerId: to.id,
			assignedAt: now,
			assignedBy: actor.id,
			reason: input.reason
		});
		await tx
			.update(s.cases)
			.set({ assignedCaseworkerId: to.id, version })
			.where(eq(s.cases.id, c.id));
		await tx.update(s.victims).set({ version }).where(eq(s.victims.id, c.victimId));
		for (const table of Object.values(CASE_TABLES))
			await tx.update(table).set({ version }).where(eq(table.caseId, c.id));
		await recordAudit(
			tx,
			actor,
			[{ action: 'case.reassigned', caseId: c.id, detail: { toCaseworkerId: to.id } }],
			now
		);
	});
}
