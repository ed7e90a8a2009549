import { PushRequest } from '$lib/domain';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db';
import { actorOf, answering, readJson, syncJson } from '$lib/server/sync/http';
import { BadSyncRequest } from '$lib/server/sync/errors';
import { isPortalClientId } from '$lib/server/sync/portal';
import { push } from '$lib/server/sync/push';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async (event) => {
	const actor = actorOf(event);
	const request = await readJson(event, PushRequest);
	const response = await answering(() => {
		// Only the server speaks for a victim's portal: a device may not claim its client id.
		if (isPortalClientId(request.clientId))
			throw new BadSyncRequest(400, 'That client id is reserved. Use a UUIDv7 made on the device.');
		return push(db(), actor, request);
	});
	if (config().failpoint === 'exit-after-push-commit' && response.results.some(applied))
		process.exit(70);
	return syncJson(response);
};

const applied = (r: { status: string }) => r.status === 'applied';
