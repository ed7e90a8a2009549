import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { fieldErrors, Id, ReassignRequest, type FieldErrors } from '$lib/domain';
import { db } from '$lib/server/db';
import { BadSyncRequest } from '$lib/server/sync/errors';
import { actorOf, readJson } from '$lib/server/sync/http';
import { reassignCase, refuseUnlessSupervisor } from '$lib/server/sync/reassign';
import type { RequestHandler } from './$types';

/**
 * A supervisor moves the case to another caseworker of their team, online only: POST
 * `{ toCaseworkerId, reason }`, answered `{ assignedCaseworkerId }`. The guard lets only supervisors
 * reach it, and `reassignCase` checks the caller from the session again (team, active caseworker,
 * not the one holding it). The move is kept in the assignment history with its reason, and the
 * case reaches the new caseworker's device, and leaves the old one's, at their next sync.
 * Refusals are `{ message, errors }`, `errors` keyed by field for the form; nothing is cached.
 */

const NO_STORE = { 'cache-control': 'no-store' };

const refused = (status: number, message: string, errors: FieldErrors = {}) =>
	json({ message, errors }, { status, headers: NO_STORE });

export const POST: RequestHandler = async (event) => {
	const actor = actorOf(event);
	try {
		refuseUnlessSupervisor(actor);
		if (!Id.safeParse(event.params.id).success) return refused(404, 'There is no such case.');
		// JSON and same-origin only (`readJson`); the fields are checked below, for the form's words.
		const body = await readJson(event, z.unknown());
		const parsed = ReassignRequest.safeParse(body);
		if (!parsed.success) {
			const errors = fieldErrors(parsed.error);
			return refused(400, `${Object.values(errors).join('. ')}.`, errors);
		}
		await reassignCase(db(), actor, { caseId: event.params.id, ...parsed.data });
		return json({ assignedCaseworkerId: parsed.data.toCaseworkerId }, { headers: NO_STORE });
	} catch (e) {
		if (!(e instanceof BadSyncRequest)) throw e;
		// `reassignCase` answers 400 only about whom the case would go to: the form shows it there.
		return refused(e.status, e.message, e.status === 400 ? { toCaseworkerId: e.message } : {});
	}
};
