/**
 * npm run purge -- [--now ISO]
 *
 * Runs the retention purge once against the configured database (DATABASE_URL, or PGlite in
 * DATA_DIR): every closed case past RETENTION_DAYS_AFTER_CLOSE is deleted with everything about it,
 * one transaction per case. The server runs the same purge periodically; this is for an operator
 * (or a scheduler such as cron) who wants it run now.
 */
import { parseArgs } from 'node:util';
import { readConfig } from '../src/lib/server/config';
import { openConfiguredDatabase } from '../src/lib/server/db/client';
import { purgeExpiredCases } from '../src/lib/server/retention/purge';

function fail(message: string): never {
	console.error(`purge: ${message}`);
	process.exit(2);
}

let args;
try {
	args = parseArgs({ options: { now: { type: 'string' } }, strict: true }).values;
} catch (error) {
	fail(error instanceof Error ? error.message : String(error));
}
const now = args.now ? new Date(args.now) : new Date();
if (Number.isNaN(now.getTime()))
	fail(`--now must be a date and time like 2026-11-21T00:00:00Z (got "${args.now}")`);

try {
	const config = readConfig();
	const handle = await openConfiguredDatabase(config);
	try {
		const { purged } = await purgeExpiredCases(handle.db, {
			now,
			daysAfterClose: config.retention.daysAfterClose
		});
		console.log(
			`Deleted ${purged.length} closed case(s) closed more than ${config.retention.daysAfterClose} days before ${now.toISOString()}.`
		);
	} finally {
		await handle.close();
	}
} catch (error) {
	fail(error instanceof Error ? error.message : String(error));
}
