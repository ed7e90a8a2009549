import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { cases, courts, hearings, victims } from '../db/schema';

/** Hearings still to happen: listed or relisted, not adjourned, vacated or already heard. */
const UPCOMING_STATES = sql.raw(`('listed', 'relisted')`);

/** A caseworker's open cases, soonest hearing first. */
export async function caseloadFor(db: Database, caseworkerId: string, now: Date) {
	const nowParam = sql`${now.toISOString()}::timestamptz`;
	const nextHearing = sql`(select h.id from ${hearings} h where h.case_id = ${cases.id} and h.starts_at > ${nowParam} and h.state in ${UPCOMING_STATES} order by h.starts_at limit 1)`;
	const rows = await db
		.select({
			id: cases.id,
			crimeType: cases.crimeType,
			crimeReference: cases.crimeReference,
			crimeReferenceSystem: cases.crimeReferenceSystem,
			reportedAt: cases.reportedAt,
			victimTitle: victims.title,
			victimGivenName: victims.givenName,
			victimFamilyName: victims.familyName,
			enhancedRights: victims.enhancedRights,
			confidentialAddress: victims.confidentialAddress,
			neverUseCount: sql<number>`jsonb_array_length(${victims.safeContact} -> 'neverUse')`.mapWith(
				Number
			),
			nextHearingAt: hearings.startsAt,
			nextHearingType: hearings.type,
			nextHearingCourt: courts.name
		})
		.from(cases)
		.innerJoin(victims, eq(victims.id, cases.victimId))
		.leftJoin(hearings, eq(hearings.id, nextHearing))
		.leftJoin(courts, eq(courts.id, hearings.courtId))
		.where(and(eq(cases.assignedCaseworkerId, caseworkerId), eq(cases.status, 'open')))
		.orderBy(sql`${hearings.startsAt} asc nulls last`, asc(victims.familyName));
	return rows;
}
