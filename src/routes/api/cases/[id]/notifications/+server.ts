import { json } from '@sveltejs/kit';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db';
import {
	caseNotifications,
	CaseNotificationsError,
	usesDevelopmentOutbox
} from '$lib/server/notifications';
import { actorOf } from '$lib/server/sync/http';
import type { RequestHandler } from './$types';

/**
 * The messages the hub sent (or could not send) to the case's victim, newest first, online only.
 * The guard has already refused victims (403) and signed-out callers (401); whether this caller may
 * see this case is decided from the session. Never cached: it names the victim's address or number.
 */
const NO_STORE = { 'cache-control': 'no-store' };

export const GET: RequestHandler = async (event) => {
	const actor = actorOf(event);
	try {
		const notifications = await caseNotifications(db(), actor, event.params.id);
		return json(
			{ notifications, developmentOutbox: usesDevelopmentOutbox(config()) },
			{ headers: NO_STORE }
		);
	} catch (e) {
		if (e instanceof CaseNotificationsError)
			return json({ message: e.message }, { status: e.status, headers: NO_STORE });
		throw e;
	}
};
