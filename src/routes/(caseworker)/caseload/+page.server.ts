import { caseloadFor } from '$lib/server/queries/caseload';
import { db } from '$lib/server/db';
import type { PageServerLoad } from './$types';

// The role check is in hooks.server.ts (route group → role); this load only reads.
export const load: PageServerLoad = async ({ locals }) => ({
	cases: await caseloadFor(db(), locals.user!.id, new Date())
});
