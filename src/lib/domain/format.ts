import { format } from 'date-fns';
import { londonWallClock, londonWallClockToMs, type LondonWallClock } from './london-time';
import { InvalidArgumentError } from './working-days';

export { byInstant, LONDON } from './london-time';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as a London clock shows it (see `london-time.ts` for why not `Intl`). */
export function inLondon(instant: string | Date): LondonWallClock {
	return londonWallClock(new Date(instant).getTime());
}

/** "Tuesday" */
export const weekdayName = (l: LondonWallClock): string => WEEKDAYS[l.weekday]!;

/** "16:00" */
export const time24 = (l: LondonWallClock): string => `${pad(l.hour)}:${pad(l.minute)}`;

/** "Tue 29 Dec 2026" */
const shortDate = (l: LondonWallClock): string =>
	`${WEEKDAYS[l.weekday]!.slice(0, 3)} ${l.day} ${MONTHS[l.month - 1]} ${l.year}`;

/** "Tue 29 Dec 2026, 4:00pm" */
export function formatDateTime(instant: string | Date): string {
	const l = inLondon(instant);
	return `${shortDate(l)}, ${l.hour % 12 || 12}:${pad(l.minute)}${l.hour < 12 ? 'am' : 'pm'}`;
}

/** "Tue 29 Dec 2026" */
export function formatDate(instant: string | Date): string {
	return shortDate(inLondon(instant));
}

/** "29 December 1990", for a calendar date (YYYY-MM-DD) that has no time zone. */
export function formatCalendarDate(date: string): string {
	const [y, m, d] = date.split('-').map(Number);
	return format(new Date(y ?? 0, (m ?? 1) - 1, d ?? 1), 'd MMMM yyyy');
}

/** A London wall-clock date and time (what a person types) as a UTC instant. */
export function londonLocalToInstant(date: string, time: string): string {
	const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	const t = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
	if (!d) throw new InvalidArgumentError('date must be a date like 2026-12-29');
	if (!t) throw new InvalidArgumentError('time must be a time like 14:30');
	const [year, month, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
	const calendar = new Date(Date.UTC(year, month - 1, day));
	if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day)
		throw new InvalidArgumentError('date must be a real date');
	return new Date(londonWallClockToMs(year, month, day, Number(t[1]), Number(t[2]))).toISOString();
}

/** A UTC instant as London wall-clock date and time, for form fields. */
export function instantToLondonLocal(instant: string): { date: string; time: string } {
	const l = inLondon(instant);
	return { date: `${l.year}-${pad(l.month)}-${pad(l.day)}`, time: time24(l) };
}
