import { db } from '$lib/server/db';
import { portalLocale, victimPortalFor } from '$lib/server/queries/victim-portal';
import type { LayoutServerLoad } from './$types';

/**
 * Every portal page: the victim's own case, victim-safe, and their language. The victim is taken
 * from the session (the hook has already refused anyone who is not a victim), never the request.
 */
export const load: LayoutServerLoad = async ({ locals, depends }) => {
	depends('portal:case');
	const user = locals.user!;
	const locale = await portalLocale(db(), user.id);
	locals.locale = locale;
	const now = new Date();
	const view = user.victimId ? await victimPortalFor(db(), user.victimId, now) : null;
	// The ids the actions need stay on the server.
	const { caseId: _c, victimId: _v, ...portal } = view ?? { caseId: null, victimId: null };
	return {
		locale,
		portal: view ? (portal as Omit<NonNullable<typeof view>, 'caseId' | 'victimId'>) : null,
		sharedDevice: locals.session?.sharedDevice ?? false,
		loadedAt: now.toISOString()
	};
};
