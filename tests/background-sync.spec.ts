import { expect, test, type Page } from '@playwright/test';
import { DEMO_USERS, goOffline, signedInDevice } from './helpers';

type Registration = { registrationId: string; scopeURL: string; isDeleted: boolean };

/** How many changes wait in the user's outbox, read with the plain IndexedDB API. */
const outboxCount = (page: Page, name: string) =>
	page.evaluate(
		(name) =>
			new Promise<number>((resolve, reject) => {
				const open = indexedDB.open(name);
				open.onerror = () => reject(open.error ?? new Error('could not open'));
				open.onsuccess = () => {
					const count = open.result.transaction('outbox').objectStore('outbox').count();
					count.onsuccess = () => {
						resolve(count.result);
						open.result.close();
					};
				};
			}),
		name
	);

test('Background Sync: with no page of the app open, the service worker sends the outbox when the signal returns', async ({
	browser
}) => {
	test.slow(); // two devices, each with its first sync
	const { context, page } = await signedInDevice(browser, DEMO_USERS.caseworker2.email);
	await page.getByTestId('caseload-row').first().getByRole('link').click();
	await expect(page.getByRole('heading', { name: 'Hearings' })).toBeVisible();
	const caseUrl = page.url();
	await goOffline(context, page);
	const summary = `Saved offline, sent by the service worker (${Date.now()})`;
	await page.getByLabel('Summary').fill(summary);
	await page.getByRole('button', { name: 'Save contact' }).click();
	await expect(page.getByText('1 change waiting to sync.')).toBeVisible();

	// The page asked the browser to wake the worker for this user's outbox.
	const database = await page.evaluate(async () =>
		(await indexedDB.databases()).map((d) => d.name!).find((n) => n.startsWith('victim-care-hub:'))!
	);
	const tag = `outbox:${database.slice('victim-care-hub:'.length)}`;
	await expect
		.poll(() =>
			page.evaluate(async () => {
				const registration = (await navigator.serviceWorker.ready) as ServiceWorkerRegistration & {
					sync: { getTags(): Promise<string[]> };
				};
				return registration.sync.getTags();
			})
		)
		.toContain(tag);

	// Every page of the app closes; only the browser's blank page is left.
	const blank = await context.newPage();
	const devtools = await context.newCDPSession(blank);
	const registrations: Registration[] = [];
	devtools.on('ServiceWorker.workerRegistrationUpdated', (e: { registrations: Registration[] }) =>
		registrations.push(...e.registrations)
	);
	await devtools.send('ServiceWorker.enable');
	await expect.poll(() => registrations.filter((r) => !r.isDeleted).length).toBeGreaterThan(0);
	const { registrationId, scopeURL } = registrations.find((r) => !r.isDeleted)!;
	await page.close();

	// The signal returns: the browser fires the sync event (here through DevTools, as Chromium
	// would on reconnecting), and the worker sends the change with no page to do it.
	await context.setOffline(false);
	await devtools.send('ServiceWorker.dispatchSyncEvent', {
		origin: new URL(scopeURL).origin,
		registrationId,
		tag,
		lastChance: false
	});
	// A page of the site that runs none of the app: only the worker can have emptied the outbox.
	await blank.goto('/robots.txt');
	await expect.poll(() => outboxCount(blank, database), { timeout: 20_000 }).toBe(0);

	const other = await signedInDevice(browser, DEMO_USERS.caseworker2.email);
	await other.page.goto(new URL(caseUrl).pathname);
	await expect(other.page.getByTestId('timeline')).toContainText(summary);
	await other.context.close();
	await context.close();
});
