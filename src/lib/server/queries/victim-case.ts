import { and, asc, eq, inArray } from 'drizzle-orm';
import { HEARING_TYPE_LABELS } from '$lib/domain';
import type { Database } from '../db';
import { cases, courts, hearingChanges, hearings, users } from '../db/schema';

/**
 * The victim-safe view of a victim's own case. It selects named columns only: no internal notes,
 * no safety notes, no confidential address, nothing about anyone else.
 */
export async function victimCaseFor(db: Database, victimId: string, now: Date) {
	const [found] = await db
		.select({ id: cases.id, caseworkerName: users.displayName })
		.from(cases)
		.innerJoin(users, eq(users.id, cases.assignedCaseworkerId))
		.where(and(eq(cases.victimId, victimId), eq(cases.status, 'open')))
		.orderBy(asc(cases.reportedAt))
		.limit(1);
	if (!found) return null;

	const caseHearings = await db
		.select({
			id: hearings.id,
			type: hearings.type,
			startsAt: hearings.startsAt,
			state: hearings.state,
			courtName: courts.name,
			courtAddress: courts.address
		})
		.from(hearings)
		.innerJoin(courts, eq(courts.id, hearings.courtId))
		.where(eq(hearings.caseId, found.id))
		.orderBy(asc(hearings.startsAt));
	const changeCounts = new Map<string, number>();
	if (caseHearings.length > 0) {
		const changes = await db
			.select({ hearingId: hearingChanges.hearingId })
			.from(hearingChanges)
			.where(
				inArray(
					hearingChanges.hearingId,
					caseHearings.map((h) => h.id)
				)
			);
		for (const c of changes)
			changeCounts.set(c.hearingId, (changeCounts.get(c.hearingId) ?? 0) + 1);
	}
	const withChanges = caseHearings.map((h) => ({
		...h,
		typeLabel: HEARING_TYPE_LABELS[h.type].label,
		explanation: HEARING_TYPE_LABELS[h.type].victimExplanation,
		// The first entry is the listing itself; the rest are changes the victim was told about.
		timesChanged: Math.max(0, (changeCounts.get(h.id) ?? 0) - 1)
	}));
	const next = withChanges.find(
		(h) => h.startsAt > now && (h.state === 'listed' || h.state === 'relisted')
	);
	return { caseworkerName: found.caseworkerName, hearings: withChanges, nextHearing: next ?? null };
}
