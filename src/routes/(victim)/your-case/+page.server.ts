import { fail } from '@sveltejs/kit';
import { newId } from '$lib/domain';
import { db } from '$lib/server/db';
import { portalCaseOf } from '$lib/server/queries/victim-portal';
import { applyFromPortal } from '$lib/server/sync/portal';
import type { Actions } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const actions: Actions = {
	/** "I have seen this" on one change: recorded through the sync rules, so it reaches the caseworker. */
	seen: async ({ request, locals }) => {
		const user = locals.user!;
		const change = (await request.formData()).get('change');
		const found = user.victimId ? await portalCaseOf(db(), user.victimId) : null;
		if (!found || typeof change !== 'string' || !UUID.test(change))
			return fail(400, { seenFailed: typeof change === 'string' ? change : '' });
		const result = await applyFromPortal(db(), user, {
			name: 'hearing.acknowledge',
			args: {
				caseId: found.caseId,
				hearingChangeId: change,
				acknowledgementId: newId(),
				acknowledgedAt: new Date().toISOString()
			}
		});
		if (result.status !== 'applied') return fail(400, { seenFailed: change });
		return { seen: change };
	}
};
