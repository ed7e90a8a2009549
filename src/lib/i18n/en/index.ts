import { common } from './common';
import { portal } from './portal';
import { setUp } from './set-up';

/** English: the source catalogue. Plain English for victims (GOV.UK style: short, direct, kind). */
export const en = { common, portal, setUp };
