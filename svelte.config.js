import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * The app shell: an HTML page with no data that starts the app and lets it route in the browser
 * (SvelteKit's "fallback page"). Staff pages are `no-store`, so the service worker keeps none of
 * them; with no signal it answers a staff page with this shell (precached, see vite.config.ts)
 * and the page draws itself from the user's IndexedDB database.
 * @param {import('@sveltejs/kit').Adapter} adapter
 * @returns {import('@sveltejs/kit').Adapter}
 */
function withAppShell(adapter) {
	return {
		...adapter,
		async adapt(builder) {
			await adapter.adapt(builder);
			await builder.generateFallback('build/client/app-shell.html');
		}
	};
}

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		runes: true
	},
	kit: {
		adapter: withAppShell(adapter({ precompress: true })),
		// The service worker source lives in the top-level `service-worker/` folder (design card).
		// SvelteKit bundles it; @vite-pwa/sveltekit then injects Workbox's precache manifest. The app
		// registers it itself, in production builds only.
		files: { serviceWorker: 'service-worker/sw.ts' },
		serviceWorker: { register: false },
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				// Svelte transitions set inline styles; no inline scripts are ever allowed.
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
