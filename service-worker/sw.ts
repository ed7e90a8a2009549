/**
 * The service worker (Workbox, built by @vite-pwa/sveltekit in injectManifest mode).
 *
 * What it does today (issue 4): keeps the app's code so staff pages load with no network, and
 * keeps a copy of each staff page a signed-in user has opened so it can be reloaded offline. The
 * pages carry no case data (that lives in the user's IndexedDB database); they are cached only
 * when the server marks them `private`, never when `no-store`. `/api/*` is never cached. Signing
 * in or out empties the page cache, so one user's pages are never served to the next.
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

/** Only responses the server allows a private cache to keep: never `no-store`. */
const cacheable = {
	cacheWillUpdate: ({ response }: { response: Response }) =>
		Promise.resolve(
			response.ok && !/no-store/i.test(response.headers.get('cache-control') ?? '')
				? response
				: null
		)
};

registerRoute(
	new NavigationRoute(
		new NetworkFirst({ cacheName: PAGES, networkTimeoutSeconds: 4, plugins: [cacheable] }),
		{
			denylist: [/^\/api\//, /^\/sign-in/, /^\/sign-out/]
		}
	)
);

self.addEventListener('fetch', (event) => {
	const url = new URL(event.request.url);
	// Signing in or out: forget every page kept for whoever used this browser before.
	if (
		event.request.method === 'POST' &&
		(url.pathname === '/sign-in' || url.pathname === '/sign-out')
	)
		event.waitUntil(caches.delete(PAGES));
});

self.addEventListener('message', (event) => {
	// A page opened by in-app navigation made no navigation request: the app asks for it to be kept.
	const data = event.data as { type?: string; url?: string } | null;
	if (data?.type === 'keep-page' && typeof data.url === 'string') {
		const url = new URL(data.url, self.location.origin);
		if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
		event.waitUntil(
			fetch(url, { credentials: 'same-origin' }).then(async (response) => {
				const kept = await cacheable.cacheWillUpdate({ response });
				if (kept) await (await caches.open(PAGES)).put(url, kept);
			})
		);
	}
});

self.addEventListener('install', () => void self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
