import type { en } from '../en';
import { common } from './common';
import { portal } from './portal';
import { setUp } from './set-up';

/**
 * Polish (one of London's most spoken languages after English). Written by the development team,
 * not yet checked by a native speaker: every message here is to be reviewed before the portal is
 * offered to victims in Polish. Until then the portal says so on the language switch.
 */
export const TRANSLATION_REVIEW = {
	pl: { status: 'needs-review', note: 'To be checked by a native Polish speaker before release.' }
} as const;

export const pl: typeof en = { common, portal, setUp };
