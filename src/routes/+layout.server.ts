import { asc, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { teams, users } from '$lib/server/db/schema';
import type { LayoutServerLoad } from './$types';

/**
 * The signed-in user, and for staff the names of their team, so a case's history can say who did
 * what on a device with no signal. Loaded with the page (not on each client-side navigation).
 */
export const load: LayoutServerLoad = async ({ locals }) => {
	const user = locals.user;
	const sharedDevice = locals.session?.sharedDevice ?? false;
	if (!user) return { user: null, colleagues: [], teamName: null, sharedDevice };
	const teamId = user.role === 'victim' ? null : user.teamId;
	const [colleagues, team] = await Promise.all([
		teamId
			? db()
					.select({
						id: users.id,
						displayName: users.displayName,
						role: users.role,
						active: users.active
					})
					.from(users)
					.where(eq(users.teamId, teamId))
					.orderBy(asc(users.displayName))
			: [],
		teamId ? db().select({ name: teams.name }).from(teams).where(eq(teams.id, teamId)).limit(1) : []
	]);
	return {
		user: { id: user.id, displayName: user.displayName, role: user.role },
		colleagues,
		teamName: team[0]?.name ?? null,
		sharedDevice
	};
};
