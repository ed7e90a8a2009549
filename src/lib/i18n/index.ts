/**
 * The victim's portal in the victim's language (Right 1). Every string a victim reads comes from a
 * message catalogue: `en` is the source, and each other language must have every key with the same
 * shape (the type checker refuses a missing or extra message). Messages that take values are
 * functions, so plural forms and word order stay the translator's choice.
 *
 * Why not a library (Paraglide, i18next)? The portal has a few hundred strings in two languages;
 * typed objects give compile-time completeness with no build step and almost no bytes, and the
 * portal's JavaScript budget is 80 kB. Dates and plurals use the browser's own `Intl`.
 */
import type { Locale } from '$lib/domain/locale';
import { en } from './en';
import { pl } from './pl';

export type Catalogue = typeof en;

const CATALOGUES: Record<Locale, Catalogue> = { en, pl };

export const messages = (locale: Locale): Catalogue => CATALOGUES[locale];

export { TRANSLATION_REVIEW } from './pl';
export { formatDate, formatDateTime, formatTime, plural } from './format';
