import { existsSync } from 'node:fs';

/**
 * Where the Chromium for the end-to-end tests is. Playwright cannot download its own browsers on
 * these machines, so Debian's Chromium is used; CHROMIUM_PATH overrides.
 */
export const CHROMIUM_CANDIDATES = [
	process.env.CHROMIUM_PATH,
	'/usr/bin/chromium',
	'/usr/bin/chromium-browser',
	'/usr/bin/google-chrome'
].filter(/** @returns {p is string} */ (p) => typeof p === 'string' && p.length > 0);

/** @returns {string | undefined} */
export function findChromium() {
	return CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate));
}

/**
 * How every browser run of the project starts Chromium: root on a closed network, so no sandbox
 * and no background calls to Google's hosts (the e2e tests and the bench alike).
 */
export const CHROMIUM_FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-dev-shm-usage',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];
