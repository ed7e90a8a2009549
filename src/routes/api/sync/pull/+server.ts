import { PullRequest } from '$lib/domain';
import { db } from '$lib/server/db';
import { actorOf, answering, readJson, syncJson } from '$lib/server/sync/http';
import { pull } from '$lib/server/sync/pull';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async (event) => {
	const actor = actorOf(event);
	const request = await readJson(event, PullRequest);
	return syncJson(await answering(() => pull(db(), actor, request)));
};
