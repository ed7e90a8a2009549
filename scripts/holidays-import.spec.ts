import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBankHolidayFeed, shippedBankHolidays } from '../src/lib/domain/bank-holidays';

const run = promisify(execFile);

const feed2029 = {
	'england-and-wales': {
		division: 'england-and-wales',
		events: [
			{ title: 'New Year’s Day', date: '2029-01-01', notes: '', bunting: true },
			{ title: 'A one-off holiday', date: '2029-06-04', notes: '', bunting: true }
		]
	},
	scotland: { division: 'scotland', events: [] }
};

describe('importing a bank holidays feed', () => {
	it('adds new years and keeps the years the feed does not cover', () => {
		const { feed, years } = importBankHolidayFeed(JSON.stringify(feed2029), shippedBankHolidays());
		expect(years).toEqual({ added: [2029], replaced: [] });
		const dates = feed['england-and-wales'].events.map((e) => e.date);
		expect(dates).toContain('2018-01-01');
		expect(dates).toContain('2029-06-04');
		expect(dates).toEqual([...dates].sort());
	});

	it('replaces a year the feed covers', () => {
		const one = {
			'england-and-wales': {
				division: 'england-and-wales',
				events: [{ title: 'Only one', date: '2026-06-01', notes: '', bunting: true }]
			}
		};
		const { feed, years } = importBankHolidayFeed(JSON.stringify(one), shippedBankHolidays());
		expect(years.replaced).toEqual([2026]);
		expect(
			feed['england-and-wales'].events.filter((e) => e.date.startsWith('2026')).map((e) => e.date)
		).toEqual(['2026-06-01']);
	});

	it.each([
		['not JSON', '{oops', /not valid JSON/],
		['no England-and-Wales division', '{"scotland": {}}', /england-and-wales/],
		[
			'an impossible date',
			JSON.stringify({
				'england-and-wales': {
					division: 'england-and-wales',
					events: [{ title: 'x', date: '2029-02-30', notes: '', bunting: true }]
				}
			}),
			/england-and-wales\.events\.0\.date: Must be a date/
		],
		[
			'a date listed twice',
			JSON.stringify({
				'england-and-wales': {
					division: 'england-and-wales',
					events: [
						{ title: 'x', date: '2029-01-01', notes: '', bunting: true },
						{ title: 'y', date: '2029-01-01', notes: '', bunting: true }
					]
				}
			}),
			/2029-01-01 is listed twice/
		],
		[
			'a missing title',
			JSON.stringify({
				'england-and-wales': {
					division: 'england-and-wales',
					events: [{ date: '2029-01-01', notes: '', bunting: true }]
				}
			}),
			/events\.0\.title/
		]
	])('says what is wrong with %s', (_name, text, message) => {
		expect(() => importBankHolidayFeed(text, shippedBankHolidays())).toThrow(message);
	});
});

describe('npm run holidays:import', () => {
	let dir: string;
	let target: string;
	beforeAll(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'vch-holidays-'));
		target = path.join(dir, 'bank-holidays.json');
		await writeFile(target, JSON.stringify(shippedBankHolidays()));
	});
	afterAll(() => rm(dir, { recursive: true, force: true }));

	const tsx = path.resolve('node_modules/.bin/tsx');

	it('writes the merged file and says which years changed', async () => {
		const feed = path.join(dir, 'feed.json');
		await writeFile(feed, JSON.stringify(feed2029));
		const { stdout } = await run(tsx, ['scripts/holidays-import.ts', feed, '--target', target]);
		expect(stdout).toContain('years added 2029; years replaced none');
		const written = JSON.parse(await readFile(target, 'utf8')) as ReturnType<
			typeof shippedBankHolidays
		>;
		expect(written['england-and-wales'].events.some((e) => e.date === '2029-06-04')).toBe(true);
	});

	it('refuses a malformed file with the problem, changing nothing', async () => {
		const before = await readFile(target, 'utf8');
		const bad = path.join(dir, 'bad.json');
		await writeFile(
			bad,
			JSON.stringify({ 'england-and-wales': { division: 'wales', events: [] } })
		);
		const error = await run(tsx, ['scripts/holidays-import.ts', bad, '--target', target]).catch(
			(e: { code: number; stderr: string }) => e
		);
		expect(error).toMatchObject({ code: 1 });
		expect((error as { stderr: string }).stderr).toContain(
			'The division must be "england-and-wales"'
		);
		expect(await readFile(target, 'utf8')).toBe(before);
	});

	it('says when the file does not exist', async () => {
		const error = await run(tsx, [
			'scripts/holidays-import.ts',
			path.join(dir, 'missing.json'),
			'--target',
			target
		]).catch((e: { stderr: string }) => e);
		expect(error.stderr).toContain('no such file');
	});
});
