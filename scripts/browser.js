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
