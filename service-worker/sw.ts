/**
 * The service worker (Workbox, built by @vite-pwa/sveltekit in injectManifest mode).
 *
 * What it does today (issue 4): keeps the app's code so staff pages load with no network, and
 * keeps a copy of each staff page a signed-in user has opened so it can be reloaded offline. The
 * pages carry no case data (that lives in the user's IndexedDB database); they are cached only
 * when the server marks them `private`, never when `no-store`. `/api/*` is never cached. Signing
 * in or out empties the page cache, so one user's pages are never served to the next.
 * A victim's portal pages carry their own case: the server lets them be kept only when the victim
 * did not say at sign-in that the device is shared or unsafe (then they are `no-store`, and the
 * page unregisters this worker and empties every cache). Calendar downloads and /exit are never kept.
 * Updates, install prompts and storage handling are issue 8.
 */
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';

declare const self: ServiceWorkerGlobalScope & {
	__WB_MANIFEST: { url: string; revision: string | null }[];
};

const PAGES = 'staff-pages';

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

/**
 * Bumped whenever someone signs in or out. A page fetched before that must not be stored after
 * it (a save still in flight when the cache is emptied would otherwise put it back).
 */
let generation = 0;
const forget = () => {
	generation++;
	return caches.delete(PAGES);
};

/** Only responses the server allows a private cache to keep (never `no-store`), from this generation. */
const keepable = (response: Response, startedIn: number) =>
	response.ok &&
	startedIn === generation &&
	!/no-store/i.test(response.headers.get('cache-control') ?? '');

registerRoute(
	new NavigationRoute(
		new NetworkFirst({
			cacheName: PAGES,
			networkTimeoutSeconds: 4,
			plugins: [
				{
					requestWillFetch: ({ request, state }) => {
						if (state) state.generation = generation;
						return Promise.resolve(request);
					},
					cacheWillUpdate: ({ response, state }) =>
						Promise.resolve(
							keepable(response, (state?.generation as number | undefined) ?? -1) ? response : null
						)
				}
			]
		}),
		{ denylist: [/^\/api\//, /^\/sign-in/, /^\/sign-out/, /^\/exit/, /^\/your-case\/calendar\//] }
	)
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

self.addEventListener('message', (event) => {
	// A page opened by in-app navigation made no navigation request: the app asks for it to be kept.
	const data = event.data as { type?: string; url?: string } | null;
	// "Exit this page": forget every kept page at once, whatever happens to the sign-out request.
	if (data?.type === 'forget') {
		event.waitUntil(forget());
		return;
	}
	if (data?.type !== 'keep-page' || typeof data.url !== 'string') return;
	const url = new URL(data.url, self.location.origin);
	if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
	const startedIn = generation;
	event.waitUntil(
		fetch(url, { credentials: 'same-origin' }).then(async (response) => {
			if (keepable(response, startedIn)) await (await caches.open(PAGES)).put(url, response);
		})
	);
});

self.addEventListener('install', () => void self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
