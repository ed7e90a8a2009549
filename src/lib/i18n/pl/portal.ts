import type { portal as en } from '../en/portal';

export const portal: typeof en = {};
