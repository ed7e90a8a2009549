import { and, asc, eq, isNotNull, lt, ne, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { recordAudit } from '../audit/record';
import type { Database } from '../db';
import * as s from '../db/schema';

/**
 * The retention purge (issue 10, item 8): a closed case is deleted, with every record about it,
 * once `daysAfterClose` have passed since it closed (`RETENTION_DAYS_AFTER_CLOSE`).
 *
 * - One transaction per case: a case is gone whole or not at all, and one failure stops no other.
 * - The history tables refuse DELETE (migration 0001); the purge names the case, and the victim's
 *   account if it goes too, in transaction-local settings that the trigger lets through for those
 *   rows only (migration 0012). The audit trail itself is never purged: its rows name ids, not
 *   what anyone wrote, and a `case.purged` row says when the case went and why.
 * - The victim, their portal account, its sessions and its sync clients go with their last case;
 *   a victim with another case keeps their record and account.
 * - Devices forget the case at their next pull. Row tombstones (`deleted`, `pull.ts`) need the row
 *   to stay, and a purge must leave nothing of the case; the case-level tombstone is the scope
 *   every pull compares (`scope.ts`): the case has left everyone's scope, so each device holding
 *   it is sent its new list of cases and removes this one with all its rows (`purgeOutsideScope`).
 *   Unlike row tombstones, that has no horizon: a device offline for years still forgets it.
 */

/** Case-scoped tables, in an order the foreign keys allow deleting them in. */
const CASE_ROWS: readonly { table: PgTable; caseId: PgColumn }[] = [
	{ table: s.victimNotifications, caseId: s.victimNotifications.caseId },
	{ table: s.hearingChangeAcknowledgements, caseId: s.hearingChangeAcknowledgements.caseId },
	{ table: s.conflicts, caseId: s.conflicts.caseId },
	{ table: s.victimChanges, caseId: s.victimChanges.caseId },
	{ table: s.hearingChanges, caseId: s.hearingChanges.caseId },
	{ table: s.hearings, caseId: s.hearings.caseId },
	{ table: s.contacts, caseId: s.contacts.caseId },
	{ table: s.referrals, caseId: s.referrals.caseId },
	{ table: s.rightsRecords, caseId: s.rightsRecords.caseId },
	{ table: s.obligationWaivers, caseId: s.obligationWaivers.caseId },
	{ table: s.caseEvents, caseId: s.caseEvents.caseId },
	{ table: s.caseAssignments, caseId: s.caseAssignments.caseId },
	{ table: s.victimInvitations, caseId: s.victimInvitations.caseId },
	// Every mutation received about the case: its arguments hold what was typed about the victim.
	{ table: s.mutationLog, caseId: s.mutationLog.caseId }
];

export type PurgeReport = { purged: string[] };

const DAY_MS = 24 * 60 * 60 * 1000;

/** The closed cases past their retention at `now`, oldest closure first. */
export async function casesDueForPurge(
	db: Database,
	o: { now: Date; daysAfterClose: number; limit?: number }
): Promise<string[]> {
	const horizon = new Date(o.now.getTime() - o.daysAfterClose * DAY_MS);
	const rows = await db
		.select({ id: s.cases.id })
		.from(s.cases)
		.where(
			and(eq(s.cases.status, 'closed'), isNotNull(s.cases.closedAt), lt(s.cases.closedAt, horizon))
		)
		.orderBy(asc(s.cases.closedAt), asc(s.cases.id))
		.limit(o.limit ?? 100);
	return rows.map((r) => r.id);
}

/**
 * Deletes one case and everything about it, in one transaction, if it is still closed and past
 * the horizon when locked (it may have been reopened since it was listed). Answers whether it went.
 */
export async function purgeCase(
	db: Database,
	caseId: string,
	o: { now: Date; daysAfterClose: number }
): Promise<boolean> {
	const horizon = new Date(o.now.getTime() - o.daysAfterClose * DAY_MS);
	return db.transaction(async (tx) => {
		const [c] = await tx.select().from(s.cases).where(eq(s.cases.id, caseId)).for('update');
		if (!c || c.status !== 'closed' || !c.closedAt || c.closedAt >= horizon) return false;
		await tx.execute(sql`select set_config('hub.purging_case', ${caseId}, true)`);
		for (const { table, caseId: column } of CASE_ROWS)
			await tx.delete(table).where(eq(column, caseId));
		await tx.delete(s.cases).where(eq(s.cases.id, caseId));

		const [other] = await tx
			.select({ id: s.cases.id })
			.from(s.cases)
			.where(and(eq(s.cases.victimId, c.victimId), ne(s.cases.id, caseId)))
			.limit(1);
		let victimGone = false;
		if (!other) {
			const accounts = await tx
				.select({ id: s.users.id, email: s.users.email })
				.from(s.users)
				.where(eq(s.users.victimId, c.victimId));
			for (const account of accounts) await forgetAccount(tx, account);
			await tx.delete(s.victims).where(eq(s.victims.id, c.victimId));
			victimGone = true;
		}
		await recordAudit(
			tx,
			'system',
			[
				{
					action: 'case.purged',
					caseId,
					detail: {
						closedAt: c.closedAt.toISOString(),
						daysAfterClose: o.daysAfterClose,
						victimRecordDeleted: victimGone
					}
				}
			],
			o.now
		);
		return true;
	});
}

/** A victim's portal account and everything that hangs on it (sessions go by cascade). */
async function forgetAccount(tx: Database, account: { id: string; email: string }) {
	await tx.execute(sql`select set_config('hub.purging_user', ${account.id}, true)`);
	await tx.delete(s.mutationLog).where(eq(s.mutationLog.userId, account.id));
	await tx.delete(s.syncClients).where(eq(s.syncClients.userId, account.id));
	await tx.delete(s.victimInvitations).where(eq(s.victimInvitations.userId, account.id));
	await tx.delete(s.signInThrottle).where(eq(s.signInThrottle.key, `account:${account.email}`));
	await tx.delete(s.users).where(eq(s.users.id, account.id));
}

/** Purges every case due at `now`, a batch at a time, one transaction per case. */
export async function purgeExpiredCases(
	db: Database,
	o: { now: Date; daysAfterClose: number; batch?: number }
): Promise<PurgeReport> {
	const purged: string[] = [];
	const tried = new Set<string>();
	for (;;) {
		const due = (await casesDueForPurge(db, { ...o, limit: o.batch ?? 100 })).filter(
			(id) => !tried.has(id)
		);
		if (due.length === 0) return { purged };
		for (const id of due) {
			tried.add(id);
			if (await purgeCase(db, id, o)) purged.push(id);
		}
	}
}

export type RetentionWorker = { stop(): Promise<void> };

/** Runs the purge at start and every `intervalMs` (the `init` hook); stop it before closing the database. */
export function startRetentionPurge(o: {
	db: Database;
	daysAfterClose: number;
	intervalMs: number;
	log?: Pick<Console, 'error' | 'log'>;
}): RetentionWorker {
	const log = o.log ?? console;
	let stopped = false;
	let timer: ReturnType<typeof setTimeout> | undefined;
	let running: Promise<void> | undefined;
	const run = async () => {
		try {
			const { purged } = await purgeExpiredCases(o.db, {
				now: new Date(),
				daysAfterClose: o.daysAfterClose
			});
			if (purged.length > 0)
				log.log(`Retention: deleted ${purged.length} closed case(s) past their retention period.`);
		} catch (error) {
			log.error('The retention purge failed; the next run will try again.', error);
		}
	};
	const schedule = (ms: number) => {
		if (stopped) return;
		timer = setTimeout(() => {
			running = run().finally(() => {
				running = undefined;
				schedule(o.intervalMs);
			});
		}, ms);
		timer.unref();
	};
	// Not in the first seconds of start-up, when the server has pages to serve.
	schedule(Math.min(o.intervalMs, 30_000));
	return {
		stop: async () => {
			stopped = true;
			clearTimeout(timer);
			await running;
		}
	};
}
