/** The page where a victim turns their invitation code into a password (`/set-up`). */
export const setUp = {};
