import { shippedBankHolidays } from './bank-holidays';
import { londonOffsetMinutes } from './london-time';

/**
 * Working days in England and Wales. The Victims' Code does not define a working day, so the hub
 * uses the Freedom of Information Act convention (FOIA s.10(6)): any day except Saturday, Sunday,
 * Christmas Day, Good Friday and an England-and-Wales bank holiday.
 *
 * Calendar dates are `YYYY-MM-DD` strings on the outside and day numbers (days since 1970-01-01)
 * inside, so counting needs no time zone at all; London time only matters when an instant becomes
 * a date (`londonDate`) and when a date's end becomes an instant (`endOfLondonDay`).
 */

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class InvalidArgumentError extends RangeError {
	override name = 'InvalidArgumentError';
}

/** Day number of a valid `YYYY-MM-DD`; throws naming `argument` for anything else. */
export function dayNumber(date: unknown, argument = 'date'): number {
	const m = typeof date === 'string' ? DATE_RE.exec(date) : null;
	if (m) {
		const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
		const ms = Date.UTC(y, mo - 1, d);
		const check = new Date(ms);
		if (check.getUTCFullYear() === y && check.getUTCMonth() === mo - 1 && check.getUTCDate() === d)
			return ms / DAY_MS;
	}
	throw new InvalidArgumentError(
		`${argument} must be a real calendar date written YYYY-MM-DD, got ${JSON.stringify(date)}`
	);
}

export function fromDayNumber(day: number): string {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Leap years from year 1 to `year`, inclusive (proleptic Gregorian). */
const leapsUpTo = (year: number) =>
	Math.floor(year / 4) - Math.floor(year / 100) + Math.floor(year / 400);

/** The day number of 1 January of `year`, by arithmetic alone: hot in the working-day loop. */
const firstDayOf = (year: number) => 365 * (year - 1970) + leapsUpTo(year - 1) - leapsUpTo(1969);

/** The (UTC) year of a day number, without allocating a Date: hot in the working-day loop. */
function yearOfDay(day: number): number {
	let y = Math.floor(day / 365.2425) + 1970;
	if (firstDayOf(y) > day) y--;
	else if (firstDayOf(y + 1) <= day) y++;
	return y;
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
const weekday = (day: number) => (((day + 4) % 7) + 7) % 7;

/** Milliseconds of an ISO 8601 instant; throws naming `argument` when it is not one. */
export function instantMs(instant: unknown, argument: string): number {
	const ms =
		typeof instant === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(instant)
			? Date.parse(instant)
			: NaN;
	if (Number.isNaN(ms))
		throw new InvalidArgumentError(
			`${argument} must be an ISO 8601 date and time like 2026-12-24T16:00:00Z, got ${JSON.stringify(instant)}`
		);
	return ms;
}

/* ---------------------------------------------------------------------------------------------- */
/* Holidays: shipped data first, statutory rules beyond it                                          */

/** Easter Sunday (Gregorian), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
function easterSunday(year: number): number {
	const a = year % 19;
	const b = Math.floor(year / 100);
	const c = year % 100;
	const d = Math.floor(b / 4);
	const e = b % 4;
	const f = Math.floor((b + 8) / 25);
	const g = Math.floor((b - f + 1) / 3);
	const h = (19 * a + b - d - g + 15) % 30;
	const i = Math.floor(c / 4);
	const k = c % 4;
	const l = (32 + 2 * e + 2 * i - h - k) % 7;
	const m = Math.floor((a + 11 * h + 22 * l) / 451);
	const month = Math.floor((h + l - 7 * m + 114) / 31);
	const day = ((h + l - 7 * m + 114) % 31) + 1;
	return Date.UTC(year, month - 1, day) / DAY_MS;
}

function firstMonday(year: number, month: number): number {
	const first = Date.UTC(year, month - 1, 1) / DAY_MS;
	return first + ((8 - weekday(first)) % 7);
}

function lastMonday(year: number, month: number): number {
	const last = Date.UTC(year, month, 0) / DAY_MS;
	return last - ((weekday(last) + 6) % 7);
}

/**
 * The regular England-and-Wales bank holidays of a year under the Banking and Financial Dealings
 * Act 1971 and the annual royal proclamations: New Year's Day, Good Friday, Easter Monday, the
 * first and last Mondays in May, the last Monday in August, Christmas Day and Boxing Day, with a
 * holiday that falls at a weekend moved to the next weekday not already a holiday. One-off
 * holidays (jubilees, funerals, coronations) cannot be predicted and are not here.
 */
export function statutoryBankHolidays(year: number): string[] {
	const days: number[] = [];
	const substitute = (day: number) => {
		let d = day;
		while (weekday(d) === 0 || weekday(d) === 6 || days.includes(d)) d++;
		days.push(d);
	};
	substitute(Date.UTC(year, 0, 1) / DAY_MS);
	const easter = easterSunday(year);
	days.push(easter - 2, easter + 1, firstMonday(year, 5), lastMonday(year, 5), lastMonday(year, 8));
	substitute(Date.UTC(year, 11, 25) / DAY_MS);
	substitute(Date.UTC(year, 11, 26) / DAY_MS);
	return days.sort((a, b) => a - b).map(fromDayNumber);
}

export type HolidaySource = 'data' | 'statutory-fallback';

class HolidayCalendar {
	#years = new Map<number, { days: Set<number>; source: HolidaySource }>();
	#dataYears = new Set<number>();

	constructor(events: { date: string }[]) {
		const byYear = new Map<number, Set<number>>();
		for (const e of events) {
			const year = Number(e.date.slice(0, 4));
			let set = byYear.get(year);
			if (!set) byYear.set(year, (set = new Set()));
			set.add(dayNumber(e.date));
		}
		for (const [year, days] of byYear) {
			this.#years.set(year, { days, source: 'data' });
			this.#dataYears.add(year);
		}
	}

	year(year: number) {
		let entry = this.#years.get(year);
		if (!entry) {
			entry = {
				days: new Set(statutoryBankHolidays(year).map((d) => dayNumber(d))),
				source: 'statutory-fallback'
			};
			this.#years.set(year, entry);
		}
		return entry;
	}

	isHoliday(day: number): boolean {
		return this.year(yearOfDay(day)).days.has(day);
	}

	dataYears(): number[] {
		return [...this.#dataYears].sort((a, b) => a - b);
	}
}

/** The holidays in use: the shipped ones, read when a date is first worked out. */
let holidays: HolidayCalendar | undefined;
const calendar = (): HolidayCalendar =>
	(holidays ??= new HolidayCalendar(shippedBankHolidays()['england-and-wales'].events));

/** Replaces the holiday data in use (tests, or a feed loaded at run time). Returns the old events' years. */
export function useBankHolidays(events: { date: string }[]): void {
	holidays = new HolidayCalendar(events);
}

/** England-and-Wales bank holidays of a year, and whether they came from the data or the fallback rules. */
export function bankHolidaysIn(year: number): { dates: string[]; source: HolidaySource } {
	if (!Number.isInteger(year) || year < 1900 || year > 2999)
		throw new InvalidArgumentError(`year must be a whole number from 1900 to 2999, got ${year}`);
	const { days, source } = calendar().year(year);
	return { dates: [...days].sort((a, b) => a - b).map(fromDayNumber), source };
}

/** The years the shipped or imported data covers; others use the statutory fallback. */
export function bankHolidayDataYears(): number[] {
	return calendar().dataYears();
}

/* ---------------------------------------------------------------------------------------------- */
/* Working days                                                                                     */

function isWorkingDayNumber(day: number): boolean {
	const wd = weekday(day);
	return wd !== 0 && wd !== 6 && !calendar().isHoliday(day);
}

/** Whether a London calendar date (`YYYY-MM-DD`) is a working day. */
export function isWorkingDay(date: string): boolean {
	return isWorkingDayNumber(dayNumber(date, 'date'));
}

const isWeekday = (day: number) => {
	const wd = weekday(day);
	return wd !== 0 && wd !== 6;
};

/**
 * How many working days come after `fromDay`, up to and including `toDay` (0 if none): five in
 * each whole week, the days left over one by one, less the bank holidays on weekdays between.
 * The same count as testing each day, without the loop over every day of a long delay.
 */
function workingDaysAfter(fromDay: number, toDay: number): number {
	if (toDay <= fromDay) return 0;
	const weeks = Math.floor((toDay - fromDay) / 7);
	let count = weeks * 5;
	for (let day = fromDay + 7 * weeks + 1; day <= toDay; day++) if (isWeekday(day)) count++;
	for (let year = yearOfDay(fromDay + 1), last = yearOfDay(toDay); year <= last; year++)
		for (const holiday of calendar().year(year).days)
			if (
				holiday > fromDay &&
				holiday <= toDay &&
				isWeekday(holiday) &&
				yearOfDay(holiday) === year
			)
				count--;
	return count;
}

function addWorkingDayNumbers(day: number, n: number): number {
	let d = day;
	for (let left = n; left > 0;) {
		d++;
		if (isWorkingDayNumber(d)) left--;
	}
	return d;
}

function checkCount(n: unknown): number {
	if (typeof n !== 'number' || !Number.isInteger(n) || n < 1)
		throw new InvalidArgumentError(
			`n must be a whole number of working days, 1 or more, got ${String(n)}`
		);
	return n;
}

/** The Nth working day after `date` (n ≥ 1), as `YYYY-MM-DD`. Day one is the first working day after `date`. */
export function addWorkingDays(date: string, n: number): string {
	const day = dayNumber(date, 'date');
	return fromDayNumber(addWorkingDayNumbers(day, checkCount(n)));
}

/** Whether any year between two dates relies on the statutory fallback instead of data. */
export function usesFallback(fromDay: number, toDay: number): boolean {
	const first = new Date(fromDay * DAY_MS).getUTCFullYear();
	const last = new Date(toDay * DAY_MS).getUTCFullYear();
	for (let y = first; y <= last; y++)
		if (calendar().year(y).source === 'statutory-fallback') return true;
	return false;
}

/* ---------------------------------------------------------------------------------------------- */
/* London time                                                                                      */

/** The London calendar day (a day number) an instant falls on. */
export function londonDay(ms: number): number {
	return Math.floor((ms + londonOffsetMinutes(ms) * 60_000) / DAY_MS);
}

/** The London calendar date (`YYYY-MM-DD`) an instant falls on. */
export function londonDate(instant: string): string {
	return fromDayNumber(londonDay(instantMs(instant, 'instant')));
}

/**
 * The last millisecond of a London day, in UTC ms. The clocks change at 01:00 UTC, never at
 * midnight, so the offset at UTC midnight of the next day is the offset of London's midnight.
 */
export function endOfLondonDayMs(day: number): number {
	const nextMidnightUtc = (day + 1) * DAY_MS;
	return nextMidnightUtc - londonOffsetMinutes(nextMidnightUtc) * 60_000 - 1;
}

export { isWorkingDayNumber, addWorkingDayNumbers, workingDaysAfter };
