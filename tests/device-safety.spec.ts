import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import {
	DEMO_PASSWORD,
	DEMO_USERS,
	drawnCaseloadRows,
	expectNoAxeViolations,
	goOffline,
	signedInDevice,
	signIn,
	untilControlled
} from './helpers';

/**
 * Device safety (issue 8): sign-out clears the user's data from the browser, another user never
 * sees what the previous one left, and an idle device hides its data behind a lock screen.
 * Contacts are recorded on caseworker2's cases only; caseworker@demo.test is "another person".
 */

const A = DEMO_USERS.caseworker2;
const B = DEMO_USERS.caseworker;
const PREFIX = 'victim-care-hub:';
/** Whether this browser was asked to keep the hub's storage: about the device, not a person. */
const DEVICE_ONLY = `${PREFIX}storage-persist`;

/** What this browser holds: IndexedDB databases, every URL in Cache Storage, localStorage keys. */
const deviceContents = (page: Page) =>
	page.evaluate(async () => {
		const urls: string[] = [];
		const cacheNames = await caches.keys();
		for (const name of cacheNames)
			for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
		return {
			databases: (await indexedDB.databases()).map((d) => d.name ?? ''),
			cacheNames,
			urls,
			localKeys: Object.keys(localStorage)
		};
	});

/** The one hub database on the device (the signed-in user's). */
async function ownDatabase(page: Page): Promise<string> {
	const { databases } = await deviceContents(page);
	const ours = databases.filter((n) => n.startsWith(PREFIX));
	expect(ours).toHaveLength(1);
	return ours[0]!;
}

/** Row counts of some stores of a database, opened raw (not through the app). */
const storeCounts = (page: Page, name: string, stores: string[]) =>
	page.evaluate(
		async ({ name, stores }) => {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open(name);
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error ?? new Error(`Could not open ${name}`));
			});
			const counts: Record<string, number> = {};
			for (const store of stores)
				counts[store] = await new Promise<number>((resolve) => {
					const request = db.transaction(store).objectStore(store).count();
					request.onsuccess = () => resolve(request.result);
				});
			db.close();
			return counts;
		},
		{ name, stores }
	);

/** The first open case on the caseload: its page, and the victim's name as the caseload shows it. */
async function openFirstCase(page: Page) {
	const link = page
		.getByTestId('caseload-row')
		.filter({ hasNot: page.getByText('Closed', { exact: true }) })
		.first()
		.getByRole('link');
	const victim = (await link.textContent())!.trim();
	await link.click();
	await expect(page.getByRole('heading', { name: 'Hearings' })).toBeVisible();
	return { victim, caseUrl: page.url() };
}

/** The cases on the caseload, by link, once it has drawn. */
async function caseHrefs(page: Page) {
	const links = (await drawnCaseloadRows(page)).getByRole('link');
	return links.evaluateAll((all) => all.map((a) => a.getAttribute('href')));
}

async function recordContactOffline(context: BrowserContext, page: Page, summary: string) {
	await goOffline(context, page);
	await page.getByLabel('Summary').fill(summary);
	await page.getByRole('button', { name: 'Save contact' }).click();
	await expect(page.getByTestId('timeline')).toContainText(summary);
	await expect(page.getByText('1 change waiting to sync.')).toBeVisible();
}

test('signing out clears the device: no database of the user, no cached /api answer, nobody remembered', async ({
	browser
}) => {
	const { context, page } = await signedInDevice(browser, A.email);
	const name = await ownDatabase(page);
	const userId = name.slice(PREFIX.length);
	// Something to clear: a cache besides the app's code (staff pages are never kept, but a victim's
	// portal pages may be on a shared browser), and the lock is recorded.
	await untilControlled(page);
	await page.evaluate(async () =>
		(await caches.open('portal-pages')).put('/your-case', new Response('a kept page'))
	);
	expect((await deviceContents(page)).cacheNames).toContain('portal-pages');
	expect((await deviceContents(page)).localKeys).toContain(`${PREFIX}lock:${userId}`);

	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByText('You have signed out.')).toBeVisible();

	const after = await deviceContents(page);
	expect(after.databases).not.toContain(name);
	expect(after.databases.filter((n) => n.startsWith(PREFIX))).toEqual([]);
	expect(after.urls.filter((url) => new URL(url).pathname.startsWith('/api/'))).toEqual([]);
	// Only the app's own code is kept (Workbox's precache); the kept pages are gone.
	expect(after.cacheNames.filter((n) => !n.startsWith('workbox-precache'))).toEqual([]);
	// Nobody remembered as signed in here, no lock state, no sign-out owed: only whether the
	// browser was asked to keep the device's storage, which says nothing about anyone.
	expect(after.localKeys.filter((k) => k.startsWith(PREFIX) && k !== DEVICE_ONLY)).toEqual([]);
	expect((await context.cookies()).find((c) => c.name === 'session')).toBeUndefined();
	await context.close();
});

test('a change not yet synced: sign-out warns and lists it; "Sync now" once online sends it, then signs out', async ({
	browser
}) => {
	test.slow(); // two devices, each with a first sync
	const { context, page } = await signedInDevice(browser, A.email);
	const { victim, caseUrl } = await openFirstCase(page);
	const summary = `Rang about the trial, then signed out (${Date.now()})`;
	await recordContactOffline(context, page, summary);

	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(
		page.getByRole('heading', { name: '1 change on this device has not reached the server yet' })
	).toBeVisible();
	const listed = page.getByTestId('unsynced-changes').getByRole('listitem');
	await expect(listed).toHaveCount(1);
	await expect(listed).toContainText(victim);
	await expect(listed).toContainText(summary);
	await expectNoAxeViolations(page);

	await page.getByRole('button', { name: 'Sync now' }).click();
	await expect(page.getByTestId('sign-out-notice')).toHaveText(
		'This device is offline. Connect to the internet, then choose “Sync now” again.'
	);
	// Nothing was cleared meanwhile.
	expect((await deviceContents(page)).databases.filter((n) => n.startsWith(PREFIX))).toHaveLength(
		1
	);

	await context.setOffline(false);
	await page.getByRole('button', { name: 'Sync now' }).click();
	await expect(page.getByText('You have signed out.')).toBeVisible({ timeout: 20_000 });
	expect((await deviceContents(page)).databases.filter((n) => n.startsWith(PREFIX))).toEqual([]);

	// The change reached the server: another device of the same caseworker has it.
	const other = await signedInDevice(browser, A.email);
	await other.page.goto(caseUrl);
	await expect(other.page.getByTestId('timeline')).toContainText(summary);
	await context.close();
	await other.context.close();
});

test('signing out with no signal and deleting an unsynced change: says what is lost, clears the device, ends the session once online', async ({
	browser
}) => {
	test.slow();
	const { context, page } = await signedInDevice(browser, A.email);
	const { caseUrl } = await openFirstCase(page);
	const name = await ownDatabase(page);
	const summary = `A note that will be thrown away (${Date.now()})`;
	await recordContactOffline(context, page, summary);

	await page.getByRole('button', { name: 'Sign out' }).click();
	await page.getByRole('button', { name: 'Sign out and delete this change' }).click();
	await expect(page.getByRole('heading', { name: 'Delete 1 change and sign out?' })).toBeVisible();
	await expect(
		page.getByText('This change has not reached the server and will be lost')
	).toBeVisible();
	await expect(page.getByTestId('unsynced-changes')).toContainText(summary);
	await page.getByRole('button', { name: 'Delete 1 change and sign out' }).click();

	// Offline: cleared at once, and said so on the page (the sign-in page cannot load offline).
	await expect(page.getByText('You have signed out on this device')).toBeVisible();
	await expect(page.getByText('your sign-in will end there as soon as')).toBeVisible();
	const cleared = await deviceContents(page);
	expect(cleared.databases).not.toContain(name);
	expect(cleared.localKeys.filter((k) => k.startsWith(PREFIX) && k !== DEVICE_ONLY)).toEqual([
		`${PREFIX}sign-out-owed`
	]);
	expect((await context.cookies()).find((c) => c.name === 'session')).toBeDefined();

	// Back online: the sign-out reaches the server and the sign-in page opens. Playwright takes the
	// browser online for the page before its service worker, so the page's move to the sign-in page
	// can still meet the worker's "needs a signal" page: a person would choose "Try again" there.
	await context.setOffline(false);
	const noSignal = page.getByRole('heading', { name: 'This page needs a signal' });
	await expect(async () => {
		if (await noSignal.isVisible()) await page.getByRole('link', { name: 'Try again' }).click();
		await expect(page.getByText('You have signed out.')).toBeVisible({ timeout: 2_000 });
	}).toPass({ timeout: 20_000 });
	expect((await context.cookies()).find((c) => c.name === 'session')).toBeUndefined();
	expect(
		(await deviceContents(page)).localKeys.filter((k) => k.startsWith(PREFIX) && k !== DEVICE_ONLY)
	).toEqual([]);

	// The deleted change never reached the server.
	const other = await signedInDevice(browser, A.email);
	await other.page.goto(caseUrl);
	await expect(other.page.getByRole('heading', { name: 'Hearings' })).toBeVisible();
	await expect(other.page.getByTestId('timeline')).not.toContainText(summary);
	await context.close();
	await other.context.close();
});

test('after one caseworker signs out, the next on the same browser sees none of their cases, and their database is gone', async ({
	browser
}) => {
	test.slow();
	const { context, page } = await signedInDevice(browser, A.email);
	const aCases = await caseHrefs(page);
	expect(aCases.length).toBeGreaterThan(0);
	const aDatabase = await ownDatabase(page);
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByText('You have signed out.')).toBeVisible();

	await signIn(page, B.email);
	await expect(page.getByText('All changes saved to the server.')).toBeVisible();
	await expect(page.getByText(/Last synced/)).toBeVisible();
	const bCases = await caseHrefs(page);
	expect(bCases.length).toBeGreaterThan(0);
	expect(bCases.filter((href) => aCases.includes(href))).toEqual([]);
	const { databases } = await deviceContents(page);
	expect(databases).not.toContain(aDatabase);
	expect(databases.filter((n) => n.startsWith(PREFIX))).toHaveLength(1);
	await expect(page.getByTestId('others-kept')).toHaveCount(0);
	await context.close();
});

test("a session that ended with a change unsynced: the next person sees none of it and is told it is kept; the owner's next sign-in sends it", async ({
	browser
}) => {
	test.slow();
	const { context, page } = await signedInDevice(browser, A.email);
	const aCases = await caseHrefs(page);
	expect(aCases.length).toBeGreaterThan(0);
	const { caseUrl } = await openFirstCase(page);
	const aDatabase = await ownDatabase(page);
	const summary = `Typed before the session ran out (${Date.now()})`;
	await recordContactOffline(context, page, summary);
	// The session ends without signing out (it timed out, say), and someone else signs in here.
	await context.clearCookies();
	await context.setOffline(false);
	await signIn(page, B.email);
	await expect(page.getByText('All changes saved to the server.')).toBeVisible();

	await expect(page.getByTestId('others-kept')).toContainText(
		'This device also holds 1 change made by someone who was signed in here before you'
	);
	const bCases = await caseHrefs(page);
	expect(bCases.filter((href) => aCases.includes(href))).toEqual([]);
	// What stays of the first caseworker's database: only the change, nothing downloaded.
	const kept = await storeCounts(page, aDatabase, [
		'cases',
		'victims',
		'contacts',
		'outbox',
		'shadows'
	]);
	expect(kept).toEqual({ cases: 0, victims: 0, contacts: 0, outbox: 1, shadows: 0 });

	// B signs out (their own database goes; the other person's change stays), A signs in again.
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByText('You have signed out.')).toBeVisible();
	expect((await deviceContents(page)).databases.filter((n) => n.startsWith(PREFIX))).toEqual([
		aDatabase
	]);
	await signIn(page, A.email);
	await expect(page.getByText(/Last synced/)).toBeVisible({ timeout: 20_000 });
	await expect(page.getByText('All changes saved to the server.')).toBeVisible();
	await page.goto(caseUrl);
	await expect(page.getByTestId('timeline')).toContainText(summary);
	expect(await storeCounts(page, aDatabase, ['outbox'])).toEqual({ outbox: 0 });
	await context.close();
});

test('the PIN form cannot be sent before the page has started, so the PIN never goes into an address', async ({
	browser
}) => {
	// No service worker: the app's code comes from the network, where this test can hold it back.
	const { context, page } = await signedInDevice(browser, A.email, { serviceWorkers: 'block' });
	const held: (() => Promise<void>)[] = [];
	await page.route('**/_app/immutable/**/*.js', (route) => void held.push(() => route.continue()));
	const requested: string[] = [];
	page.on('request', (r) => requested.push(r.url()));
	await page.goto('/device', { waitUntil: 'domcontentloaded' });
	const setPin = page.getByRole('button', { name: 'Set PIN' });
	await expect(setPin).toBeDisabled();
	await page.getByLabel('PIN', { exact: true }).fill('135792');
	await page.getByLabel('Type the PIN again').press('Enter');

	for (const release of held.splice(0)) await release();
	await page.unroute('**/_app/immutable/**/*.js');
	await expect(setPin).toBeEnabled();
	expect(requested.filter((url) => url.includes('135792'))).toEqual([]);
	expect(page.url()).not.toContain('135792');
	await context.close();
});

test('an idle device locks after 15 minutes: the case is hidden, and unlocks with the password online or the PIN offline, keeping what was half-typed', async ({
	browser
}) => {
	test.slow();
	const context = await browser.newContext();
	await context.clock.install();
	const page = await context.newPage();
	await signIn(page, A.email);
	await expect(page.getByText('All changes saved to the server.')).toBeVisible();

	// A PIN for unlocking with no signal, set on "This device".
	await page.goto('/device');
	await page.getByLabel('PIN', { exact: true }).fill('135792');
	await page.getByLabel('Type the PIN again').fill('135792');
	await page.getByRole('button', { name: 'Set PIN' }).click();
	await expect(page.getByText('Your PIN is set.')).toBeVisible();

	await page.goto('/caseload');
	const { victim } = await openFirstCase(page);
	const draft = `Half-typed when the phone rang (${Date.now()})`;
	await page.getByLabel('Summary').fill(draft);
	const lockScreen = page.getByTestId('lock-screen');

	await page.clock.fastForward('14:00');
	await expect(page.getByRole('heading', { name: victim })).toBeVisible();
	await expect(lockScreen).toHaveCount(0);
	await page.clock.fastForward('01:01');
	await expect(lockScreen.getByRole('heading', { name: 'Locked' })).toBeVisible();
	await expectHidden(page, [victim, draft]);
	await expectNoAxeViolations(page);

	// Online: the password, checked by the server.
	await lockScreen.getByLabel('Password').fill(DEMO_PASSWORD);
	await lockScreen.getByRole('button', { name: 'Unlock' }).click();
	await expect(lockScreen).toHaveCount(0);
	await expect(page.getByRole('heading', { name: victim })).toBeVisible();
	await expect(page.getByLabel('Summary')).toHaveValue(draft);
	await expect(page).toHaveTitle(new RegExp(victim.split(' ').at(-1)!));

	// Offline: the PIN, checked on the device; a wrong one is refused, saying so.
	await goOffline(context, page);
	await page.clock.fastForward('15:01');
	await expect(lockScreen.getByRole('heading', { name: 'Locked' })).toBeVisible();
	await expectHidden(page, [victim, draft]);
	await lockScreen.getByLabel('PIN or password').fill('975310');
	await lockScreen.getByRole('button', { name: 'Unlock' }).click();
	await expect(lockScreen.locator('.govuk-error-summary')).toContainText(
		'That PIN or password is not right. After 4 more wrong tries, your PIN will stop working.'
	);
	await expect(lockScreen.locator('.govuk-error-summary')).toBeFocused();
	await expectHidden(page, [victim, draft]);
	await lockScreen.getByLabel('PIN or password').fill('135792');
	await lockScreen.getByRole('button', { name: 'Unlock' }).click();
	await expect(lockScreen).toHaveCount(0);
	await expect(page.getByLabel('Summary')).toHaveValue(draft);

	// Locked again, online: the header's "Sign out" signs out from the lock screen, showing nothing.
	await context.setOffline(false);
	await page.clock.fastForward('15:01');
	await expect(lockScreen.getByRole('heading', { name: 'Locked' })).toBeVisible();
	await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByText('You have signed out.')).toBeVisible({ timeout: 20_000 });
	expect((await deviceContents(page)).databases.filter((n) => n.startsWith(PREFIX))).toEqual([]);
	await context.close();
});

/** Out of sight and out of the accessibility tree (what a screen reader could read), title included. */
async function expectHidden(page: Page, texts: string[]) {
	await expect(page).toHaveTitle('Locked – Victim Care Hub');
	const tree = await page.locator('body').ariaSnapshot();
	for (const text of texts) {
		await expect(page.getByText(text).filter({ visible: true })).toHaveCount(0);
		expect(tree).not.toContain(text);
	}
	await expect(page.getByTestId('staff-page')).toBeHidden();
}
