/**
 * The message sent to a victim when a hearing is listed or changes. Neutral on purpose (domain
 * brief, "Safety"): a text or email may be seen by someone else, so it names no organisation, no
 * court, no crime and nothing about the case. It only asks them to sign in.
 */
export const notification = {
	update: (signInUrl: string) => `You have a new update. Sign in to see it: ${signInUrl}`
};
