import { json } from '@sveltejs/kit';
import { asc, eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { teams, users } from '$lib/server/db/schema';
import type { RequestHandler } from './$types';

export type Me = {
	user: { id: string; displayName: string; role: 'caseworker' | 'supervisor' | 'victim' } | null;
	colleagues: {
		id: string;
		displayName: string;
		role: 'caseworker' | 'supervisor' | 'victim';
		active: boolean;
	}[];
	teamName: string | null;
	sharedDevice: boolean;
};

/**
 * Who is signed in, and for staff the names of their team, so a case's history can say who did
 * what on a device with no signal. The root layout asks for it once per page load (not on each
 * client-side navigation); offline, staff pages use the copy `$lib/client/device` keeps.
 * Anyone may ask: without a session the answer is `user: null`.
 */
export const GET: RequestHandler = async ({ locals }) => {
	const user = locals.user;
	const sharedDevice = locals.session?.sharedDevice ?? false;
	if (!user) return json({ user: null, colleagues: [], teamName: null, sharedDevice } satisfies Me);
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
	return json({
		user: { id: user.id, displayName: user.displayName, role: user.role },
		colleagues,
		teamName: team[0]?.name ?? null,
		sharedDevice
	} satisfies Me);
};
