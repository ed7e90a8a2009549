/**
 * The languages the victim's portal is written in (Right 1: to understand and be understood).
 * Kept free of zod so the portal's pages can import it without the schema library.
 */
export const LOCALES = ['en', 'pl'] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language in its own words, as a victim would look for it. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', pl: 'Polski' };

export const isLocale = (value: unknown): value is Locale =>
	typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
