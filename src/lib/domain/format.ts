import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { InvalidArgumentError } from './working-days';

/** Every instant is stored in UTC and shown in London time, whatever the device's time zone. */
export const LONDON = 'Europe/London';

function inLondon(instant: string | Date): TZDate {
	return new TZDate(new Date(instant).getTime(), LONDON);
}

/** "Tue 29 Dec 2026, 4:00pm" */
export function formatDateTime(instant: string | Date): string {
	return format(inLondon(instant), 'EEE d MMM yyyy, h:mmaaa');
}

/** "Tue 29 Dec 2026" */
export function formatDate(instant: string | Date): string {
	return format(inLondon(instant), 'EEE d MMM yyyy');
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
	const local = new TZDate(
		Number(d[1]),
		Number(d[2]) - 1,
		Number(d[3]),
		Number(t[1]),
		Number(t[2]),
		0,
		LONDON
	);
	if (local.getDate() !== Number(d[3])) throw new InvalidArgumentError('date must be a real date');
	return new Date(local.getTime()).toISOString();
}

/** A UTC instant as London wall-clock date and time, for form fields. */
export function instantToLondonLocal(instant: string): { date: string; time: string } {
	const l = inLondon(instant);
	return { date: format(l, 'yyyy-MM-dd'), time: format(l, 'HH:mm') };
}
