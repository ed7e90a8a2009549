import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

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
