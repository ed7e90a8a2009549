import { z } from 'zod';
import { CalendarDate } from './primitives';
import shipped from './data/bank-holidays.json' with { type: 'json' };

/**
 * England-and-Wales bank holidays in the GOV.UK feed format (`/bank-holidays.json`). The shipped
 * file covers 2018–2028 with the one-off holidays; `npm run holidays:import -- FILE` merges a newer
 * feed in. Years beyond the data fall back to the statutory rules, and say so.
 */
export const BankHolidayEvent = z.object({
	title: z.string().trim().min(1, { error: 'Every holiday needs a title' }),
	date: CalendarDate,
	notes: z.string(),
	bunting: z.boolean()
});
export type BankHolidayEvent = z.infer<typeof BankHolidayEvent>;

const Division = z
	.object({
		division: z.literal('england-and-wales', {
			error: 'The division must be "england-and-wales"'
		}),
		events: z.array(BankHolidayEvent).min(1, { error: 'The feed has no events' })
	})
	.superRefine((d, ctx) => {
		const seen = new Set<string>();
		d.events.forEach((e, i) => {
			if (seen.has(e.date))
				ctx.addIssue({
					code: 'custom',
					path: ['events', i, 'date'],
					message: `${e.date} is listed twice`
				});
			seen.add(e.date);
		});
	});

/** The feed's shape; other divisions (Scotland, Northern Ireland) may be present and are ignored. */
export const BankHolidayFeed = z.object(
	{ 'england-and-wales': Division },
	{
		error: 'Expected the GOV.UK bank holidays feed: an object with an "england-and-wales" division'
	}
);
export type BankHolidayFeed = z.infer<typeof BankHolidayFeed>;

/**
 * The holidays a merged feed would hold: for every year the new feed covers, the new feed's
 * events replace the old ones (it may correct or add one-off holidays); other years are kept,
 * because GOV.UK's feed drops old years that past deadlines still depend on.
 */
export function mergeFeeds(current: BankHolidayFeed, incoming: BankHolidayFeed): BankHolidayFeed {
	const incomingEvents = incoming['england-and-wales'].events;
	const years = new Set(incomingEvents.map((e) => e.date.slice(0, 4)));
	const kept = current['england-and-wales'].events.filter((e) => !years.has(e.date.slice(0, 4)));
	const events = [...kept, ...incomingEvents].sort((a, b) => a.date.localeCompare(b.date));
	return { 'england-and-wales': { division: 'england-and-wales', events } };
}

let shippedFeed: BankHolidayFeed | undefined;

/**
 * The bank holidays shipped with the app, checked against the feed's schema when first asked for
 * (not as the module loads: every page that imports the domain would pay for it as it starts).
 */
export function shippedBankHolidays(): BankHolidayFeed {
	shippedFeed ??= BankHolidayFeed.parse(shipped);
	return shippedFeed;
}

export class HolidayFeedError extends Error {
	override name = 'HolidayFeedError';
}

/**
 * Reads a GOV.UK bank-holidays feed (the text of the file) and merges it into `current`.
 * Throws a `HolidayFeedError` that lists every problem with where it is; nothing is merged then.
 */
export function importBankHolidayFeed(
	text: string,
	current: BankHolidayFeed
): { feed: BankHolidayFeed; years: { added: number[]; replaced: number[] } } {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		throw new HolidayFeedError(`The file is not valid JSON (${(error as Error).message}).`);
	}
	const parsed = BankHolidayFeed.safeParse(json);
	if (!parsed.success) {
		const problems = parsed.error.issues.map(
			(i) => `- ${i.path.length ? i.path.join('.') : 'the file'}: ${i.message}`
		);
		throw new HolidayFeedError(
			`The file is not a usable bank holidays feed:\n${problems.join('\n')}`
		);
	}
	const yearsOf = (f: BankHolidayFeed) =>
		new Set(f['england-and-wales'].events.map((e) => Number(e.date.slice(0, 4))));
	const before = yearsOf(current);
	const incoming = [...yearsOf(parsed.data)].sort((a, b) => a - b);
	return {
		feed: mergeFeeds(current, parsed.data),
		years: {
			added: incoming.filter((y) => !before.has(y)),
			replaced: incoming.filter((y) => before.has(y))
		}
	};
}
