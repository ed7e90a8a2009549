import { CODE_RIGHTS_2021, LONDON_COURTS, SUPPORT_SERVICES } from '$lib/domain';
import type { Database } from './db';
import { codeRights, courts, supportServices } from './db/schema';

/**
 * Makes sure the shipped reference data exists. Existing rows are left alone: courts and services
 * are editable reference data, and an edit made in the app must survive a restart.
 */
export async function ensureReferenceData(db: Database): Promise<void> {
	await db.transaction(async (tx) => {
		await tx
			.insert(courts)
			.values([...LONDON_COURTS])
			.onConflictDoNothing();
		await tx
			.insert(supportServices)
			.values([...SUPPORT_SERVICES])
			.onConflictDoNothing();
		await tx
			.insert(codeRights)
			.values([...CODE_RIGHTS_2021])
			.onConflictDoNothing();
	});
}
