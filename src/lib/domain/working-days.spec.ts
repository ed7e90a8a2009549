import { describe, expect, it } from 'vitest';
import {
	addWorkingDays,
	bankHolidayDataYears,
	bankHolidaysIn,
	deadlineFor,
	isWorkingDay,
	londonDate,
	RULE_IDS,
	statutoryBankHolidays,
	type RuleId
} from './index';
import { isWorkingDayNumber, workingDaysAfter } from './working-days';

describe('working days (FOIA convention: not a weekend, not an England-and-Wales bank holiday)', () => {
	it.each([
		['2026-11-20', true, 'a Friday'],
		['2026-11-21', false, 'a Saturday'],
		['2026-11-22', false, 'a Sunday'],
		['2026-12-25', false, 'Christmas Day'],
		['2026-12-28', false, 'the Boxing Day substitute'],
		['2026-04-03', false, 'Good Friday'],
		['2026-04-06', false, 'Easter Monday'],
		['2022-06-03', false, 'the Platinum Jubilee'],
		['2022-06-02', false, 'the moved spring holiday'],
		['2022-05-30', true, 'the usual spring holiday date in 2022'],
		['2022-09-19', false, 'the State Funeral'],
		['2023-05-08', false, 'the Coronation'],
		['2020-05-08', false, 'VE Day 2020'],
		['2020-05-04', true, 'the usual early May date in 2020']
	])('%s is a working day: %s (%s)', (date, expected) => {
		expect(isWorkingDay(date)).toBe(expected);
	});

	it('counts from the first working day after the date', () => {
		expect(addWorkingDays('2026-11-16', 1)).toBe('2026-11-17');
		expect(addWorkingDays('2026-11-20', 1)).toBe('2026-11-23');
		expect(addWorkingDays('2026-11-21', 1)).toBe('2026-11-23');
		expect(addWorkingDays('2026-12-24', 1)).toBe('2026-12-29');
		expect(addWorkingDays('2026-12-24', 5)).toBe('2027-01-05');
	});

	it('counts the working days between two days as testing each day would', () => {
		const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
		const oneByOne = (from: number, to: number) => {
			let n = 0;
			for (let d = from + 1; d <= to; d++) if (isWorkingDayNumber(d)) n++;
			return n;
		};
		// Every start over three years of data (the one-off holidays of 2022 and 2023 among them),
		// with lengths from none to over a year; and a stretch in years beyond the shipped data.
		for (const [first, last] of [
			[day('2021-12-01'), day('2024-01-31')],
			[day('2031-12-01'), day('2032-02-15')]
		] as const)
			for (let from = first; from <= last; from++)
				for (const length of [-3, 0, 1, 2, 5, 6, 7, 8, 13, 30, 95, 400])
					expect(workingDaysAfter(from, from + length), `${from} + ${length}`).toBe(
						oneByOne(from, from + length)
					);
		expect(workingDaysAfter(day('2026-12-24'), day('2027-01-04'))).toBe(4);
	});

	it('names the argument that is wrong', () => {
		expect(() => isWorkingDay('2026-02-30')).toThrow(/^date must be a real calendar date/);
		expect(() => isWorkingDay('21/11/2026')).toThrow(
			/date must be a real calendar date.*"21\/11\/2026"/
		);
		expect(() => addWorkingDays('2026-01-01', 0)).toThrow(
			/^n must be a whole number of working days, 1 or more/
		);
		expect(() => addWorkingDays('2026-01-01', 1.5)).toThrow(/^n must be/);
		expect(() => addWorkingDays('not a date', 1)).toThrow(/^date must be/);
	});
});

describe('bank holiday data', () => {
	it('ships 2018 to 2028', () => {
		expect(bankHolidayDataYears()).toEqual([
			2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028
		]);
		expect(bankHolidaysIn(2026).source).toBe('data');
	});

	it('agrees with the statutory rules in every shipped year but those with one-off holidays', () => {
		const differing = bankHolidayDataYears().filter(
			(y) => bankHolidaysIn(y).dates.join() !== statutoryBankHolidays(y).join()
		);
		expect(differing).toEqual([2020, 2022, 2023]);
	});

	it('falls back to the statutory rules beyond the data, and says so', () => {
		const y2031 = bankHolidaysIn(2031);
		expect(y2031.source).toBe('statutory-fallback');
		// 2031: Easter Sunday 13 April; Christmas Thursday, Boxing Day Friday.
		expect(y2031.dates).toEqual([
			'2031-01-01',
			'2031-04-11',
			'2031-04-14',
			'2031-05-05',
			'2031-05-26',
			'2031-08-25',
			'2031-12-25',
			'2031-12-26'
		]);
	});

	it('substitutes weekend holidays in the fallback: Christmas on a Saturday', () => {
		// 2032: 25 December is a Saturday → Monday 27 and Tuesday 28.
		expect(statutoryBankHolidays(2032).slice(-2)).toEqual(['2032-12-27', '2032-12-28']);
		// 2033: 1 January is a Saturday → Monday 3 January.
		expect(statutoryBankHolidays(2033)[0]).toBe('2033-01-03');
	});
});

describe('London dates of instants', () => {
	it('uses London time, not UTC, in summer', () => {
		expect(londonDate('2026-06-16T23:30:00Z')).toBe('2026-06-17');
		expect(londonDate('2026-12-16T23:30:00Z')).toBe('2026-12-16');
	});
	it('refuses something that is not an instant', () => {
		expect(() => londonDate('tomorrow')).toThrow(/^instant must be an ISO 8601 date and time/);
	});
});

describe('deadlineFor', () => {
	// A plain week in November 2026 (GMT): Monday 16th at 10:00.
	const MONDAY = '2026-11-16T10:00:00Z';
	const end = (date: string) => `${date}T23:59:59.999Z`; // GMT: London midnight is UTC midnight

	it.each<[RuleId, string, string]>([
		['R3_INITIAL_INFO', '2026-11-23', '2026-11-17'],
		['R4_REFERRAL', '2026-11-18', '2026-11-18'],
		['R6_INVESTIGATION_UPDATE', '2026-11-23', '2026-11-17'],
		['R8_HEARING', '2026-11-17', '2026-11-17'],
		['R8_BAIL_OUTCOME', '2026-11-23', '2026-11-17'],
		['R8_TO_GIVE_EVIDENCE', '2026-11-17', '2026-11-17'],
		['R9_OUTCOME', '2026-11-17', '2026-11-17'],
		['R11_VCS_REFERRAL', '2026-11-30', '2026-11-30'],
		['R12_COMPLAINT', '2026-11-30', '2026-11-30']
	])('%s: standard by %s, enhanced by %s', (rule, standard, enhanced) => {
		expect(deadlineFor(rule, MONDAY, { enhanced: false })).toBe(end(standard));
		expect(deadlineFor(rule, MONDAY, { enhanced: true })).toBe(end(enhanced));
	});

	it('covers every rule id in the brief', () => {
		expect([...RULE_IDS].sort()).toEqual(
			[
				'R3_INITIAL_INFO',
				'R4_REFERRAL',
				'R6_INVESTIGATION_UPDATE',
				'R8_HEARING',
				'R8_BAIL_OUTCOME',
				'R8_TO_GIVE_EVIDENCE',
				'R9_OUTCOME',
				'R11_VCS_REFERRAL',
				'R12_COMPLAINT'
			].sort()
		);
	});

	it("the brief's example: a notice on Thu 24 Dec 2026 at 16:00 is due by the end of Tue 29 Dec", () => {
		expect(deadlineFor('R8_HEARING', '2026-12-24T16:00:00Z', { enhanced: false })).toBe(
			'2026-12-29T23:59:59.999Z'
		);
	});

	describe('across weekends', () => {
		it('a Friday trigger is due on Monday', () => {
			expect(deadlineFor('R8_HEARING', '2026-11-20T15:00:00Z', { enhanced: false })).toBe(
				end('2026-11-23')
			);
		});
		it('a Saturday trigger counts from Monday', () => {
			expect(deadlineFor('R8_HEARING', '2026-11-21T11:00:00Z', { enhanced: false })).toBe(
				end('2026-11-23')
			);
			expect(deadlineFor('R3_INITIAL_INFO', '2026-11-21T11:00:00Z', { enhanced: false })).toBe(
				end('2026-11-27')
			);
		});
		it('a Sunday trigger counts from Monday', () => {
			expect(
				deadlineFor('R6_INVESTIGATION_UPDATE', '2026-11-22T20:00:00Z', { enhanced: true })
			).toBe(end('2026-11-23'));
		});
	});

	describe('across Christmas and New Year', () => {
		it('New Year’s Eve to the first working day of 2027', () => {
			expect(deadlineFor('R8_HEARING', '2026-12-31T12:00:00Z', { enhanced: false })).toBe(
				end('2027-01-04')
			);
		});
		it('5 working days from Christmas Eve skip four holidays and a weekend', () => {
			expect(deadlineFor('R3_INITIAL_INFO', '2026-12-24T09:00:00Z', { enhanced: false })).toBe(
				end('2027-01-05')
			);
		});
		it('a trigger on Christmas Day counts from the 29th', () => {
			expect(deadlineFor('R8_HEARING', '2026-12-25T10:00:00Z', { enhanced: false })).toBe(
				end('2026-12-29')
			);
		});
		it('2027: Christmas on a Saturday, substitutes on the 27th and 28th', () => {
			expect(deadlineFor('R8_HEARING', '2027-12-24T10:00:00Z', { enhanced: false })).toBe(
				end('2027-12-29')
			);
		});
	});

	describe('across Easter (British Summer Time: days end at 22:59:59.999 UTC)', () => {
		it('a Thursday-before-Easter trigger is due on the Tuesday after', () => {
			expect(deadlineFor('R8_HEARING', '2026-04-02T10:00:00Z', { enhanced: false })).toBe(
				'2026-04-07T22:59:59.999Z'
			);
		});
		it('a Good Friday trigger counts from the Tuesday after Easter Monday', () => {
			expect(deadlineFor('R8_TO_GIVE_EVIDENCE', '2026-04-03T10:00:00Z', { enhanced: false })).toBe(
				'2026-04-07T22:59:59.999Z'
			);
			expect(deadlineFor('R3_INITIAL_INFO', '2026-04-03T10:00:00Z', { enhanced: false })).toBe(
				'2026-04-13T22:59:59.999Z'
			);
		});
	});

	describe('across the one-off holidays of 2022 and 2023', () => {
		it('the Platinum Jubilee weekend (2 and 3 June 2022)', () => {
			expect(deadlineFor('R8_HEARING', '2022-06-01T10:00:00Z', { enhanced: false })).toBe(
				'2022-06-06T22:59:59.999Z'
			);
		});
		it('30 May 2022 was a working day (the spring holiday moved)', () => {
			expect(deadlineFor('R8_HEARING', '2022-05-27T10:00:00Z', { enhanced: false })).toBe(
				'2022-05-30T22:59:59.999Z'
			);
		});
		it('the State Funeral (19 September 2022)', () => {
			expect(deadlineFor('R8_HEARING', '2022-09-16T10:00:00Z', { enhanced: false })).toBe(
				'2022-09-20T22:59:59.999Z'
			);
		});
		it('the Coronation (8 May 2023)', () => {
			expect(deadlineFor('R9_OUTCOME', '2023-05-05T10:00:00Z', { enhanced: false })).toBe(
				'2023-05-09T22:59:59.999Z'
			);
		});
		it('VE Day 2020 (8 May) instead of the 4th', () => {
			expect(deadlineFor('R8_HEARING', '2020-05-07T10:00:00Z', { enhanced: false })).toBe(
				'2020-05-11T22:59:59.999Z'
			);
			expect(deadlineFor('R8_HEARING', '2020-05-01T10:00:00Z', { enhanced: false })).toBe(
				'2020-05-04T22:59:59.999Z'
			);
		});
	});

	describe('across the clock changes', () => {
		it('spring forward (Sun 29 Mar 2026): a deadline after it ends at 22:59:59.999 UTC', () => {
			expect(deadlineFor('R8_HEARING', '2026-03-27T12:00:00Z', { enhanced: false })).toBe(
				'2026-03-30T22:59:59.999Z'
			);
		});
		it('fall back (Sun 25 Oct 2026): a deadline after it ends at 23:59:59.999 UTC', () => {
			expect(deadlineFor('R8_HEARING', '2026-10-23T12:00:00Z', { enhanced: false })).toBe(
				'2026-10-26T23:59:59.999Z'
			);
		});
		it('a summer trigger whose deadline is in winter', () => {
			expect(deadlineFor('R12_COMPLAINT', '2026-10-20T12:00:00Z', { enhanced: false })).toBe(
				'2026-11-03T23:59:59.999Z'
			);
		});
	});

	describe('triggers near midnight London time', () => {
		it('23:30 in winter is that day', () => {
			expect(deadlineFor('R8_HEARING', '2026-11-17T23:30:00Z', { enhanced: false })).toBe(
				end('2026-11-18')
			);
		});
		it('00:30 in winter is the next day', () => {
			expect(deadlineFor('R8_HEARING', '2026-11-18T00:30:00Z', { enhanced: false })).toBe(
				end('2026-11-19')
			);
		});
		it('23:30 BST (22:30 UTC) is that London day', () => {
			expect(deadlineFor('R8_HEARING', '2026-06-16T22:30:00Z', { enhanced: false })).toBe(
				'2026-06-17T22:59:59.999Z'
			);
		});
		it('00:30 BST (23:30 UTC the day before) is the next London day', () => {
			expect(deadlineFor('R8_HEARING', '2026-06-16T23:30:00Z', { enhanced: false })).toBe(
				'2026-06-18T22:59:59.999Z'
			);
		});
		it('an offset instant means the same moment', () => {
			expect(deadlineFor('R8_HEARING', '2026-06-17T00:30:00+01:00', { enhanced: false })).toBe(
				'2026-06-18T22:59:59.999Z'
			);
		});
	});

	it('beyond the data, uses the statutory fallback (Christmas 2031)', () => {
		expect(deadlineFor('R8_HEARING', '2031-12-24T10:00:00Z', { enhanced: false })).toBe(
			end('2031-12-29')
		);
	});

	it('names the argument that is wrong', () => {
		expect(() => deadlineFor('R99_NOPE' as RuleId, MONDAY, { enhanced: false })).toThrow(
			/^rule must be one of R3_INITIAL_INFO/
		);
		expect(() => deadlineFor('R8_HEARING', 'yesterday', { enhanced: false })).toThrow(
			/^triggeredAt must be an ISO 8601/
		);
		expect(() => deadlineFor('R8_HEARING', MONDAY, {} as { enhanced: boolean })).toThrow(
			/^opts\.enhanced must be true or false/
		);
	});
});
