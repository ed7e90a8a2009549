import { aliasedTable, and, desc, eq, isNull, or } from 'drizzle-orm';
import { describeChange } from '$lib/domain';
import type { Database } from '../db';
import { cases, mutationLog, users, victims } from '../db/schema';

export type RefusedChange = {
	id: string;
	receivedAt: string;
	by: string;
	caseId: string | null;
	victimName: string | null;
	what: string;
	reason: string;
};

/**
 * Changes the server refused for the supervisor's team (a case reassigned while its caseworker was
 * offline, a referral moved out of order, …), newest first, with what was typed: the mutation log
 * keeps every one, so nothing a caseworker entered is lost from sight.
 */
export async function refusedChangesFor(
	db: Database,
	teamId: string,
	limit = 100
): Promise<RefusedChange[]> {
	const author = aliasedTable(users, 'author');
	const rows = await db
		.select({
			id: mutationLog.id,
			name: mutationLog.name,
			args: mutationLog.args,
			reason: mutationLog.reason,
			receivedAt: mutationLog.receivedAt,
			caseId: mutationLog.caseId,
			by: author.displayName,
			givenName: victims.givenName,
			familyName: victims.familyName
		})
		.from(mutationLog)
		.innerJoin(author, eq(author.id, mutationLog.userId))
		.leftJoin(cases, eq(cases.id, mutationLog.caseId))
		.leftJoin(victims, eq(victims.id, cases.victimId))
		.where(
			and(
				eq(mutationLog.status, 'rejected'),
				or(eq(cases.teamId, teamId), and(isNull(mutationLog.caseId), eq(author.teamId, teamId)))
			)
		)
		.orderBy(desc(mutationLog.receivedAt))
		.limit(limit);
	return rows.map((r) => ({
		id: r.id,
		receivedAt: r.receivedAt.toISOString(),
		by: r.by,
		caseId: r.caseId,
		victimName: r.givenName ? `${r.givenName} ${r.familyName}` : null,
		what: describeChange(r.name, r.args),
		reason: r.reason ?? 'No reason was recorded.'
	}));
}
