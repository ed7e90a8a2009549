import { PushRequest } from '$lib/domain';
import { db } from '$lib/server/db';
import { actorOf, answering, readJson, syncJson } from '$lib/server/sync/http';
import { push } from '$lib/server/sync/push';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async (event) => {
	const actor = actorOf(event);
	const request = await readJson(event, PushRequest);
	return syncJson(await answering(() => push(db(), actor, request)));
};
