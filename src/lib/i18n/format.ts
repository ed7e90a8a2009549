import type { Locale } from '$lib/domain/locale';

/** Court dates are London times, whatever the device's own time zone. */
const TIME_ZONE = 'Europe/London';
const TAGS: Record<Locale, string> = { en: 'en-GB', pl: 'pl-PL' };

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, options: Intl.DateTimeFormatOptions) {
	const key = `${locale}:${JSON.stringify(options)}`;
	let f = cache.get(key);
	if (!f) {
		f = new Intl.DateTimeFormat(TAGS[locale], { timeZone: TIME_ZONE, ...options });
		cache.set(key, f);
	}
	return f;
}

const at = (value: Date | string) => (typeof value === 'string' ? new Date(value) : value);

/** "Tuesday 24 November 2026" / "wtorek, 24 listopada 2026". */
export const formatDate = (locale: Locale, value: Date | string) =>
	formatter(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(
		at(value)
	);

/** "10:00". */
export const formatTime = (locale: Locale, value: Date | string) =>
	formatter(locale, { hour: '2-digit', minute: '2-digit', hour12: false }).format(at(value));

/** "Tuesday 24 November 2026 at 10:00" in the catalogue's own words for "at". */
export const formatDateTime = (locale: Locale, value: Date | string, joiner: string) =>
	`${formatDate(locale, value)} ${joiner} ${formatTime(locale, value)}`;

/** The form of a word for a count, by the language's plural rules (Polish has three). */
export function plural(
	locale: Locale,
	n: number,
	forms: { one: string; few?: string; many?: string; other: string }
): string {
	const rule = new Intl.PluralRules(TAGS[locale]).select(n);
	return (forms as Record<string, string | undefined>)[rule] ?? forms.other;
}
