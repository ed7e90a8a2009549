/**
 * npm run holidays:import -- FILE
 *
 * Merges a GOV.UK bank-holidays feed (https://www.gov.uk/bank-holidays.json, saved to FILE) into
 * the holiday data the app ships, src/lib/domain/data/bank-holidays.json. Years in the new feed
 * replace the same years; older years are kept. A malformed file changes nothing.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
	HolidayFeedError,
	importBankHolidayFeed,
	BankHolidayFeed
} from '../src/lib/domain/bank-holidays';

const [file, ...rest] = process.argv.slice(2);
const targetIndex = rest.indexOf('--target');
const target = path.resolve(
	targetIndex >= 0 && rest[targetIndex + 1]
		? rest[targetIndex + 1]!
		: 'src/lib/domain/data/bank-holidays.json'
);

if (!file) {
	console.error(
		'holidays:import: give the feed file: npm run holidays:import -- bank-holidays.json'
	);
	process.exit(2);
}

try {
	const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
		throw new HolidayFeedError(
			`Cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`
		);
	});
	const current = BankHolidayFeed.parse(JSON.parse(await readFile(target, 'utf8')));
	const { feed, years } = importBankHolidayFeed(text, current);
	await writeFile(target, `${JSON.stringify(feed, null, 1)}\n`);
	const list = (ys: number[]) => (ys.length ? ys.join(', ') : 'none');
	console.log(
		`Bank holidays updated in ${path.relative(process.cwd(), target)}: years added ${list(years.added)}; ` +
			`years replaced ${list(years.replaced)}. Rebuild the app to use them.`
	);
} catch (error) {
	console.error(`holidays:import: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
}
