import { eq } from 'drizzle-orm';
import type { CaseAccess } from '$lib/domain';
import type { Database } from '../db';
import { cases } from '../db/schema';

/** The columns of a case the policies need (`policies.ts`), with its id: for a `select`. */
export const CASE_ACCESS_COLUMNS = {
	id: cases.id,
	assignedCaseworkerId: cases.assignedCaseworkerId,
	teamId: cases.teamId,
	victimId: cases.victimId
};

/** What the policies need to know about a case (`policies.ts`), or undefined when there is none. */
export async function loadCaseAccess(
	db: Database,
	caseId: string
): Promise<(CaseAccess & { id: string }) | undefined> {
	const [c] = await db.select(CASE_ACCESS_COLUMNS).from(cases).where(eq(cases.id, caseId)).limit(1);
	return c;
}
