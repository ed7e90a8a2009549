import { TZDate, tzOffset } from '@date-fns/tz';
import { format } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dueWords } from './casework';
import {
	formatDate,
	formatDateTime,
	instantToLondonLocal,
	LONDON,
	londonLocalToInstant
} from './format';
import { byInstant, londonOffsetMinutes } from './london-time';

/**
 * London time by the UK's rule (`london-time.ts`) against the time-zone data (IANA, through ICU
 * and @date-fns/tz), which is what the hub used before and what tells of any change in the law.
 */
const DAY_MS = 86_400_000;
const byTheData = (ms: number) => tzOffset(LONDON, new Date(ms));
/** The instants 1996–2100 where anything can differ: both sides of every change of the clocks. */
function changesOfTheClocks(): number[] {
	const out: number[] = [];
	for (let y = 1996; y <= 2100; y++)
		for (const month of [2, 9]) {
			const last = new Date(Date.UTC(y, month + 1, 0));
			const change = Date.UTC(y, month, last.getUTCDate() - last.getUTCDay(), 1);
			out.push(change - 60_000, change - 1, change, change + 1, change + 60_000);
		}
	return out;
}

describe('London time', () => {
	it('has the offset the time-zone data gives on both sides of every change, 1996 to 2100', () => {
		const differ = changesOfTheClocks().filter((ms) => londonOffsetMinutes(ms) !== byTheData(ms));
		expect(differ.map((ms) => new Date(ms).toISOString())).toEqual([]);
	});

	it('has the offset the time-zone data gives at noon and midnight of every day, 1996 to 2100', () => {
		const differ: string[] = [];
		for (let ms = Date.UTC(1996, 0, 1); ms < Date.UTC(2101, 0, 1); ms += DAY_MS / 2)
			if (londonOffsetMinutes(ms) !== byTheData(ms)) differ.push(new Date(ms).toISOString());
		expect(differ).toEqual([]);
	});

	it('asks the time-zone data before 1996, when the rule was different', () => {
		// 1968–1971: British Standard Time, UTC+1 all year round.
		const winter1969 = Date.UTC(1969, 11, 25, 12);
		expect(londonOffsetMinutes(winter1969)).toBe(60);
		for (const ms of [Date.UTC(1980, 9, 26, 1, 30), Date.UTC(1995, 9, 22, 0, 30), winter1969])
			expect(londonOffsetMinutes(ms)).toBe(byTheData(ms));
	});

	it('is the same whichever order instants come in (the year it remembers does not leak)', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: Date.UTC(1960, 0, 1), max: Date.UTC(2100, 0, 1) }), {
					minLength: 2,
					maxLength: 20
				}),
				(instants) => {
					for (const ms of instants) expect(londonOffsetMinutes(ms)).toBe(byTheData(ms));
				}
			),
			{ numRuns: 200 }
		);
	});

	it('shows instants as date-fns with @date-fns/tz did, to the minute', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) }),
					fc
						.constantFrom(...changesOfTheClocks())
						.chain((ms) => fc.integer({ min: ms - 2 * 3_600_000, max: ms + 2 * 3_600_000 }))
				),
				(ms) => {
					const instant = new Date(ms).toISOString();
					const old = new TZDate(ms, LONDON);
					expect(formatDateTime(instant)).toBe(format(old, 'EEE d MMM yyyy, h:mmaaa'));
					expect(formatDate(instant)).toBe(format(old, 'EEE d MMM yyyy'));
					expect(instantToLondonLocal(instant)).toEqual({
						date: format(old, 'yyyy-MM-dd'),
						time: format(old, 'HH:mm')
					});
					expect(dueWords(instant)).toBe(
						format(old, 'HH:mm') === '23:59'
							? `by end of ${format(old, 'EEE d MMM yyyy')}`
							: `by ${format(old, 'EEE d MMM yyyy, h:mmaaa')}`
					);
				}
			),
			{ numRuns: 3000 }
		);
	});

	it('reads a typed date and time as @date-fns/tz did, on the days the clocks change too', () => {
		const days = changesOfTheClocks()
			.filter((_, i) => i % 5 === 2)
			.map((ms) => new Date(ms).toISOString().slice(0, 10));
		fc.assert(
			fc.property(
				fc.oneof(
					fc.constantFrom(...days),
					fc
						.integer({ min: Date.UTC(1997, 0, 1), max: Date.UTC(2099, 0, 1) })
						.map((ms) => new Date(ms).toISOString().slice(0, 10))
				),
				fc.integer({ min: 0, max: 23 }),
				fc.integer({ min: 0, max: 59 }),
				(date, hour, minute) => {
					const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
					const [y, m, d] = date.split('-').map(Number) as [number, number, number];
					const old = new TZDate(y, m - 1, d, hour, minute, 0, LONDON);
					expect(londonLocalToInstant(date, time)).toBe(new Date(old.getTime()).toISOString());
				}
			),
			{ numRuns: 3000 }
		);
	});

	it('reads the hour the clocks skip as GMT, and the hour they pass twice as its second, GMT, time', () => {
		expect(londonLocalToInstant('2026-03-29', '01:30')).toBe('2026-03-29T01:30:00.000Z');
		expect(formatDateTime('2026-03-29T01:30:00.000Z')).toBe('Sun 29 Mar 2026, 2:30am');
		expect(londonLocalToInstant('2026-10-25', '00:59')).toBe('2026-10-24T23:59:00.000Z');
		expect(londonLocalToInstant('2026-10-25', '01:30')).toBe('2026-10-25T01:30:00.000Z');
		expect(formatDateTime('2026-10-25T00:30:00.000Z')).toBe('Sun 25 Oct 2026, 1:30am');
	});

	it('orders instants written by toISOString as time orders them', () => {
		const instant = fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2200, 0, 1) });
		fc.assert(
			fc.property(instant, instant, (a, b) => {
				const iso = (ms: number) => new Date(ms).toISOString();
				expect(Math.sign(byInstant(iso(a), iso(b)))).toBe(Math.sign(a - b));
			}),
			{ numRuns: 2000 }
		);
	});
});
