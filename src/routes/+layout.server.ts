import { asc, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { users } from '$lib/server/db/schema';
import type { LayoutServerLoad } from './$types';

/**
 * The signed-in user, and for staff the names of their team, so a case's history can say who did
 * what on a device with no signal. Loaded with the page (not on each client-side navigation).
 */
export const load: LayoutServerLoad = async ({ locals }) => {
	const user = locals.user;
	const sharedDevice = locals.session?.sharedDevice ?? false;
	if (!user) return { user: null, colleagues: [], sharedDevice };
	const colleagues =
		user.role !== 'victim' && user.teamId
			? await db()
					.select({
						id: users.id,
						displayName: users.displayName,
						role: users.role,
						active: users.active
					})
					.from(users)
					.where(eq(users.teamId, user.teamId))
					.orderBy(asc(users.displayName))
			: [];
	return {
		user: { id: user.id, displayName: user.displayName, role: user.role },
		colleagues,
		sharedDevice
	};
};
