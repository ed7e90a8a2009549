import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		sveltekit(),
		// The service worker source is in the top-level `service-worker/` folder (design card).
		SvelteKitPWA({
			strategies: 'injectManifest',
			srcDir: 'service-worker',
			filename: 'sw.ts',
			injectRegister: false,
			manifest: false,
			injectManifest: { globPatterns: ['client/**/*.{js,css,ico,png,svg,webp,woff,woff2}'] },
			// The app shell (see svelte.config.js) is precached too, revised with each build.
			kit: { adapterFallback: 'app-shell.html', spa: true },
			devOptions: { enabled: false }
		})
	],
	server: { port: 3000, strictPort: false },
	preview: { port: 3000 },
	css: {
		preprocessorOptions: {
			scss: { loadPaths: ['node_modules'], quietDeps: true }
		},
		// govuk-frontend still ships old IE hacks that Vite 8's CSS minifier rejects.
		lightningcss: { errorRecovery: true }
	},
	test: {
		include: ['src/**/*.spec.ts', 'scripts/**/*.spec.ts', 'service-worker/**/*.spec.ts'],
		// The long soaks run with `npm run test:soak` (vitest.soak.config.ts).
		exclude: [...configDefaults.exclude, '**/*.soak.spec.ts'],
		environment: 'node',
		// Storage tests start PGlite (WASM) instances, which take a few seconds each on 2 cores.
		testTimeout: 60_000,
		hookTimeout: 60_000
	}
});
