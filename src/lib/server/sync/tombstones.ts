import { and, eq, lte, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { obligationWaivers, referrals, syncState } from '../db/schema';

/**
 * Removes tombstones at or below `upTo` and moves the horizon there (ARCHITECTURE.md, "Sync").
 * Tombstones cannot be kept for ever; once one is gone, a device that has not pulled since before
 * it would keep the withdrawn record, so `pull` answers any cursor older than the horizon with
 * `reset`, and that device downloads afresh (keeping its outbox). The horizon never moves back.
 */
export async function compactTombstones(db: Database, upTo: number): Promise<number> {
	return db.transaction(async (tx) => {
		const [state] = await tx
			.update(syncState)
			.set({ tombstoneHorizon: sql`greatest(${syncState.tombstoneHorizon}, ${upTo})` })
			.where(eq(syncState.id, 1))
			.returning({ horizon: syncState.tombstoneHorizon });
		if (!state) throw new Error('sync_state has no counter row: the sync migration did not run');
		for (const table of [referrals, obligationWaivers])
			await tx.delete(table).where(and(eq(table.deleted, true), lte(table.version, upTo)));
		return state.horizon;
	});
}

/** The oldest version deletions are still served from (see `compactTombstones`). */
export async function tombstoneHorizon(db: Database): Promise<number> {
	const [state] = await db
		.select({ horizon: syncState.tombstoneHorizon })
		.from(syncState)
		.where(eq(syncState.id, 1));
	return state?.horizon ?? 0;
}
