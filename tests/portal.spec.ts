import { readFile } from 'node:fs/promises';
import { expect, request, test, type Browser, type Page } from '@playwright/test';
import ICAL from 'ical.js';
import { messages } from '../src/lib/i18n';
import {
	DEMO_PASSWORD,
	DEMO_USERS,
	expectNoAxeViolations,
	INVITING_CASEWORKER,
	newVictimAccount,
	signIn,
	signedInDevice
} from './helpers';

const en = messages('en');
const pl = messages('pl');
const PORTAL_PAGES = [
	'/your-case',
	'/your-case/rights',
	'/your-case/support',
	'/your-case/contact'
];

/** The neutral site "Exit this page" goes to, answered locally: the test machine has no internet. */
async function neutralSite(page: Page) {
	await page
		.context()
		.route('https://www.bbc.co.uk/**', (route) =>
			route.fulfill({ contentType: 'text/html', body: '<title>Weather</title><h1>Weather</h1>' })
		);
}

async function victimPage(browser: Browser, options: { shared?: boolean } = {}) {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto('/sign-in');
	await page.getByLabel('Email address').fill(DEMO_USERS.victim.email);
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	if (options.shared) await page.getByLabel('This is a shared or unsafe device').check();
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/your-case$/);
	return { context, page };
}

test('the victim sees the next court date first and every change with its reason, on neutral pages with no WCAG 2.2 AA violations', async ({
	page
}) => {
	await signIn(page, DEMO_USERS.victim.email);
	await expect(page).toHaveURL(/\/your-case$/);
	await expect(
		page.getByRole('heading', { level: 1, name: en.portal.dates.heading })
	).toBeVisible();
	await expect(page).toHaveTitle('Court dates – My updates');
	const next = page.getByTestId('next-hearing');
	await expect(next).toContainText(/Trial\. The court hears the evidence/);
	await expect(next).toContainText('Inner London Crown Court');
	// The trial's history: each change from what to what, with the reason and when we heard.
	const trial = page.locator('section.app-hearing').filter({ hasText: /^\s*Trial:/ });
	const entries = trial.locator('.app-history__item');
	expect(await entries.count()).toBeGreaterThanOrEqual(3);
	await expect(entries.filter({ hasText: /Date and time: from .+ to .+/ }).first()).toBeVisible();
	for (const entry of await entries.all()) {
		await expect(entry).toContainText('Reason given: ');
		await expect(entry).toContainText(
			/We heard about this on \w+day,? \d+ \w+ \d{4} at \d\d:\d\d\./
		);
	}
	// Nothing says what kind of service this is, for anyone who sees the screen or the history.
	await expect(page.getByText(/victim care hub/i)).toHaveCount(0);
	for (const path of PORTAL_PAGES) {
		await page.goto(path);
		await expect(page).toHaveTitle(/ – My updates$/);
		await expect(page.locator('html')).toHaveAttribute('lang', 'en-GB');
		await expectNoAxeViolations(page);
	}
	await page.goto('/your-case/rights');
	await expect(page.locator('.app-rights__item')).toHaveCount(12);
	await expect(page.getByRole('heading', { name: 'How to complain' })).toBeVisible();
	await page.goto('/your-case/support');
	await expect(page.getByText('Alex Morgan is your caseworker.')).toBeVisible();
	await expect(page.getByRole('link', { name: /^020 7946 0\d{3}$/ })).toBeVisible();
	await expect(page.getByTestId('next-contact')).toContainText(
		/We (will be|should have been) in touch by/
	);
});

test('a hearing the caseworker lists and changes reaches the victim highlighted, with a neutral message by their chosen channel, and "I have seen this" reaches the caseworker', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(90_000);
	// A victim of this test's own, who asks for email on "How we contact you".
	const victim = await newVictimAccount(browser, 5);
	const c = en.portal.contact;
	await victim.page.goto('/your-case/contact');
	await victim.page
		.getByRole('group', { name: c.channelLegend })
		.getByLabel(c.channels.email)
		.check();
	await victim.page.getByLabel(c.emailLabel).fill(victim.email);
	await victim.page.getByRole('button', { name: c.save }).click();
	await expect(victim.page.getByText(c.saved)).toBeVisible();

	const caseworker = await signedInDevice(browser, INVITING_CASEWORKER);
	const page = caseworker.page;
	await page.goto(`/cases/${victim.caseId}`);
	await page.getByRole('button', { name: 'Add a hearing' }).click();
	const add = page.getByTestId('add-hearing');
	await add.getByLabel('Court', { exact: true }).selectOption({ label: 'Croydon Crown Court' });
	await add.getByLabel('Type of hearing').selectOption({ label: 'Trial' });
	await add.getByLabel('Date', { exact: true }).first().fill('2027-06-14');
	await add.getByLabel('Time', { exact: true }).first().fill('10:00');
	await add.getByRole('button', { name: 'Save hearing' }).click();
	const trial = page.getByTestId('hearing').filter({ hasText: 'Mon 14 Jun 2027, 10:00am' });
	await expect(trial).toHaveCount(1);
	const reason = `The court moved the trial to another room (${Date.now()})`;
	await trial.getByRole('button', { name: 'Change this hearing' }).click();
	await page.getByLabel('Courtroom').fill('Court 7');
	await page.getByLabel('Reason given for the change').fill(reason);
	await page.getByRole('button', { name: 'Save hearing change' }).click();
	await expect(page.getByText('All changes saved to the server.')).toBeVisible({ timeout: 20_000 });

	// After the caseworker's device has synced (the page says so, but may still say it from the
	// previous save), the victim sees both, new, the change with its reason.
	const entry = victim.page.locator('.app-history__item').filter({ hasText: reason });
	await expect(async () => {
		await victim.page.goto('/your-case');
		await expect(entry).toBeVisible({ timeout: 1_000 });
	}).toPass({ timeout: 20_000 });
	await expect(entry).toHaveClass(/app-history__item--new/);
	await expect(entry.getByText(en.portal.dates.new, { exact: true })).toBeVisible();
	await expect(entry).toContainText(`${en.portal.dates.changed} Courtroom: Court 7`);
	// The banner counts every change not yet seen: these two and any earlier ones on the case.
	const unseen = await victim.page.locator('.app-history__item--new').count();
	expect(unseen).toBeGreaterThanOrEqual(2);
	await expect(victim.page.getByText(en.portal.dates.newCount(unseen))).toBeVisible();
	await expect(victim.page.getByTestId('next-hearing')).toContainText('Croydon');

	// Told by email, in words that give nothing away; the caseworker sees each message go.
	const messages = page.getByTestId('victim-messages');
	const latest = messages.getByTestId('victim-message').first();
	await expect(async () => {
		await messages.getByRole('button', { name: 'Check messages again' }).click();
		await expect(latest.getByTestId('victim-message-status')).toHaveText('Sent', {
			timeout: 1_000
		});
	}).toPass({ timeout: 20_000 });
	await expect(latest).toContainText(`Sent by email to ${victim.email}`);
	await expectNoAxeViolations(page);
	await messages.getByRole('link', { name: 'development outbox' }).click();
	const sent = page
		.getByRole('table', { name: 'Development outbox' })
		.getByRole('row')
		.filter({ hasText: victim.email });
	await expect(sent).toHaveCount(2);
	for (const row of await sent.all()) {
		await expect(row).toContainText(`You have a new update. Sign in to see it: ${baseURL}/sign-in`);
		await expect(row).not.toContainText(/Croydon|trial|hearing|court|victim|hub/i);
	}
	await expectNoAxeViolations(page);

	await entry.getByRole('button', { name: en.portal.dates.seen }).click();
	await expect(victim.page.getByText(en.portal.dates.seenDone)).toBeVisible();
	// The button has gone: focus moves to the banner that says it worked.
	await expect(
		victim.page.getByRole('alert').filter({ hasText: en.portal.dates.seenDone })
	).toBeFocused();
	await expect(entry).not.toHaveClass(/app-history__item--new/);
	await expect(entry).toContainText(/You saw this on/);
	await expectNoAxeViolations(victim.page);

	// On the caseworker's device, after its next sync, the case's history says the victim saw it.
	await page.goto(`/cases/${victim.caseId}`);
	await expect(
		page
			.getByTestId('timeline')
			.locator('li')
			.filter({ hasText: 'The victim has seen the news about the trial' })
			.filter({ hasText: reason })
	).toBeVisible({ timeout: 20_000 });

	// With no signal the messages cannot be fetched, and the section says so.
	await caseworker.context.setOffline(true);
	await page.reload();
	await expect(page.getByTestId('victim-messages-offline')).toContainText(
		'You need a signal to see the messages sent to'
	);
	await caseworker.context.close();
	await victim.context.close();
});

test('"Add to calendar" downloads a file a calendar can read, for the victim\'s own hearings only', async ({
	browser,
	baseURL
}) => {
	const { context, page } = await victimPage(browser);
	const when = await page.getByTestId('next-hearing').locator('dd').first().innerText();
	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Add the trial to your calendar' }).click();
	const file = await (await download).path();
	const calendar = ICAL.Component.fromString(await readFile(file, 'utf8'));
	const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
	expect(event.summary).toBe('Court: trial');
	expect(event.location).toContain('Inner London Crown Court');
	const start = event.startDate.toJSDate();
	const shown = new Intl.DateTimeFormat('en-GB', {
		timeZone: 'Europe/London',
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		year: 'numeric'
	}).format(start);
	expect(when).toContain(shown);

	// Another case's hearing, or any other id: not found, and nothing in the body but that.
	const staff = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
	await staff.post('/sign-in', {
		form: { email: DEMO_USERS.caseworker2.email, password: DEMO_PASSWORD },
		headers: { accept: 'text/html' },
		maxRedirects: 0
	});
	const pulled = (await (
		await staff.post('/api/sync/pull', { data: { cursor: null, limit: 500 } })
	).json()) as {
		changes: { hearings?: { id: string }[] };
	};
	const otherHearing = pulled.changes.hearings![0]!.id;
	for (const id of [otherHearing, crypto.randomUUID(), 'not-an-id']) {
		const response = await page.request.get(`/your-case/calendar/${id}`);
		expect(response.status(), id).toBe(404);
		expect(await response.text()).not.toContain('BEGIN:VCALENDAR');
	}
	await staff.dispose();
	await context.close();
});

test('a victim asking for another case gets nothing: not its page, not its API, not by sync', async ({
	browser
}) => {
	const { context, page } = await victimPage(browser);
	const staff = await signedInDevice(browser, DEMO_USERS.caseworker2.email);
	const href = await staff.page
		.getByTestId('caseload-row')
		.first()
		.getByRole('link')
		.getAttribute('href');
	const otherCase = href!.split('/').at(-1)!;
	await staff.context.close();

	const casePage = await page.request.get(`/cases/${otherCase}`);
	expect(casePage.status()).toBe(403);
	const access = await page.request.get(`/api/cases/${otherCase}/victim-access`);
	expect(access.status()).toBe(403);
	expect(await access.text()).not.toContain(otherCase);
	const pulled = await page.request.post('/api/sync/pull', {
		data: { cursor: null, limit: 1000 },
		headers: { origin: new URL(page.url()).origin }
	});
	expect(pulled.status()).toBe(200);
	const body = await pulled.text();
	expect(body).not.toContain(otherCase);
	expect((JSON.parse(body) as { scope: { caseIds: string[] } }).scope.caseIds).toHaveLength(1);
	await context.close();
});

test('"Exit this page" and Shift pressed three times leave for a neutral site and end the session', async ({
	browser
}) => {
	for (const how of ['button', 'shift'] as const) {
		const { context, page } = await victimPage(browser);
		await neutralSite(page);
		await page.goto('/your-case/support');
		await expect(page.locator('.app-exit-this-page[data-armed]')).toBeAttached();
		const signedOut = page.waitForRequest(
			(r) => r.url().endsWith('/sign-out') && r.method() === 'POST'
		);
		if (how === 'button')
			await page.getByRole('button', { name: 'Emergency Exit this page' }).click();
		else for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
		await expect(page).toHaveURL('https://www.bbc.co.uk/weather');
		await signedOut;
		await expect
			.poll(async () => (await page.request.get('/your-case', { maxRedirects: 0 })).status(), {
				message: `the session ends (${how})`
			})
			.toBe(303);
		await context.close();
	}
});

test('without JavaScript, "Exit this page" still leaves and ends the session', async ({
	browser
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await neutralSite(page);
	await signIn(page, DEMO_USERS.victim.email);
	await expect(page).toHaveURL(/\/your-case$/);
	await page.getByRole('button', { name: 'Emergency Exit this page' }).click();
	await expect(page).toHaveURL('https://www.bbc.co.uk/weather');
	expect((await page.request.get('/your-case', { maxRedirects: 0 })).status()).toBe(303);
	// The browser is told to drop its cache of the site, so Back shows no page of the case.
	const exit = await page.request.get('/exit', { maxRedirects: 0 });
	expect(exit.headers()['clear-site-data']).toBe('"cache"');
	await context.close();
});

test('on a shared or unsafe device nothing is kept; otherwise the portal opens again with no signal', async ({
	browser
}) => {
	const shared = await victimPage(browser, { shared: true });
	for (const path of PORTAL_PAGES) {
		const response = await shared.page.goto(path);
		expect(response?.headers()['cache-control'], path).toBe('no-store');
	}
	// The sign-in page may have registered the service worker before the choice was known: each
	// portal page on a shared device unregisters it and empties every cache.
	const kept = () =>
		shared.page.evaluate(async () => {
			const urls: string[] = [];
			for (const name of await caches.keys())
				for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
			return {
				databases: (await indexedDB.databases()).map((d) => d.name),
				urls: urls.filter((u) => u.includes('/api/') || u.includes('/your-case')),
				workers: (await navigator.serviceWorker.getRegistrations()).length
			};
		});
	await expect.poll(kept).toEqual({ databases: [], urls: [], workers: 0 });
	await shared.context.close();

	const own = await victimPage(browser);
	const response = await own.page.goto('/your-case/rights');
	expect(response?.headers()['cache-control']).toBe('private, no-cache');
	await expect
		.poll(
			() =>
				own.page.evaluate(async () =>
					Boolean(await (await caches.open('portal-pages')).match(location.href))
				),
			{ timeout: 20_000 }
		)
		.toBe(true);
	// Each page opened once the worker runs is kept (the portal asks it to): the court dates too.
	await own.page.goto('/your-case');
	await expect
		.poll(
			() =>
				own.page.evaluate(async () =>
					Boolean(await (await caches.open('portal-pages')).match(`${location.origin}/your-case`))
				),
			{ timeout: 20_000 }
		)
		.toBe(true);
	await own.page.goto('/your-case/rights');
	await own.context.setOffline(true);
	await own.page.reload();
	await expect(
		own.page.getByRole('heading', { level: 1, name: en.portal.rights.heading })
	).toBeVisible();
	await expect(own.page.getByRole('heading', { name: en.common.offlineTitle })).toBeVisible();
	// Nothing of the portal's API is kept, signal or not.
	const apiKept = await own.page.evaluate(async () => {
		const urls: string[] = [];
		for (const name of await caches.keys())
			for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
		return urls.filter((u) => u.includes('/api/'));
	});
	expect(apiKept).toEqual([]);
	// With no signal, "I have seen this" says it was not sent, and the button stays for later.
	await own.page.getByRole('link', { name: en.portal.nav.dates }).click();
	await expect(
		own.page.getByRole('heading', { level: 1, name: en.portal.dates.heading })
	).toBeVisible();
	const seen = own.page.getByRole('button', { name: en.portal.dates.seen }).first();
	await seen.click();
	await expect(
		own.page.getByRole('alert').filter({ hasText: en.common.offlineSendFailed })
	).toBeVisible();
	await expect(seen).toBeEnabled();
	await own.context.close();
});

test('the portal reads in Polish when the victim chooses it, with no WCAG 2.2 AA violations', async ({
	browser
}) => {
	const { context, page } = await newVictimAccount(browser, 3);
	await page.getByRole('button', { name: 'Polski' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: pl.portal.dates.heading })
	).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
	await expect(page).toHaveTitle(pl.common.title(pl.portal.dates.title));
	for (const path of PORTAL_PAGES) {
		await page.goto(path);
		await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
		await expect(page.getByRole('link', { name: pl.portal.nav.rights })).toBeVisible();
		await expectNoAxeViolations(page);
	}
	await page.goto('/your-case/rights');
	await expect(page.getByRole('heading', { name: pl.portal.rights.complainHeading })).toBeVisible();
	await expect(page.getByText(pl.portal.rights.list[1]!.title)).toBeVisible();
	await expect(page.getByText(en.portal.rights.list[1]!.title)).toHaveCount(0);
	// The choice is kept on the account, and can be undone.
	await page.reload();
	await expect(
		page.getByRole('heading', { level: 1, name: pl.portal.rights.heading })
	).toBeVisible();
	await page.getByRole('button', { name: 'English' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: en.portal.rights.heading })
	).toBeVisible();
	await context.close();
});

test('the victim changes how we contact them, with clear errors; the caseworker sees the change', async ({
	browser
}) => {
	const c = en.portal.contact;
	const victim = await newVictimAccount(browser, 4);
	const page = victim.page;
	await page.getByRole('link', { name: en.portal.nav.contact }).click();
	await expect(page.getByRole('heading', { level: 1, name: c.heading })).toBeVisible();
	const voicemail = page.getByRole('group', { name: c.voicemailLegend });
	await voicemail.getByLabel(c.yes).check();
	await page.getByLabel(c.voicemailMessageLabel).fill('');
	await page.getByLabel(c.phoneLabel).fill('call me maybe');
	await page.getByRole('button', { name: c.save }).click();
	const problems = page.locator('.govuk-error-summary');
	await expect(problems).toContainText(c.errors.voicemailMessage);
	await expect(problems).toContainText(c.errors.phone);
	await expect(page.getByLabel(c.phoneLabel)).toHaveValue('call me maybe');
	await expectNoAxeViolations(page);

	const message = `Please call Sam back (${Date.now()})`;
	await page.getByLabel(c.phoneLabel).fill('07700 900982');
	await page.getByLabel(c.voicemailMessageLabel).fill(message);
	await page.getByRole('button', { name: c.save }).click();
	await expect(page.getByText(c.saved)).toBeVisible();
	await page.reload();
	await expect(page.getByLabel(c.voicemailMessageLabel)).toHaveValue(message);

	const caseworker = await signedInDevice(browser, INVITING_CASEWORKER);
	await caseworker.page.goto(`/cases/${victim.caseId}`);
	await expect(caseworker.page.getByTestId('timeline')).toContainText(message, { timeout: 20_000 });
	await caseworker.context.close();
	await victim.context.close();
});
