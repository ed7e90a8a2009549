/**
 * npm run seed -- [--cases N] [--teams T] [--seed S] [--now ISO] [--reset]
 *
 * Writes the synthetic demo dataset to the configured database (DATABASE_URL, or PGlite in
 * DATA_DIR). The same seed and `--now` give the same data, id for id.
 */
import { parseArgs } from 'node:util';
import { readConfig } from '../src/lib/server/config';
import { openConfiguredDatabase } from '../src/lib/server/db/client';
import { clearData, hasUsers, seedDemoData } from '../src/lib/server/seed/seed';
import { demoNow } from '../src/lib/server/seed/demo-now';

function fail(message: string): never {
	console.error(`seed: ${message}`);
	process.exit(2);
}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
	if (value === undefined) return fallback;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 1)
		fail(`--${name} must be a whole number of at least 1 (got "${value}")`);
	return n;
}

let args;
try {
	args = parseArgs({
		options: {
			cases: { type: 'string' },
			teams: { type: 'string' },
			seed: { type: 'string' },
			now: { type: 'string' },
			reset: { type: 'boolean', default: false }
		},
		strict: true
	}).values;
} catch (error) {
	fail(error instanceof Error ? error.message : String(error));
}

const cases = positiveInt('cases', args.cases, 400);
const teams = positiveInt('teams', args.teams, Math.max(1, Math.ceil(cases / 1000)));
const seed = positiveInt('seed', args.seed, 1);
const now = args.now ? new Date(args.now) : demoNow(new Date());
if (Number.isNaN(now.getTime()))
	fail(`--now must be a date and time like 2026-11-21T00:00:00Z (got "${args.now}")`);

try {
	const config = readConfig();
	const handle = await openConfiguredDatabase(config);
	try {
		if (await hasUsers(handle.db)) {
			if (!args.reset)
				fail('the database already has data; add --reset to replace it with demo data');
			await clearData(handle.db);
		}
		const started = performance.now();
		const summary = await seedDemoData(handle.db, { seed, cases, teams, now }, (written) => {
			if (written % 5000 === 0 && written < cases)
				console.log(
					`  ${written} of ${cases} cases (${((performance.now() - started) / 1000).toFixed(0)}s)`
				);
		});
		await handle.analyze(); // the planner's statistics for what was just loaded
		const seconds = ((performance.now() - started) / 1000).toFixed(1);
		console.log(
			`Seeded ${handle.kind} (${handle.location}) in ${seconds}s: ${summary.cases} cases, ${summary.teams} teams, ` +
				`${summary.staff} staff, ${summary.hearings} hearings with ${summary.hearingChanges} changes, ` +
				`${summary.referrals} referrals, ${summary.contacts} contacts.`
		);
	} finally {
		await handle.close();
	}
} catch (error) {
	fail(error instanceof Error ? error.message : String(error));
}
