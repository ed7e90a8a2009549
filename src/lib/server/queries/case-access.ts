import { eq } from 'drizzle-orm';
import type { CaseAccess } from '$lib/domain';
import type { Database } from '../db';
import { cases } from '../db/schema';

/** What the policies need to know about a case (`policies.ts`), or undefined when there is none. */
export async function loadCaseAccess(
	db: Database,
	caseId: string
): Promise<(CaseAccess & { id: string }) | undefined> {
	const [c] = await db
		.select({
			id: cases.id,
			assignedCaseworkerId: cases.assignedCaseworkerId,
			teamId: cases.teamId,
			victimId: cases.victimId
		})
		.from(cases)
		.where(eq(cases.id, caseId))
		.limit(1);
	return c;
}
