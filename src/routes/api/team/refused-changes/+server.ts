import { json } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { refusedChangesFor } from '$lib/server/queries/refused-changes';
import type { RequestHandler } from './$types';

/**
 * Changes the server refused for the supervisor's team, newest first (online only: the mutation
 * log is not synced to devices). The guard lets only supervisors here; the team comes from the
 * session, never the request. Never cached: it quotes what caseworkers typed about victims.
 */
export const GET: RequestHandler = async ({ locals }) => {
	// A supervisor always has a team (a database constraint).
	const refused = await refusedChangesFor(db(), locals.user!.teamId!);
	return json({ refused }, { headers: { 'cache-control': 'no-store' } });
};
