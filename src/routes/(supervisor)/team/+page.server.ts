import { db } from '$lib/server/db';
import { teamOverviewFor } from '$lib/server/queries/team-overview';
import type { PageServerLoad } from './$types';

// The role check is in hooks.server.ts; a supervisor always has a team (database constraint).
export const load: PageServerLoad = async ({ locals }) =>
	teamOverviewFor(db(), locals.user!.teamId!, new Date());
