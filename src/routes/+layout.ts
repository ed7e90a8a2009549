import { browser } from '$app/environment';
import type { Me } from './api/me/+server';
import type { LayoutLoad } from './$types';

const NOBODY: Me = { user: null, colleagues: [], teamName: null, sharedDevice: false };

/**
 * Who is signed in. Online, the server says (`/api/me`; during server rendering SvelteKit calls it
 * in-process and inlines the answer in the page). With no signal (a staff page opened from the
 * service worker's app shell), the staff member this device remembers: staff pages read
 * everything else from the user's own IndexedDB database, so they work with no server at all.
 */
export const load: LayoutLoad = async ({ fetch }) => {
	let me: Me;
	try {
		const response = await fetch('/api/me');
		if (!response.ok) throw new Error(`/api/me answered ${response.status}`);
		me = (await response.json()) as Me;
	} catch (error) {
		// On the server this is a fault to report; in the browser it means no signal.
		if (!browser) throw error;
		const { rememberedUser } = await import('$lib/client/device');
		return { ...(rememberedUser() ?? NOBODY), sharedDevice: false };
	}
	if (browser && me.user && me.user.role !== 'victim') {
		const { rememberUser } = await import('$lib/client/device');
		rememberUser({ user: me.user, colleagues: me.colleagues, teamName: me.teamName });
	}
	return me;
};
