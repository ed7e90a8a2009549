import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { syncState } from '../db/schema';

/**
 * Takes the next global version. The UPDATE row-locks the counter until the transaction ends, so
 * transactions that write synced rows commit in version order (architecture.md, "Sync").
 */
export async function nextVersion(tx: Database): Promise<number> {
	const [row] = await tx
		.update(syncState)
		.set({ version: sql`${syncState.version} + 1` })
		.where(eq(syncState.id, 1))
		.returning({ version: syncState.version });
	if (!row) throw new Error('sync_state has no counter row: the sync migration did not run');
	return row.version;
}
