import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';

/** Record ids are UUIDv7: time-ordered, so they can be made offline on any device without clashing. */
export const Id = z.uuid({ error: 'Must be a valid id (a UUID)' });
export type Id = z.infer<typeof Id>;

export function newId(): Id {
	return uuidv7();
}

/**
 * A moment in time, always stored and exchanged as UTC (`2026-12-24T16:00:00.000Z`).
 * Offsets are refused so that every stored instant reads the same way; the UI shows them
 * in Europe/London (see `format.ts`).
 */
export const Instant = z.iso.datetime({
	offset: false,
	error: 'Must be a UTC date and time like 2026-12-24T16:00:00Z'
});
export type Instant = z.infer<typeof Instant>;

/** A calendar date with no time (a date of birth): `YYYY-MM-DD`. */
export const CalendarDate = z.iso.date({ error: 'Must be a date like 1990-04-30' });
export type CalendarDate = z.infer<typeof CalendarDate>;

/**
 * Free text a person typed: trimmed, and never empty once trimmed. `missing` is the message when
 * it is empty, when "Enter <label>" would not read well.
 */
export function text(label: string, max: number, missing = `Enter ${label.toLowerCase()}`) {
	return z
		.string({ error: `${label} must be text` })
		.trim()
		.min(1, { error: missing })
		.max(max, { error: `${label} must be ${max} characters or fewer` });
}

/** A local time of day in London, `HH:mm` (24-hour). */
export const TimeOfDay = z
	.string()
	.regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'Must be a time like 09:30 (24-hour clock)' });
export type TimeOfDay = z.infer<typeof TimeOfDay>;

export const Email = z
	.string({ error: 'Enter an email address' })
	.trim()
	.toLowerCase()
	.min(1, { error: 'Enter an email address' })
	.max(254, { error: 'Email address must be 254 characters or fewer' })
	.pipe(z.email({ error: 'Enter an email address in the correct format, like name@example.com' }));
