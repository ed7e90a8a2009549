import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { cases, contacts, hearings, teams, users } from '../db/schema';

const DAY = 86_400_000;

/** Per caseworker in the supervisor's team: open cases, hearings this coming week, contacts last week. */
export async function teamOverviewFor(db: Database, teamId: string, now: Date) {
	const [team] = await db.select().from(teams).where(eq(teams.id, teamId)).limit(1);
	const weekAhead = new Date(now.getTime() + 7 * DAY);
	const weekAgo = new Date(now.getTime() - 7 * DAY);

	const openCases = db
		.select({
			caseworkerId: cases.assignedCaseworkerId,
			n: sql<number>`count(*)`.mapWith(Number).as('open_cases')
		})
		.from(cases)
		.where(and(eq(cases.teamId, teamId), eq(cases.status, 'open')))
		.groupBy(cases.assignedCaseworkerId)
		.as('open_cases');
	const hearingsSoon = db
		.select({
			caseworkerId: cases.assignedCaseworkerId,
			n: sql<number>`count(*)`.mapWith(Number).as('hearings_soon')
		})
		.from(hearings)
		.innerJoin(cases, eq(cases.id, hearings.caseId))
		.where(
			and(
				eq(cases.teamId, teamId),
				eq(cases.status, 'open'),
				gte(hearings.startsAt, now),
				lt(hearings.startsAt, weekAhead)
			)
		)
		.groupBy(cases.assignedCaseworkerId)
		.as('hearings_soon');
	const recentContacts = db
		.select({
			caseworkerId: contacts.recordedBy,
			n: sql<number>`count(*)`.mapWith(Number).as('recent_contacts')
		})
		.from(contacts)
		.innerJoin(cases, eq(cases.id, contacts.caseId))
		.where(
			and(eq(cases.teamId, teamId), gte(contacts.occurredAt, weekAgo), lt(contacts.occurredAt, now))
		)
		.groupBy(contacts.recordedBy)
		.as('recent_contacts');

	const caseworkers = await db
		.select({
			id: users.id,
			displayName: users.displayName,
			openCases: sql<number>`coalesce(${openCases.n}, 0)`.mapWith(Number),
			hearingsThisWeek: sql<number>`coalesce(${hearingsSoon.n}, 0)`.mapWith(Number),
			contactsLastWeek: sql<number>`coalesce(${recentContacts.n}, 0)`.mapWith(Number)
		})
		.from(users)
		.leftJoin(openCases, eq(openCases.caseworkerId, users.id))
		.leftJoin(hearingsSoon, eq(hearingsSoon.caseworkerId, users.id))
		.leftJoin(recentContacts, eq(recentContacts.caseworkerId, users.id))
		.where(and(eq(users.teamId, teamId), eq(users.role, 'caseworker'), eq(users.active, true)))
		.orderBy(asc(users.displayName));
	return { teamName: team?.name ?? 'Your team', caseworkers };
}
