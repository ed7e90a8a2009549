import { db } from '$lib/server/db';
import { victimCaseFor } from '$lib/server/queries/victim-case';
import type { PageServerLoad } from './$types';

// The role check is in hooks.server.ts; the victim is taken from the session, never the request.
export const load: PageServerLoad = async ({ locals }) => ({
	victimCase: await victimCaseFor(db(), locals.user!.victimId!, new Date())
});
