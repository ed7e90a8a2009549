import type { Locale } from '$lib/domain/locale';
import { notification as en } from './en/notification';
import { notification as pl } from './pl/notification';

/**
 * The words of the message a victim is sent, in their portal language. Kept apart from the portal's
 * catalogues (`messages`) because only the server uses them; Polish awaits the same native-speaker
 * review as the rest of the Polish catalogue (`TRANSLATION_REVIEW`).
 */
const CATALOGUES: Record<Locale, typeof en> = { en, pl };

export const notificationMessages = (locale: Locale): typeof en => CATALOGUES[locale];
