import { ViewsRequest } from '$lib/domain';
import { db } from '$lib/server/db';
import { actorOf, readJson, syncJson } from '$lib/server/sync/http';
import { recordViews } from '$lib/server/sync/views';
import type { RequestHandler } from './$types';

/**
 * A device's views of cases, for the audit trail (`recordViews`): JSON and same-origin only, the
 * caller from the session. Victims are refused per view (their reads are not audited).
 */
export const POST: RequestHandler = async (event) => {
	const actor = actorOf(event);
	const request = await readJson(event, ViewsRequest);
	return syncJson(await recordViews(db(), actor, request));
};
