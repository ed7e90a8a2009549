import type { setUp as en } from '../en/set-up';

export const setUp: typeof en = {};
