import { db } from '$lib/server/db';
import { portalLocale, victimPortalFor, type PortalView } from '$lib/server/queries/victim-portal';
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
	let portal: Omit<PortalView, 'caseId' | 'victimId'> | null = null;
	if (view) {
		const { caseId: _c, victimId: _v, ...rest } = view;
		portal = rest;
	}
	return {
		locale,
		portal,
		sharedDevice: locals.session?.sharedDevice ?? false,
		loadedAt: now.toISOString()
	};
};
