import { error } from '@sveltejs/kit';
import type { Role } from '$lib/domain';

type Parent = () => Promise<{ user?: { role: Role } | null }>;

/**
 * The server's hook refuses other roles before any page renders. A staff page opened with no
 * signal comes from the service worker's app shell instead, with the user this device remembers;
 * this check gives it the same answer the server would, in the browser.
 */
export async function allowRoles(parent: Parent, roles: readonly Role[]): Promise<void> {
	const { user } = await parent();
	if (!user) error(401, 'Nobody is signed in on this device. Sign in when you have a signal.');
	if (!roles.includes(user.role)) error(403, 'You do not have access to this page');
}
