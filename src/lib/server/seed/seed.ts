import { count, eq, getTableColumns, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { hashPassword } from '../auth/passwords';
import type { Database } from '../db';
import * as schema from '../db/schema';
import { ensureReferenceData } from '../reference-data';
import {
	DEMO_PASSWORD,
	DEMO_VICTIM_EMAIL,
	generateCase,
	generateStaff,
	type CaseBundle,
	type DemoOptions
} from './demo-data';
import { Random } from './random';

export class SeedError extends Error {
	override name = 'SeedError';
}

export type SeedSummary = {
	teams: number;
	staff: number;
	cases: number;
	hearings: number;
	hearingChanges: number;
	contacts: number;
	referrals: number;
};

/** Cases generated and written per round, so 50,000 cases never sit in memory at once. */
const CASES_PER_ROUND = 500;
/** PostgreSQL allows 65,535 bind parameters per statement; stay well below. */
const MAX_PARAMS = 30_000;

async function insertMany<T extends PgTable>(tx: Database, table: T, rows: T['$inferInsert'][]) {
	const columns = Object.keys(getTableColumns(table)).length;
	const size = Math.max(1, Math.floor(MAX_PARAMS / columns));
	for (let i = 0; i < rows.length; i += size) {
		await tx.insert(table).values(rows.slice(i, i + size));
	}
}

export async function hasUsers(db: Database): Promise<boolean> {
	const [row] = await db.select({ n: count() }).from(schema.users);
	return (row?.n ?? 0) > 0;
}

/**
 * Writes the synthetic demo dataset in one transaction: either all of it is there or none.
 * Refuses a database that already has users, so it can never mix with real data.
 */
export async function seedDemoData(
	db: Database,
	options: DemoOptions,
	onProgress?: (casesWritten: number) => void
): Promise<SeedSummary> {
	if (!Number.isInteger(options.cases) || options.cases < 1)
		throw new SeedError(
			`The number of cases must be a whole number of at least 1 (got ${options.cases})`
		);
	if (!Number.isInteger(options.teams) || options.teams < 1)
		throw new SeedError(
			`The number of teams must be a whole number of at least 1 (got ${options.teams})`
		);
	await ensureReferenceData(db);
	if (await hasUsers(db))
		throw new SeedError(
			'The database already has users; the demo data is only written to an empty database.'
		);

	const rng = new Random(options.seed);
	// One hash for every demo account: they share the documented password, and hashing thousands
	// of staff in a 50,000-case dataset one by one would take minutes for no benefit.
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	const { teams, staff, caseworkersByTeam } = generateStaff(rng, options, passwordHash);
	const summary: SeedSummary = {
		teams: teams.length,
		staff: staff.length,
		cases: 0,
		hearings: 0,
		hearingChanges: 0,
		contacts: 0,
		referrals: 0
	};

	await db.transaction(async (tx) => {
		await insertMany(tx, schema.teams, teams);
		await insertMany(tx, schema.users, staff);
		let demoBundle: CaseBundle | undefined;
		for (let start = 0; start < options.cases; start += CASES_PER_ROUND) {
			const bundles: CaseBundle[] = [];
			for (let i = start; i < Math.min(options.cases, start + CASES_PER_ROUND); i++) {
				const team = i % teams.length;
				bundles.push(
					generateCase({
						rng,
						now: options.now,
						teamId: teams[team]!.id,
						caseworkers: caseworkersByTeam[team]!,
						demoVictimCase: i === 0
					})
				);
			}
			demoBundle ??= bundles[0];
			await writeBundles(tx, bundles);
			summary.cases += bundles.length;
			onProgress?.(summary.cases);
			for (const b of bundles) {
				summary.hearings += b.hearings.length;
				summary.hearingChanges += b.hearingChanges.length;
				summary.contacts += b.contacts.length;
				summary.referrals += b.referrals.length;
			}
		}
		if (demoBundle) {
			const victimUserId = rng.uuid(options.now);
			await tx.insert(schema.users).values({
				id: victimUserId,
				email: DEMO_VICTIM_EMAIL,
				displayName: 'Jo Bennett',
				role: 'victim',
				teamId: null,
				victimId: demoBundle.victim.id,
				passwordHash,
				active: true,
				createdAt: options.now
			});
			// Jo has seen every change to her hearings but the latest, which her portal shows as new.
			const seen = [...demoBundle.hearingChanges]
				.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime())
				.slice(0, -1);
			await insertMany(
				tx,
				schema.hearingChangeAcknowledgements,
				seen.map((c) => ({
					id: rng.uuid(options.now),
					caseId: c.caseId,
					hearingChangeId: c.id,
					acknowledgedBy: victimUserId,
					acknowledgedAt: new Date(Math.min(c.receivedAt.getTime() + DAY_MS, options.now.getTime()))
				}))
			);
		}
	});
	return summary;
}

const DAY_MS = 24 * 60 * 60 * 1000;

async function writeBundles(tx: Database, bundles: CaseBundle[]) {
	await insertMany(
		tx,
		schema.victims,
		bundles.map((b) => b.victim)
	);
	await insertMany(
		tx,
		schema.cases,
		bundles.map((b) => b.case)
	);
	await insertMany(
		tx,
		schema.caseAssignments,
		bundles.flatMap((b) => b.assignments)
	);
	await insertMany(
		tx,
		schema.caseEvents,
		bundles.flatMap((b) => b.events)
	);
	await insertMany(
		tx,
		schema.hearings,
		bundles.flatMap((b) => b.hearings)
	);
	await insertMany(
		tx,
		schema.hearingChanges,
		bundles.flatMap((b) => b.hearingChanges)
	);
	await insertMany(
		tx,
		schema.referrals,
		bundles.flatMap((b) => b.referrals)
	);
	await insertMany(
		tx,
		schema.contacts,
		bundles.flatMap((b) => b.contacts)
	);
	await insertMany(
		tx,
		schema.rightsRecords,
		bundles.flatMap((b) => b.rights)
	);
	await insertMany(
		tx,
		schema.obligationWaivers,
		bundles.flatMap((b) => b.waivers)
	);
}

/** Empties every table of case and account data (reference data stays). For `seed --reset`. */
export async function clearData(db: Database): Promise<void> {
	await db.transaction(async (tx) => {
		// The history tables refuse deletes row by row; TRUNCATE is the deliberate way to empty them.
		await tx.execute(
			sql.raw(
				'truncate table sessions, sign_in_throttle, development_outbox, victim_notifications, victim_invitations, hearing_change_acknowledgements, victim_changes, conflicts, mutation_log, sync_clients, obligation_waivers, rights_records, contacts, referrals, hearing_changes, hearings, case_events, case_assignments, cases, users, victims, teams'
			)
		);
	});
}

/** The demo victim's user, for start-up messages and tests. */
export async function findUserByEmail(db: Database, email: string) {
	const [user] = await db.select().from(schema.users).where(eq(schema.users.email, email)).limit(1);
	return user;
}

export { DEMO_PASSWORD, DEMO_VICTIM_EMAIL };
