import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { DEMO_USERS, signIn, untilControlled } from './helpers';

/**
 * Installable for staff (issue 8, item 3): Chromium itself says whether a page can be installed
 * (DevTools protocol), and which manifest it would install. Victims' pages never offer it.
 */

/**
 * Chromium never installs from an incognito profile, which is what `browser.newContext()` makes:
 * these tests use a real profile in a folder of their own, deleted afterwards.
 */
async function ordinaryProfile(
	baseURL: string | undefined
): Promise<{ context: BrowserContext; page: Page; close: () => Promise<void> }> {
	const folder = mkdtempSync(path.join(tmpdir(), 'vch-install-'));
	const context = await chromium.launchPersistentContext(folder, {
		...test.info().project.use.launchOptions,
		baseURL
	});
	const page = context.pages()[0] ?? (await context.newPage());
	return {
		context,
		page,
		close: async () => {
			await context.close();
			rmSync(folder, { recursive: true, force: true });
		}
	};
}

async function whatChromiumSays(page: Page) {
	const cdp = await page.context().newCDPSession(page);
	try {
		const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
		const manifest = await cdp.send('Page.getAppManifest');
		return { errors: installabilityErrors.map((e) => e.errorId), manifest };
	} finally {
		await cdp.detach();
	}
}

/** Width × height from a PNG's header (IHDR), as the manifest states sizes: "192x192". */
function pngSize(bytes: Buffer): string {
	expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
	return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

const STAFF = [
	{ role: 'caseworker', user: DEMO_USERS.caseworker2 },
	{ role: 'supervisor', user: DEMO_USERS.supervisor }
] as const;

for (const { role, user } of STAFF) {
	test(`a ${role} can install the hub, which opens on ${user.home}`, async ({ baseURL }) => {
		const { page, close } = await ordinaryProfile(baseURL);
		await signIn(page, user.email);
		await expect(page.getByRole('heading', { name: user.heading, level: 1 })).toBeVisible();
		await expect(page.locator('link[rel="manifest"]')).toHaveAttribute(
			'href',
			`/${role}.webmanifest`
		);
		// Some Chromium versions want a service worker controlling the page before it is installable.
		await untilControlled(page);

		await expect.poll(async () => (await whatChromiumSays(page)).errors).toEqual([]);
		const { manifest } = await whatChromiumSays(page);
		expect(manifest.errors).toEqual([]);
		expect(new URL(manifest.url).pathname).toBe(`/${role}.webmanifest`);
		expect(manifest.manifest.startUrl).toBe(new URL(user.home, baseURL).href);
		expect(manifest.manifest.scope).toBe(new URL('/', baseURL).href);
		// The protocol names the display mode after Chromium's enum ("kStandalone").
		expect(manifest.manifest.display).toMatch(/standalone$/i);

		// Every icon it names loads, as a PNG of the size it states; one is maskable.
		const declared = (
			JSON.parse(manifest.data!) as {
				icons: { src: string; sizes: string; type: string; purpose: string }[];
			}
		).icons;
		expect(declared.map((i) => i.purpose)).toContain('maskable');
		for (const icon of [
			...declared,
			{ src: '/apple-touch-icon.png', sizes: '180x180', type: 'image/png' }
		]) {
			const response = await page.request.get(icon.src);
			expect(response.status(), icon.src).toBe(200);
			expect(response.headers()['content-type'], icon.src).toBe('image/png');
			expect(pngSize(await response.body()), icon.src).toBe(icon.sizes);
		}
		await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveAttribute(
			'href',
			'/apple-touch-icon.png'
		);
		await close();
	});
}

test('the sign-in page and the victim’s pages offer no install', async ({ baseURL }) => {
	const { page, close } = await ordinaryProfile(baseURL);
	await page.goto('/sign-in');
	await expect(page.locator('link[rel="manifest"]')).toHaveCount(0);

	// Read only: the demo victim's case is not changed.
	await signIn(page, DEMO_USERS.victim.email);
	await expect(page).toHaveURL(/\/your-case$/);
	await untilControlled(page);
	await expect(page.locator('link[rel="manifest"]')).toHaveCount(0);
	const { errors, manifest } = await whatChromiumSays(page);
	expect(errors).toContain('no-manifest');
	expect(manifest.url).toBe('');
	expect(errors).not.toContain('in-incognito');
	await close();
});
