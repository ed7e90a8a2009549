import { expect, test, type Browser, type Page } from '@playwright/test';
import { drawnCaseloadRows, signIn } from './helpers';

/**
 * Storage and tab faults in a real browser (issue 10, items 4 and 5): the device runs out of
 * space, its database connection is closed under it, another tab upgrades the database, and a tab
 * is closed in the middle of a push. In each, nothing typed or waiting to sync is lost, and the
 * person is told plainly what happened. Only caseworker6's cases: no other file changes them.
 */
const WHO = 'caseworker6@demo.test';

declare global {
	interface Window {
		/** Every IndexedDB connection the page opened (see `withConnectionsKept`). */
		__connections: IDBDatabase[];
	}
}

/**
 * A fresh device signed in after its first sync; optionally keeping the page's raw connections.
 * No service worker: its Background Sync would send the outbox itself, past the faults under test
 * (the page's own engine is what these tests hold to account).
 */
async function device(browser: Browser, keepConnections = false) {
	const context = await browser.newContext({ serviceWorkers: 'block' });
	if (keepConnections)
		await context.addInitScript(() => {
			window.__connections = [];
			const factory = IDBFactory.prototype;
			const open = factory.open.bind(indexedDB);
			factory.open = function (...args: [string, number?]) {
				const request = open(...args);
				request.addEventListener('success', () => window.__connections.push(request.result));
				return request;
			};
		});
	const page = await context.newPage();
	await signIn(page, WHO);
	await expect(page.getByText('All changes saved to the server.')).toBeVisible();
	await expect(page.getByText(/Last synced/)).toBeVisible();
	return { context, page };
}

async function openFirstCase(page: Page) {
	await (await drawnCaseloadRows(page)).first().getByRole('link').click();
	await expect(page.getByRole('heading', { name: 'Hearings' })).toBeVisible();
	return page.url();
}

/** Sends nothing to the server: changes stay in the outbox. */
const holdPushes = (page: Page) =>
	page.route('**/api/sync/push', (route) => route.abort('internetdisconnected'));

async function saveContact(page: Page, summary: string) {
	await page.getByLabel('Summary').fill(summary);
	await page.getByRole('button', { name: 'Save contact' }).click();
}

/** Changes waiting in the outbox, read straight from IndexedDB by a connection of its own. */
function outboxCount(page: Page): Promise<number> {
	return page.evaluate(async () => {
		const name = (await indexedDB.databases())
			.map((d) => d.name)
			.find((n) => n?.startsWith('victim-care-hub:'))!;
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const open = indexedDB.open(name);
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(new Error(String(open.error)));
		});
		try {
			return await new Promise<number>((resolve, reject) => {
				const request = db.transaction('outbox').objectStore('outbox').count();
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(new Error(String(request.error)));
			});
		} finally {
			db.close();
		}
	});
}

/**
 * A full device: every IndexedDB write of the page fails as Chromium fails one over quota, with a
 * `QuotaExceededError` that aborts its transaction. (Chromium 156 accepts CDP's
 * `Storage.overrideQuotaForOrigin` but does not apply it: `estimate()` and writes are unchanged.)
 */
async function deviceRunningOutOfSpace(browser: Browser) {
	const context = await browser.newContext({ serviceWorkers: 'block' });
	await context.addInitScript(() => {
		for (const method of ['put', 'add'] as const) {
			const store = IDBObjectStore.prototype;
			const write = Object.getOwnPropertyDescriptor(store, method)!.value as (
				this: IDBObjectStore,
				...args: [unknown, IDBValidKey?]
			) => IDBRequest<IDBValidKey>;
			store[method] = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
				if (sessionStorage.getItem('device-full'))
					throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
				return write.apply(this, args);
			};
		}
	});
	const page = await context.newPage();
	await signIn(page, WHO);
	await expect(page.getByText('All changes saved to the server.')).toBeVisible();
	await expect(page.getByText(/Last synced/)).toBeVisible();
	const full = (on: boolean) =>
		page.evaluate((on) => {
			if (on) sessionStorage.setItem('device-full', '1');
			else sessionStorage.removeItem('device-full');
		}, on);
	return { context, page, full };
}

test('out of space: the contact is not saved, the form says so plainly and keeps what was typed; with room it saves and syncs', async ({
	browser
}) => {
	const { context, page, full } = await deviceRunningOutOfSpace(browser);
	await openFirstCase(page);
	await full(true);

	const summary = `Typed on a full phone ${Date.now()}`;
	await saveContact(page, summary);
	await expect(
		page
			.getByRole('alert')
			.getByText(
				'This device is out of storage space, so this was not saved. What you typed is still here'
			)
	).toBeVisible();
	await expect(page.getByLabel('Summary')).toHaveValue(summary);
	expect(await outboxCount(page)).toBe(0);
	await expect(page.getByTestId('timeline').getByText(summary)).toHaveCount(0);

	// Space again: the same words, still in the form, save and reach the server.
	await full(false);
	await page.getByRole('button', { name: 'Save contact' }).click();
	await expect(page.getByLabel('Summary')).toHaveValue('');
	await expect(page.getByTestId('timeline').getByText(summary)).toHaveCount(1);
	await expect(page.getByText('All changes saved to the server.')).toBeVisible();
	await context.close();
});

test('the database connection closed under the page: the next change is saved, and nothing waiting is lost', async ({
	browser
}) => {
	const { context, page } = await device(browser, true);
	await openFirstCase(page);
	await holdPushes(page);
	const stamp = Date.now();
	await saveContact(page, `Before the close ${stamp}`);
	await expect(page.getByText('1 change waiting to sync.')).toBeVisible();

	const closed = await page.evaluate(() => {
		for (const db of window.__connections) db.close();
		return window.__connections.length;
	});
	expect(closed).toBeGreaterThan(0);
	await saveContact(page, `After the close ${stamp}`);
	await expect(page.getByLabel('Summary')).toHaveValue('');
	await expect(page.getByText('2 changes waiting to sync.')).toBeVisible();
	expect(await outboxCount(page)).toBe(2);

	await page.unroute('**/api/sync/push');
	await page.reload();
	await expect(page.getByText('All changes saved to the server.')).toBeVisible({ timeout: 20_000 });
	for (const words of [`Before the close ${stamp}`, `After the close ${stamp}`])
		await expect(page.getByTestId('timeline').getByText(words)).toHaveCount(1);
	await context.close();
});

test('another tab upgrades the database: this one closes, says to reload, saves nothing more; the outbox survives and syncs', async ({
	browser
}) => {
	const { context, page } = await device(browser);
	await openFirstCase(page);
	await holdPushes(page);
	const stamp = Date.now();
	await saveContact(page, `Waiting through an upgrade ${stamp}`);
	await expect(page.getByText('1 change waiting to sync.')).toBeVisible();

	// A newer version of the app in another tab opens the same database one version up.
	const other = await context.newPage();
	await other.goto('/api/health');
	const upgrade = await other.evaluate(async () => {
		const name = (await indexedDB.databases())
			.map((d) => d.name)
			.find((n) => n?.startsWith('victim-care-hub:'))!;
		const version = (await indexedDB.databases()).find((d) => d.name === name)!.version!;
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const open = indexedDB.open(name, version + 1);
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(new Error(String(open.error)));
		});
		const outbox = await new Promise<number>((resolve, reject) => {
			const request = db.transaction('outbox').objectStore('outbox').count();
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(new Error(String(request.error)));
		});
		db.close();
		return { from: version, to: db.version, outbox };
	});
	expect(upgrade).toEqual({ from: upgrade.from, to: upgrade.from + 1, outbox: 1 });

	await expect(page.getByTestId('upgraded-elsewhere')).toContainText(
		'The hub was updated in another tab, so this page can no longer save or sync. Reload this page. Your changes waiting to sync are kept on this device.'
	);
	const late = `Typed after the upgrade ${stamp}`;
	await saveContact(page, late);
	await expect(
		page.getByText('This page can no longer save: the hub was updated in another tab.').first()
	).toBeVisible();
	await expect(page.getByLabel('Summary')).toHaveValue(late);
	await other.close();

	await page.unroute('**/api/sync/push');
	await page.getByRole('button', { name: 'Reload this page' }).click();
	await expect(page.getByText('All changes saved to the server.')).toBeVisible({ timeout: 20_000 });
	await expect(
		page.getByTestId('timeline').getByText(`Waiting through an upgrade ${stamp}`)
	).toHaveCount(1);
	await context.close();
});

test('a tab closed while its push is on the way: the change is sent again from another tab and recorded once', async ({
	browser
}) => {
	const { context, page } = await device(browser);
	const caseUrl = await openFirstCase(page);
	const summary = `Tab closed mid-push ${Date.now()}`;
	const reachedServer = new Promise<void>(
		(resolve) =>
			void page.route('**/api/sync/push', async (route) => {
				await route.fetch(); // the server commits…
				resolve(); // …and the tab is closed before the answer arrives
			})
	);
	await saveContact(page, summary);
	await reachedServer;
	await page.close({ runBeforeUnload: false });

	const again = await context.newPage();
	await again.goto(caseUrl);
	await expect.poll(() => outboxCount(again), { timeout: 20_000 }).toBe(0);
	await expect(again.getByText('All changes saved to the server.')).toBeVisible();
	await expect(again.getByTestId('timeline').getByText(summary)).toHaveCount(1);

	// Another device downloads the server's copy: the contact is there once.
	const check = await device(browser);
	await check.page.goto(caseUrl);
	await expect(check.page.getByTestId('timeline').getByText(summary)).toHaveCount(1);
	await context.close();
	await check.context.close();
});
