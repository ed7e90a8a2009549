import { tzOffset } from '@date-fns/tz';

/** Every instant is stored in UTC and shown in London time, whatever the device's time zone. */
export const LONDON = 'Europe/London';

const HOUR_MS = 3_600_000;

/**
 * London time by the UK's rule, not the browser's time-zone data. Since 1996 British Summer Time
 * (UTC+1) has run from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of
 * October (the Summer Time Order 2002, as the EU rule before it), GMT the rest of the year.
 *
 * Why not `Intl`: the first time-zone formatter a page makes costs tens of milliseconds on a
 * phone (the browser loads its time-zone data), in whatever task first shows a date; every staff
 * page shows dates as it opens (issue 8: start-up on a phone). The rule needs no data at all.
 * Instants before 1996 (the rule was different) are looked up in the time-zone data as before.
 * `london-time.spec.ts` checks the rule against that data on both sides of every change and twice a
 * day, 1996 to 2100: if the law changes, the data will, and that test fails.
 */
const RULE_SINCE = 1996;

/** 01:00 UTC on the last Sunday of `month` (0-based) of `year`, in ms. */
function lastSundayAt1Utc(year: number, month: number): number {
	const lastDay = new Date(Date.UTC(year, month + 1, 0));
	return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/** A (UTC) year: where it starts and ends, and its summer time, in UTC ms. */
type Year = { from: number; to: number; summerStart: number; summerEnd: number; ruled: boolean };

function yearOf(ms: number): Year {
	const year = new Date(ms).getUTCFullYear();
	return {
		from: Date.UTC(year, 0, 1),
		to: Date.UTC(year + 1, 0, 1),
		summerStart: lastSundayAt1Utc(year, 2),
		summerEnd: lastSundayAt1Utc(year, 9),
		ruled: year >= RULE_SINCE
	};
}

/** The year the last instant fell in: the Code engine converts up to a million instants at a go,
 * nearly all in the same year as the one before, so this is a comparison, not a Date each time. */
let last: Year = yearOf(Date.UTC(2026, 0, 1));

/** London's offset from UTC, in minutes, at the instant `ms` (0 or 60 from 1996 on). */
export function londonOffsetMinutes(ms: number): number {
	if (!(ms >= last.from && ms < last.to)) {
		if (Number.isNaN(ms)) return NaN;
		last = yearOf(ms);
	}
	if (!last.ruled) return tzOffset(LONDON, new Date(ms));
	return ms >= last.summerStart && ms < last.summerEnd ? 60 : 0;
}

/**
 * Orders two UTC instants written as `toISOString` writes them (as the engine and the server
 * do): as plain strings, which is their order in time. `localeCompare` gives the same order, but
 * the first call a page makes loads the browser's collation data (10–20 ms on a laptop).
 */
export const byInstant = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** What a London clock and calendar show at an instant. `weekday`: 0 = Sunday … 6 = Saturday. */
export type LondonWallClock = {
	year: number;
	/** 1–12 */
	month: number;
	day: number;
	weekday: number;
	hour: number;
	minute: number;
};

export function londonWallClock(ms: number): LondonWallClock {
	const local = new Date(ms + londonOffsetMinutes(ms) * 60_000);
	return {
		year: local.getUTCFullYear(),
		month: local.getUTCMonth() + 1,
		day: local.getUTCDate(),
		weekday: local.getUTCDay(),
		hour: local.getUTCHours(),
		minute: local.getUTCMinutes()
	};
}

/**
 * The instant a London wall-clock time names (`month` 1–12). A time the clocks skip (01:00–01:59
 * on the last Sunday of March) is read as GMT, so it lands an hour on; a time they pass twice
 * (01:00–01:59 on the last Sunday of October) is the second, GMT, one.
 */
export function londonWallClockToMs(
	year: number,
	month: number,
	day: number,
	hour: number,
	minute: number
): number {
	const asUtc = Date.UTC(year, month - 1, day, hour, minute);
	if (londonOffsetMinutes(asUtc) === 0) return asUtc;
	const summer = asUtc - HOUR_MS;
	return londonOffsetMinutes(summer) === 60 ? summer : asUtc;
}
