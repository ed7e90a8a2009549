/**
 * The service worker (Workbox, built by @vite-pwa/sveltekit in injectManifest mode).
 *
 * - Keeps the app: its built code and the app shell (an HTML page with no data that starts the
 *   app in the browser) are precached, so every staff page opens with no network and draws itself
 *   from the user's IndexedDB database. Staff pages are `no-store` and never kept.
 * - Page requests go to the network; when it cannot answer (no signal, or the server is down) a
 *   staff page gets the app shell and anything else a plain "you are offline" page.
 * - `/api/*` and any response marked `no-store` are never cached.
 * - A victim's portal pages carry their own case: the server lets them be kept only when the victim
 *   did not say at sign-in that the device is shared or unsafe (then they are `no-store`, and the
 *   page unregisters this worker and empties every cache). Calendar downloads and /exit are never
 *   kept. Signing in or out, and "Exit this page", empty the kept portal pages.
 * - Updates wait: a new version installs and then waits until the page says "update now" (after
 *   any sync in flight has finished; see `ui/update-prompt`). IndexedDB, and so the outbox, is
 *   not touched by an update.
 * - Background Sync: where the browser has it, a `outbox:<userId>` sync sends that user's outbox
 *   with the same idempotent push the pages use, under the same Web Lock; the outbox in IndexedDB
 *   stays the only queue.
 */
import { version } from '$service-worker';
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { databaseName, HubDatabase } from '$lib/client/db';
import { AuthRequiredError, fetchTransport, pushOutbox } from '$lib/client/sync-engine';
import { isPortalPage, isStaffPage, NEVER_KEPT, OFFLINE_PAGE } from './pages';

declare const self: ServiceWorkerGlobalScope & {
	__WB_MANIFEST: { url: string; revision: string | null }[];
};

/** The victim's portal pages kept for opening with no signal (never staff pages, never /api). */
const PORTAL_PAGES = 'portal-pages';
/** Before issue 8 staff pages were kept here; nothing is any more. */
const RETIRED_CACHES = ['staff-pages'];
const APP_SHELL = 'app-shell.html';
/** How long a page may take before a staff page is drawn from the device instead. */
const NETWORK_TIMEOUT_MS = 4000;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

/**
 * Bumped whenever someone signs in or out. A page fetched before that must not be stored after
 * it (a save still in flight when the cache is emptied would otherwise put it back).
 */
let generation = 0;
const forget = () => {
	generation++;
	return caches.delete(PORTAL_PAGES);
};

/** Only responses the server allows a private cache to keep (never `no-store`), from this generation. */
const keepable = (response: Response, startedIn: number) =>
	response.ok &&
	startedIn === generation &&
	!/no-store/i.test(response.headers.get('cache-control') ?? '');

const offlinePage = () =>
	new Response(OFFLINE_PAGE, {
		status: 503,
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'cache-control': 'no-store',
			'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'"
		}
	});

/** The network's answer, or null when it fails or (for staff pages) is too slow. */
async function fromNetwork(request: Request, patient: boolean): Promise<Response | null> {
	const answer = fetch(request).catch(() => null);
	if (patient) return answer;
	const late = new Promise<null>((resolve) => setTimeout(() => resolve(null), NETWORK_TIMEOUT_MS));
	return Promise.race([answer, late]);
}

registerRoute(
	({ request, url }) =>
		request.mode === 'navigate' &&
		url.origin === self.location.origin &&
		!NEVER_KEPT.some((pattern) => pattern.test(url.pathname)),
	async ({ request, url }) => {
		const startedIn = generation;
		const staff = isStaffPage(url.pathname);
		const portal = isPortalPage(url.pathname);
		const response = await fromNetwork(request, !staff);
		if (response) {
			if (portal && keepable(response, startedIn))
				await (await caches.open(PORTAL_PAGES)).put(request, response.clone());
			return response;
		}
		if (staff) {
			const shell = await matchPrecache(APP_SHELL);
			if (shell) return shell;
		}
		if (portal) {
			const kept = await (await caches.open(PORTAL_PAGES)).match(request);
			if (kept) return kept;
		}
		return offlinePage();
	}
);

self.addEventListener('fetch', (event) => {
	const url = new URL(event.request.url);
	if (url.origin !== self.location.origin) return;
	// Signing in or out, or arriving at the sign-in page: forget every page kept for whoever used
	// this browser before.
	const signingInOrOut =
		event.request.method === 'POST' &&
		(url.pathname === '/sign-in' || url.pathname === '/sign-out');
	const atSignIn =
		event.request.mode === 'navigate' && (url.pathname === '/sign-in' || url.pathname === '/exit');
	if (signingInOrOut || atSignIn) event.waitUntil(forget());
});

type Message =
	| { type: 'forget' }
	| { type: 'keep-page'; url: string }
	| { type: 'skip-waiting' }
	| { type: 'claim' }
	| { type: 'version' };

self.addEventListener('message', (event) => {
	const data = event.data as Message | null;
	switch (data?.type) {
		// "Exit this page" and signing out: forget every kept page at once.
		case 'forget':
			event.waitUntil(forget());
			return;
		// The page asked for the new version, once no sync was in flight (ui/update-prompt).
		case 'skip-waiting':
			event.waitUntil(self.skipWaiting());
			return;
		case 'version':
			event.ports[0]?.postMessage({ version });
			return;
		// A page this worker does not control yet (it opened while the worker was installing, or
		// was reloaded past it) asks to be taken over, so its next pages open with no signal.
		case 'claim':
			event.waitUntil(self.clients.claim());
			return;
		// A portal page opened by in-app navigation made no navigation request: the page asks for it
		// to be kept.
		case 'keep-page': {
			if (typeof data.url !== 'string') return;
			const url = new URL(data.url, self.location.origin);
			if (url.origin !== self.location.origin || !isPortalPage(url.pathname)) return;
			const startedIn = generation;
			event.waitUntil(
				fetch(url, { credentials: 'same-origin' }).then(async (response) => {
					if (keepable(response, startedIn))
						await (await caches.open(PORTAL_PAGES)).put(url, response);
				})
			);
			return;
		}
	}
});

type SyncEvent = ExtendableEvent & { tag: string };

/** Sends the user's outbox: the pages' own push, under the same lock, so it never runs twice at once. */
async function sendOutbox(userId: string) {
	const name = databaseName(userId);
	await navigator.locks.request(`sync:${userId}`, async () => {
		// Never re-create a database that signing out deleted (it deletes under this same lock).
		if (!(await indexedDB.databases()).some((d) => d.name === name)) return;
		const db = new HubDatabase(name);
		try {
			await pushOutbox(db, fetchTransport());
		} catch (error) {
			// Signed out on the server: nothing to send until the user signs in again (the page says so).
			if (!(error instanceof AuthRequiredError)) throw error;
		} finally {
			db.close();
		}
	});
}

self.addEventListener('sync', (event) => {
	const { tag } = event as SyncEvent;
	if (!tag.startsWith('outbox:')) return;
	// A rejection asks the browser to try again later.
	(event as SyncEvent).waitUntil(sendOutbox(tag.slice('outbox:'.length)));
});

self.addEventListener('activate', (event) =>
	event.waitUntil(
		Promise.all(RETIRED_CACHES.map((name) => caches.delete(name))).then(() => self.clients.claim())
	)
);
