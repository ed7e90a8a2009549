import { db } from '$lib/server/db';
import { refusedChangesFor } from '$lib/server/queries/refused-changes';
import { teamOverviewFor } from '$lib/server/queries/team-overview';
import type { PageServerLoad } from './$types';

// The role check is in hooks.server.ts; a supervisor always has a team (database constraint).
export const load: PageServerLoad = async ({ locals }) => {
	const teamId = locals.user!.teamId!;
	const [overview, refused] = await Promise.all([
		teamOverviewFor(db(), teamId, new Date()),
		refusedChangesFor(db(), teamId)
	]);
	return { ...overview, refused };
};
