import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addWorkingDays, deadlineFor, isWorkingDay, londonDate, RULE_IDS } from './index';

/**
 * Properties of the calendar over the shipped years and the fallback years beyond them
 * (fast-check: each runs a few hundred random cases; a failure prints the smallest counterexample).
 */
const FROM = Date.UTC(2018, 0, 1);
const TO = Date.UTC(2036, 0, 1);
const instant = fc.integer({ min: FROM, max: TO }).map((ms) => new Date(ms).toISOString());
const date = fc
	.integer({ min: FROM / 86_400_000, max: TO / 86_400_000 })
	.map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
const rule = fc.constantFrom(...RULE_IDS);
const enhanced = fc.boolean();
const runs = { numRuns: 300 };

describe('deadline properties', () => {
	it('a deadline is the last millisecond of a London working day', () => {
		fc.assert(
			fc.property(rule, instant, enhanced, (r, t, e) => {
				const due = deadlineFor(r, t, { enhanced: e });
				const day = londonDate(due);
				expect(isWorkingDay(day)).toBe(true);
				expect(londonDate(new Date(Date.parse(due) + 1).toISOString())).not.toBe(day);
			}),
			runs
		);
	});

	it('a deadline is always after its trigger', () => {
		fc.assert(
			fc.property(rule, instant, enhanced, (r, t, e) => {
				expect(Date.parse(deadlineFor(r, t, { enhanced: e }))).toBeGreaterThan(Date.parse(t));
			}),
			runs
		);
	});

	it('deadlines never go backwards as the trigger moves later', () => {
		fc.assert(
			fc.property(rule, instant, instant, enhanced, (r, a, b, e) => {
				const [early, late] = a <= b ? [a, b] : [b, a];
				expect(Date.parse(deadlineFor(r, early, { enhanced: e }))).toBeLessThanOrEqual(
					Date.parse(deadlineFor(r, late, { enhanced: e }))
				);
			}),
			runs
		);
	});

	it('an enhanced deadline is never later than the standard one', () => {
		fc.assert(
			fc.property(rule, instant, (r, t) => {
				expect(
					deadlineFor(r, t, { enhanced: true }) <= deadlineFor(r, t, { enhanced: false })
				).toBe(true);
			}),
			runs
		);
	});
});

describe('working-day arithmetic', () => {
	const n = fc.integer({ min: 1, max: 40 });

	it('adding a then b working days is adding a + b', () => {
		fc.assert(
			fc.property(date, n, n, (d, a, b) => {
				expect(addWorkingDays(d, a + b)).toBe(addWorkingDays(addWorkingDays(d, a), b));
			}),
			runs
		);
	});

	it('lands on a working day, with exactly n - 1 working days strictly between', () => {
		fc.assert(
			fc.property(date, n, (d, k) => {
				const result = addWorkingDays(d, k);
				expect(isWorkingDay(result)).toBe(true);
				let between = 0;
				for (let day = Date.parse(d) + 86_400_000; day < Date.parse(result); day += 86_400_000)
					if (isWorkingDay(new Date(day).toISOString().slice(0, 10))) between++;
				expect(between).toBe(k - 1);
			}),
			runs
		);
	});
});

describe('London dates', () => {
	const intl = new Intl.DateTimeFormat('en-CA', {
		timeZone: 'Europe/London',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	});

	it('agree with the platform time-zone database for any instant', () => {
		fc.assert(
			fc.property(instant, (t) => {
				expect(londonDate(t)).toBe(intl.format(new Date(t)));
			}),
			{ numRuns: 2000 }
		);
	});

	it('agree around every clock change from 2018 to 2035, minute by minute', () => {
		for (let year = 2018; year <= 2035; year++) {
			for (const month of [2, 9]) {
				// The last Sunday of March / October, 00:00 to 03:00 UTC.
				const last = new Date(Date.UTC(year, month + 1, 0));
				const sunday = Date.UTC(year, month, last.getUTCDate() - last.getUTCDay());
				for (let m = -90; m <= 180; m++) {
					const t = new Date(sunday + m * 60_000);
					expect(londonDate(t.toISOString()), t.toISOString()).toBe(intl.format(t));
				}
			}
		}
	});
});
