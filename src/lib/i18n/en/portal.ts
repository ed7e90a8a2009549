/** The victim's portal pages. */
export const portal = {};
