import { json } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { auditTrail, AuditTrailError } from '$lib/server/audit/trail';
import { actorOf } from '$lib/server/sync/http';
import type { RequestHandler } from './$types';

/**
 * The case's audit trail (who looked at it or changed it, and when), online only: the trail is
 * never synced to devices. The guard lets only supervisors here, and `auditTrail` checks the case
 * is in their team from the session. Never cached.
 */
const NO_STORE = { 'cache-control': 'no-store' };

export const GET: RequestHandler = async (event) => {
	const actor = actorOf(event);
	try {
		const entries = await auditTrail(db(), actor, event.params.id);
		return json({ entries }, { headers: NO_STORE });
	} catch (e) {
		if (e instanceof AuditTrailError)
			return json({ message: e.message }, { status: e.status, headers: NO_STORE });
		throw e;
	}
};
