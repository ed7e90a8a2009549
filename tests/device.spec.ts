import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_USERS, expectNoAxeViolations, signIn } from './helpers';

/**
 * "This device" and the browser's answer to `navigator.storage.persist()` (issue 8, item 4).
 * Chromium decides on its own (no prompt), so each test stubs the answer before the app runs and
 * counts how often it was asked. caseworker2 is only read: nothing here changes their cases.
 */
async function deviceWhereTheBrowser(browser: Browser, answer: 'refuses' | 'grants') {
	const context = await browser.newContext();
	await context.addInitScript((grants: boolean) => {
		let granted = false;
		Object.defineProperty(StorageManager.prototype, 'persisted', {
			value: () => Promise.resolve(granted)
		});
		Object.defineProperty(StorageManager.prototype, 'persist', {
			value: () => {
				sessionStorage.setItem(
					'persist-asked',
					String(Number(sessionStorage.getItem('persist-asked') ?? 0) + 1)
				);
				granted = grants;
				return Promise.resolve(grants);
			}
		});
	}, answer === 'grants');
	const page = await context.newPage();
	await signIn(page, DEMO_USERS.caseworker2.email);
	await expect(page.getByText('All changes saved to the server.')).toBeVisible();
	await expect(page.getByText(/Last synced/)).toBeVisible();
	return { context, page };
}

/** What the device's own database holds, read straight from IndexedDB. */
async function onTheDevice(page: Page) {
	return page.evaluate(async () => {
		const name = (await indexedDB.databases())
			.map((d) => d.name)
			.find((n) => n?.startsWith('victim-care-hub:'));
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const open = indexedDB.open(name!);
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(new Error(String(open.error)));
		});
		const count = (store: string) =>
			new Promise<number>((resolve, reject) => {
				const request = db.transaction(store).objectStore(store).count();
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(new Error(String(request.error)));
			});
		const result = { cases: await count('cases'), outbox: await count('outbox') };
		db.close();
		return result;
	});
}

test('when the browser may clear the data, every staff page says so, and the device page explains', async ({
	browser
}) => {
	const { context, page } = await deviceWhereTheBrowser(browser, 'refuses');
	const notice = page.getByTestId('storage-notice');
	await expect(notice).toHaveText(
		'This browser may clear the data on this device when space runs low. Sync often. What this means'
	);

	await notice.getByRole('link', { name: 'What this means' }).click();
	await expect(page).toHaveURL(/\/device$/);
	await expect(page.getByRole('heading', { name: 'This device', level: 1 })).toBeVisible();
	await expect(page.getByTestId('storage-used')).toHaveText(
		/^(\d+(\.\d)? (MB|GB)|less than 0\.1 MB)$/
	);
	await expect(page.getByTestId('storage-available')).toHaveText(/^\d+(\.\d)? (MB|GB)$/);
	await expect(page.getByTestId('storage-kept')).toContainText(
		"No. When this device runs low on space, the browser may delete the hub's data"
	);
	await expect(page.getByRole('button', { name: 'Ask the browser to keep it' })).toBeVisible();

	const held = await onTheDevice(page);
	expect(held.cases).toBeGreaterThan(0);
	expect(held.outbox).toBe(0);
	await expect(page.getByTestId('device-cases')).toHaveText(held.cases.toLocaleString('en-GB'));
	await expect(page.getByTestId('device-unsynced')).toHaveText('None: all saved to the server');
	await expect(page.getByTestId('device-record-count')).toContainText(/^\d[\d,]*/);

	await expectNoAxeViolations(page);

	// Asked once on this device: opening pages again does not ask again (no nagging)…
	await page.reload();
	await expect(page.getByTestId('storage-notice')).toBeVisible();
	await page.getByRole('link', { name: 'This device' }).click();
	await expect(page.getByTestId('storage-kept')).toContainText('No.');
	expect(await page.evaluate(() => sessionStorage.getItem('persist-asked'))).toBe('1');
	// …unless the person asks.
	await page.getByRole('button', { name: 'Ask the browser to keep it' }).click();
	await expect.poll(() => page.evaluate(() => sessionStorage.getItem('persist-asked'))).toBe('2');
	await context.close();
});

test('when the browser keeps the data, no notice, and the device page says it is kept', async ({
	browser
}) => {
	const { context, page } = await deviceWhereTheBrowser(browser, 'grants');
	await page.getByRole('link', { name: 'This device' }).click();
	await expect(page.getByTestId('storage-kept')).toHaveText(
		"Yes. The browser will not delete the hub's data to make space."
	);
	await expect(page.getByTestId('storage-notice')).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Ask the browser to keep it' })).toHaveCount(0);
	await expectNoAxeViolations(page);
	await context.close();
});
