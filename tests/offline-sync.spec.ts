import { expect, test, type Page } from '@playwright/test';
import {
	DEMO_USERS,
	expectNoAxeViolations,
	signedInDevice,
	signIn,
	untilControlled
} from './helpers';

async function openJoBennett(page: Page) {
	await page.getByRole('link', { name: 'Jo Bennett' }).click();
	await expect(page.getByRole('heading', { name: 'Hearings' })).toBeVisible();
	return page.url().split('/cases/')[1]!;
}

const trial = (page: Page) =>
	page
		.getByTestId('hearing')
		.filter({ has: page.getByRole('heading', { name: 'Trial', exact: true }) });

test.describe.configure({ mode: 'serial' });

test('a caseworker records a contact and changes a hearing offline; after sync the supervisor sees both', async ({
	browser
}) => {
	test.slow(); // two or three devices, each with its first sync
	const { context, page } = await signedInDevice(browser, DEMO_USERS.caseworker.email);
	const caseId = await openJoBennett(page);
	await expectNoAxeViolations(page);
	await untilControlled(page);

	await context.setOffline(true);
	await expect(page.getByTestId('sync-status').getByText('Offline', { exact: true })).toBeVisible();
	const summary = `Home visit, no signal: explained the trial date (${Date.now()})`;
	await page.getByLabel('Summary').fill(summary);
	await page.getByRole('button', { name: 'Save contact' }).click();
	await expect(page.getByTestId('timeline')).toContainText(summary);
	await expect(page.getByText('1 change waiting to sync.')).toBeVisible();

	await trial(page).getByRole('button', { name: 'Change this hearing' }).click();
	await page.locator('#hearing-time').fill('14:15');
	await page.getByLabel('Reason given for the change').fill('Listing moved to the afternoon');
	await page.getByRole('button', { name: 'Save hearing change' }).click();
	await expect(trial(page).getByTestId('hearing-when')).toContainText('2:15pm');
	await expect(page.getByText('2 changes waiting to sync.')).toBeVisible();

	// Still no signal: the page reloads from the device, with both changes and the outbox intact.
	await page.reload();
	await expect(page.getByTestId('timeline')).toContainText(summary);
	await expect(trial(page).getByTestId('hearing-when')).toContainText('2:15pm');
	await expect(page.getByText('2 changes waiting to sync.')).toBeVisible();

	await context.setOffline(false);
	await expect(page.getByText('All changes saved to the server.')).toBeVisible({ timeout: 20_000 });

	const supervisor = await signedInDevice(browser, DEMO_USERS.supervisor.email);
	await supervisor.page.goto(`/cases/${caseId}`);
	await expect(supervisor.page.getByTestId('timeline')).toContainText(summary);
	await expect(trial(supervisor.page).getByTestId('hearing-when')).toContainText('2:15pm');
	// Supervisors read; only the assigned caseworker changes the case.
	await expect(supervisor.page.getByRole('button', { name: 'Save contact' })).toHaveCount(0);
	await context.close();
	await supervisor.context.close();
});

test('a contact with no summary is refused on the spot, saying what is missing, and nothing is queued', async ({
	browser
}) => {
	const { context, page } = await signedInDevice(browser, DEMO_USERS.caseworker.email);
	await openJoBennett(page);
	await page.getByRole('button', { name: 'Save contact' }).click();
	const summary = page.locator('.govuk-error-summary');
	await expect(summary).toBeFocused();
	await expect(
		summary.getByRole('link', { name: 'Enter a summary of what was said or done' })
	).toBeVisible();
	await expect(page.getByText('All changes saved to the server.')).toBeVisible();
	await expectNoAxeViolations(page);
	await context.close();
});

test('a hearing change with no reason, or that changes nothing, is refused with what to fix', async ({
	browser
}) => {
	const { context, page } = await signedInDevice(browser, DEMO_USERS.caseworker.email);
	await openJoBennett(page);
	await trial(page).getByRole('button', { name: 'Change this hearing' }).click();
	await page.getByRole('button', { name: 'Save hearing change' }).click();
	await expect(page.locator('.govuk-error-summary')).toContainText(
		'Change at least one field of the hearing'
	);
	await page.locator('#hearing-time').fill('15:40');
	await page.getByRole('button', { name: 'Save hearing change' }).click();
	await expect(page.locator('.govuk-error-summary')).toContainText(
		'Enter the reason given for the change'
	);
	await expect(page.locator('#hearing-time')).toHaveValue('15:40');
	await expect(page.getByText('All changes saved to the server.')).toBeVisible();
	await expectNoAxeViolations(page);
	await context.close();
});

test('the same hearing changed on two devices offline: the clash is shown with both values, and the choice reaches both', async ({
	browser
}) => {
	const phone = await signedInDevice(browser, DEMO_USERS.caseworker.email);
	const laptop = await signedInDevice(browser, DEMO_USERS.caseworker.email);
	for (const d of [phone, laptop]) {
		await openJoBennett(d.page);
		await d.context.setOffline(true);
	}
	const edit = async (page: Page, room: string) => {
		await trial(page).getByRole('button', { name: 'Change this hearing' }).click();
		await page.getByLabel('Courtroom').fill(room);
		await page.getByLabel('Reason given for the change').fill('Court office called');
		await page.getByRole('button', { name: 'Save hearing change' }).click();
		await expect(page.getByText('1 change waiting to sync.')).toBeVisible();
	};
	await edit(phone.page, 'Court 11');
	await edit(laptop.page, 'Court 12');
	await phone.context.setOffline(false);
	await expect(phone.page.getByText('All changes saved to the server.')).toBeVisible({
		timeout: 20_000
	});
	await laptop.context.setOffline(false);

	const clash = laptop.page.getByTestId('conflict');
	await expect(clash).toContainText('On the server: Court 11');
	await expect(clash).toContainText('From this device: Court 12');
	await expect(
		laptop.page.getByText('Clashed with another change', { exact: false })
	).toBeAttached();
	await laptop.page.getByRole('button', { name: 'Keep Court 12' }).click();
	await expect(laptop.page.getByTestId('conflict')).toHaveCount(0);
	await expect(laptop.page.getByText('All changes saved to the server.')).toBeVisible({
		timeout: 20_000
	});
	await expect(trial(laptop.page)).toContainText('Court 12');

	await phone.page.reload();
	await expect(trial(phone.page)).toContainText('Court 12', { timeout: 20_000 });
	await phone.context.close();
	await laptop.context.close();
});

// Here, not in portal.spec.ts: this file runs in order, and the next test changes Jo's safe way to
// contact from email, which would stop the message this one looks for.
test('as victim@demo.test: a hearing change the caseworker records appears highlighted with its reason, a neutral email goes to the development outbox, and "I have seen this" reaches the caseworker', async ({
	browser
}) => {
	test.slow(); // two or three devices, each with its first sync
	const alex = await signedInDevice(browser, DEMO_USERS.caseworker.email);
	const outboxRows = async () =>
		(await (await alex.page.request.get('/demo/outbox')).text()).match(/jo\.bennett/g)?.length ?? 0;
	const before = await outboxRows();
	await openJoBennett(alex.page);
	const reason = `The court moved the trial to another room (${Date.now()})`;
	await trial(alex.page).getByRole('button', { name: 'Change this hearing' }).click();
	// A courtroom other than the one listed now (the same one would be no change, and refused).
	const courtroom = alex.page.getByLabel('Courtroom');
	const room = (Date.now() % 80) + 10;
	const listed = await courtroom.inputValue();
	await courtroom.fill(`Court ${listed === `Court ${room}` ? room + 1 : room}`);
	await alex.page.getByLabel('Reason given for the change').fill(reason);
	await alex.page.getByRole('button', { name: 'Save hearing change' }).click();
	await expect(alex.page.getByText('All changes saved to the server.')).toBeVisible({
		timeout: 20_000
	});

	const jo = await browser.newContext();
	const page = await jo.newPage();
	await signIn(page, DEMO_USERS.victim.email);
	await expect(page).toHaveURL(/\/your-case$/);
	// Once Alex's device has pushed the change (its status line may still show the last sync).
	const entry = page.locator('.app-history__item').filter({ hasText: reason });
	await expect(async () => {
		await page.goto('/your-case');
		await expect(entry).toBeVisible({ timeout: 1_000 });
	}).toPass({ timeout: 20_000 });
	await expect(entry).toHaveClass(/app-history__item--new/);
	await expect(entry).toContainText('Courtroom: from');
	await expect.poll(outboxRows, { timeout: 20_000 }).toBeGreaterThan(before);

	await entry.getByRole('button', { name: 'I have seen this' }).click();
	await expect(entry).toContainText(/You saw this on/);
	await alex.page.reload();
	await expect(
		alex.page
			.getByTestId('timeline')
			.locator('li')
			.filter({ hasText: 'The victim has seen the news about the trial' })
			.filter({ hasText: reason })
	).toBeVisible({ timeout: 20_000 });
	await jo.close();
	await alex.context.close();
});

test('contact preferences changed on two devices offline: other fields merge, the same field clashes and the choice reaches both', async ({
	browser
}) => {
	test.slow(); // two or three devices, each with its first sync
	const phone = await signedInDevice(browser, DEMO_USERS.caseworker.email);
	const laptop = await signedInDevice(browser, DEMO_USERS.caseworker.email);
	for (const d of [phone, laptop]) {
		await openJoBennett(d.page);
		await d.context.setOffline(true);
		await d.page.getByRole('button', { name: 'Change contact preferences' }).click();
	}
	// A bad change is refused on the spot, saying what to fix, and nothing is queued.
	await phone.page.getByRole('radio', { name: 'Yes' }).check();
	await phone.page.getByRole('button', { name: 'Save contact preferences' }).click();
	await expect(phone.page.getByRole('alert')).toContainText(
		'Say what a voicemail may say, or record that no voicemail may be left'
	);
	await expectNoAxeViolations(phone.page);
	await phone.page.getByRole('radio', { name: 'No' }).check();

	const notes = `Ex-partner checks her phone in the evenings (${Date.now()})`;
	await phone.page.getByLabel('Safe way to contact').selectOption({ label: 'Letter' });
	await phone.page.getByLabel(/Safety notes/).fill(notes);
	await phone.page.getByRole('button', { name: 'Save contact preferences' }).click();
	await expect(phone.page.getByTestId('preferred-channel')).toContainText('Letter');
	await expect(phone.page.getByText('1 change waiting to sync.')).toBeVisible();

	await laptop.page.getByLabel('Safe way to contact').selectOption({ label: 'In person' });
	await laptop.page.getByRole('button', { name: 'Add a safe time' }).click();
	// Jo already has safe times: the new one is added at the end.
	await laptop.page.locator('input[id^="pref-time-"][id$="-from"]').last().fill('10:00');
	await laptop.page.locator('input[id^="pref-time-"][id$="-to"]').last().fill('12:00');
	await laptop.page.getByRole('button', { name: 'Save contact preferences' }).click();
	await expect(laptop.page.getByText('1 change waiting to sync.')).toBeVisible();

	await phone.context.setOffline(false);
	await expect(phone.page.getByText('All changes saved to the server.')).toBeVisible({
		timeout: 20_000
	});
	await laptop.context.setOffline(false);
	const clash = laptop.page.getByTestId('conflict');
	await expect(clash).toContainText('The victim’s safe way to contact was changed in two places');
	await expect(clash).toContainText('On the server: Letter');
	await expect(clash).toContainText('From this device: In person');
	// The fields only one side changed are both kept.
	const prefs = laptop.page.getByTestId('contact-preferences');
	await expect(prefs).toContainText(notes);
	await expect(prefs).toContainText('Mon 10:00–12:00');
	await laptop.page.getByRole('button', { name: 'Keep In person' }).click();
	await expect(laptop.page.getByTestId('conflict')).toHaveCount(0);
	await expect(laptop.page.getByText('All changes saved to the server.')).toBeVisible({
		timeout: 20_000
	});

	await phone.page.reload();
	const phonePrefs = phone.page.getByTestId('contact-preferences');
	await expect(phonePrefs.getByTestId('preferred-channel')).toContainText('In person', {
		timeout: 20_000
	});
	await expect(phonePrefs).toContainText('Mon 10:00–12:00');
	await expect(phonePrefs).toContainText(notes);
	await phone.context.close();
	await laptop.context.close();
});

test('a push whose answer is lost, one delivered twice, and a pull cut off: each change applied once', async ({
	browser
}) => {
	// The page's own engine against a faulty network: no service worker, whose Background Sync
	// would send the outbox itself, past these faults.
	const { context, page } = await signedInDevice(browser, DEMO_USERS.caseworker.email, {
		serviceWorkers: 'block'
	});
	await openJoBennett(page);
	let pulls = 0;
	await page.route('**/api/sync/pull', async (route) => {
		pulls++;
		if (pulls === 1)
			await route.abort('connectionreset'); // the first pull after the change is cut off
		else await route.continue();
	});
	let pushes = 0;
	await page.route('**/api/sync/push', async (route) => {
		pushes++;
		if (pushes === 1) {
			await route.fetch(); // the server commits…
			await route.abort('connectionreset'); // …but the answer never arrives
		} else if (pushes === 2) {
			await route.fetch(); // delivered twice
			await route.fulfill({ response: await route.fetch() });
		} else await route.continue();
	});
	const reason = `Exactly once ${Date.now()}`;
	await trial(page).getByRole('button', { name: 'Change this hearing' }).click();
	await page.locator('#hearing-time').fill('11:45');
	await page.getByLabel('Reason given for the change').fill(reason);
	await page.getByRole('button', { name: 'Save hearing change' }).click();
	// The first answer is lost; the engine retries after its backoff, and that answer arrives.
	await expect.poll(() => pushes, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
	await expect.poll(() => pulls, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
	await expect(page.getByText('All changes saved to the server.')).toBeVisible({ timeout: 30_000 });

	// A fresh device pulls the server's history: the change is there once.
	const check = await signedInDevice(browser, DEMO_USERS.supervisor.email);
	await check.page.goto(page.url());
	await check.page
		.getByText(/^History/)
		.first()
		.waitFor();
	await trial(check.page)
		.getByText(/^History/)
		.click();
	await expect(trial(check.page).getByTestId('hearing-history').getByText(reason)).toHaveCount(1);
	await context.close();
	await check.context.close();
});

test('two tabs of the same user write at once, and both changes land once', async ({ browser }) => {
	const { context, page } = await signedInDevice(browser, DEMO_USERS.caseworker2.email);
	const second = await context.newPage();
	await second.goto(page.url());
	await expect(second.getByText('All changes saved to the server.')).toBeVisible();
	const firstCase = page.getByRole('row').nth(1).getByRole('link');
	const href = (await firstCase.getAttribute('href'))!;
	await Promise.all([page.goto(href), second.goto(href)]);
	const stamp = Date.now();
	for (const [tab, text] of [
		[page, `Tab one ${stamp}`],
		[second, `Tab two ${stamp}`]
	] as const)
		await tab.getByLabel('Summary').fill(text);
	await Promise.all([
		page.getByRole('button', { name: 'Save contact' }).click(),
		second.getByRole('button', { name: 'Save contact' }).click()
	]);
	for (const tab of [page, second]) {
		await expect(tab.getByText('All changes saved to the server.')).toBeVisible({
			timeout: 20_000
		});
		await expect(tab.getByTestId('timeline').getByText(`Tab one ${stamp}`)).toHaveCount(1);
		await expect(tab.getByTestId('timeline').getByText(`Tab two ${stamp}`)).toHaveCount(1);
	}
	const other = await signedInDevice(browser, DEMO_USERS.supervisor.email);
	await other.page.goto(href);
	await expect(other.page.getByTestId('timeline').getByText(`Tab one ${stamp}`)).toHaveCount(1);
	await expect(other.page.getByTestId('timeline').getByText(`Tab two ${stamp}`)).toHaveCount(1);
	await context.close();
	await other.context.close();
});

test('a page reloaded with no signal still shows the case and keeps the change waiting to sync', async ({
	browser
}) => {
	const { context, page } = await signedInDevice(browser, DEMO_USERS.caseworker.email);
	await openJoBennett(page);
	// The service worker keeps the app (not the page: staff pages are no-store).
	await untilControlled(page);

	await context.setOffline(true);
	const summary = `Written in a court building with no signal (${Date.now()})`;
	await page.getByLabel('Summary').fill(summary);
	await page.getByRole('button', { name: 'Save contact' }).click();
	await expect(page.getByText('1 change waiting to sync.')).toBeVisible();

	await page.reload();
	await expect(page.getByRole('heading', { name: 'Hearings' })).toBeVisible();
	await expect(page.getByTestId('timeline')).toContainText(summary);
	await expect(page.getByText('1 change waiting to sync.')).toBeVisible();

	await context.setOffline(false);
	await expect(page.getByText('All changes saved to the server.')).toBeVisible({ timeout: 20_000 });
	await context.close();
});

test('staff pages and API answers are never kept: the device holds the app, and the data in IndexedDB', async ({
	browser
}) => {
	const { context, page } = await signedInDevice(browser, DEMO_USERS.caseworker.email);
	await openJoBennett(page);
	await untilControlled(page);
	const response = await page.reload();
	expect(response?.headers()['cache-control']).toBe('no-store');
	await expect(page.getByRole('heading', { name: 'Hearings' })).toBeVisible();
	const kept = await page.evaluate(async () => {
		const urls: string[] = [];
		for (const name of await caches.keys())
			for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
		return urls;
	});
	// The app's code and its shell are kept…
	expect(kept.some((url) => url.includes('/app-shell.html'))).toBe(true);
	expect(kept.some((url) => url.includes('/_app/immutable/'))).toBe(true);
	// …but no page of a case or the caseload, and no answer from the API.
	expect(
		kept.filter((url) => /\/(cases|caseload|team|api)(\/|$|\?)/.test(new URL(url).pathname))
	).toEqual([]);
	await context.close();
});
