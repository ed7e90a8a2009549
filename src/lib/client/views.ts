import { newId } from '$lib/domain';
import type { HubDatabase } from './db';
import { storageError } from './errors';

/**
 * Notes that this person opened a case on this device, for the server's audit trail (issue 10:
 * every read of a victim's record by staff is audited). Written to the device first, like every
 * change, so a case opened with no signal is still recorded: the next sync sends it.
 */
export async function recordCaseView(db: HubDatabase, caseId: string, now = new Date()) {
	try {
		await db.views.add({ id: newId(), caseId, viewedAt: now.toISOString() });
	} catch (error) {
		throw storageError(error);
	}
}
