import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { db } from '$lib/server/db';
import { actorOf, readJson, syncJson } from '$lib/server/sync/http';
import {
	createInvitation,
	revokeVictimAccess,
	victimAccessStatus,
	VictimAccessError
} from '$lib/server/victim-access';
import type { RequestHandler } from './$types';

/**
 * The case's victim's portal access, online only: GET the status, POST `{ email }` for a new
 * one-time code, DELETE to revoke. The guard has already refused victims (403) and signed-out
 * callers (401); who may act on this case is checked from the session, never the body. Writes
 * are JSON and same-origin only (`readJson`), and no answer may be cached: a POST's answer is the
 * only copy of the code there will ever be.
 */

const NO_STORE = { 'cache-control': 'no-store' };

/** A refusal becomes its 4xx with `{ message, errors }`, `errors` keyed by field for the form. */
async function answering(work: () => Promise<Response>): Promise<Response> {
	try {
		return await work();
	} catch (e) {
		if (e instanceof VictimAccessError)
			return json(
				{ message: e.message, errors: e.fields },
				{ status: e.status, headers: NO_STORE }
			);
		throw e;
	}
}

export const GET: RequestHandler = (event) => {
	const actor = actorOf(event);
	return answering(async () => syncJson(await victimAccessStatus(db(), actor, event.params.id)));
};

export const POST: RequestHandler = async (event) => {
	const actor = actorOf(event);
	// The email itself is checked by `createInvitation`, which answers with a message for the field.
	const body = await readJson(event, z.object({ email: z.unknown() }));
	return answering(async () =>
		json(await createInvitation(db(), actor, { caseId: event.params.id, body }), {
			status: 201,
			headers: NO_STORE
		})
	);
};

export const DELETE: RequestHandler = async (event) => {
	const actor = actorOf(event);
	// An empty JSON object: the content type and origin checks are what protect this from CSRF.
	await readJson(event, z.object({}));
	return answering(async () => syncJson(await revokeVictimAccess(db(), actor, event.params.id)));
};
