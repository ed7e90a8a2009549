/**
 * Runs before the end-to-end tests: makes sure a Chromium is there, installing Debian's package
 * when none is found and this machine can (root with apt-get), so `npm test` needs no manual step.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { findChromium } from './browser.js';

function playwrightOwnBrowser() {
	try {
		const path = chromium.executablePath();
		return path && existsSync(path) ? path : undefined;
	} catch {
		return undefined;
	}
}

function run(command, args) {
	const result = spawnSync(command, args, {
		stdio: 'inherit',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
	});
	return result.status === 0;
}

const found = findChromium() ?? playwrightOwnBrowser();
if (found) {
	console.log(`e2e: using Chromium at ${found}`);
	process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (process.platform === 'linux' && isRoot && existsSync('/usr/bin/apt-get')) {
	console.log("e2e: no Chromium found; installing Debian's chromium package…");
	if (run('apt-get', ['update', '-qq']) && run('apt-get', ['install', '-y', '-qq', 'chromium'])) {
		const installed = findChromium();
		if (installed) {
			console.log(`e2e: installed Chromium at ${installed}`);
			process.exit(0);
		}
	}
}

console.error(
	'e2e: no Chromium found. Install one (Debian/Ubuntu: `sudo apt-get install chromium`), ' +
		'or run `npx playwright install chromium` where downloads work, or set CHROMIUM_PATH.'
);
process.exit(1);
