import { portal as en } from '../en/portal';

// Placeholder until the Polish translation lands (same session): English text.
export const portal: typeof en = en;
