import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import postgres from 'postgres';
import { POSTGRES_URL } from '../src/test-data/databases';
import {
	DEMO_PASSWORD,
	DEMO_USERS,
	expectNoAxeViolations,
	goOffline,
	signedInDevice,
	untilControlled
} from './helpers';
import { OwnServer } from './own-server';

/** The version of the service worker in charge of the page (it answers on a message port). */
const workerVersion = (page: Page) =>
	page.evaluate(
		() =>
			new Promise<string>((resolve, reject) => {
				const controller = navigator.serviceWorker.controller;
				if (!controller) return reject(new Error('no service worker controls the page'));
				const channel = new MessageChannel();
				channel.port1.onmessage = (e: MessageEvent<{ version: string }>) => resolve(e.data.version);
				controller.postMessage({ type: 'version' }, [channel.port2]);
			})
	);

async function openFirstCase(page: Page) {
	await page.getByTestId('caseload-row').first().getByRole('link').click();
	await expect(page.getByRole('heading', { name: 'Hearings' })).toBeVisible();
	return page.url();
}

async function recordContact(page: Page, summary: string) {
	await page.getByLabel('Summary').fill(summary);
	await page.getByRole('button', { name: 'Save contact' }).click();
	await expect(page.getByTestId('timeline')).toContainText(summary);
}

test('a page the service worker is not in charge of (force-reloaded) asks it to take over, and then opens other pages with no signal', async ({
	browser
}) => {
	const { context, page } = await signedInDevice(browser, DEMO_USERS.caseworker.email);
	await untilControlled(page);
	// A force reload (Shift + reload) goes past the service worker: the page it loads is not under
	// it, as a page that opened while the worker was installing is not.
	const cdp = await context.newCDPSession(page);
	await cdp.send('Page.reload', { ignoreCache: true });
	await expect(page.getByRole('heading', { name: DEMO_USERS.caseworker.heading })).toBeVisible();
	await untilControlled(page);
	await context.setOffline(true);
	await page.getByTestId('caseload-row').first().getByRole('link').click();
	await expect(page.getByRole('heading', { name: 'Hearings' })).toBeVisible();
	await context.close();
});

test('with no signal, staff pages open from the app shell, and other pages say they need a signal', async ({
	browser
}) => {
	const { context, page } = await signedInDevice(browser, DEMO_USERS.caseworker2.email);
	const caseUrl = await openFirstCase(page);
	await page.goto('/caseload');
	await goOffline(context, page);

	// A case page never loaded as a page before (it was reached in the app): opened by the shell.
	await page.goto(caseUrl);
	await expect(page.getByRole('heading', { name: 'Hearings' })).toBeVisible();
	await expect(page.getByTestId('sync-status').getByText('Offline', { exact: true })).toBeVisible();

	// The device gives the same answer as the server would to a caseworker opening a supervisor's page.
	await page.goto('/team');
	await expect(page.getByText('You do not have access to this page')).toBeVisible();

	// A page that needs the server: a plain page that says so, with the ways that do work.
	const response = await page.goto('/demo/outbox');
	expect(response?.status()).toBe(503);
	await expect(page.getByRole('heading', { name: 'This page needs a signal' })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByRole('link', { name: 'Your caseload' }).click();
	await expect(page.getByRole('heading', { name: DEMO_USERS.caseworker.heading })).toBeVisible();
	await context.close();
});

test('an update waits for the sync in flight, and the 3 changes waiting to sync survive it', async ({
	browser
}) => {
	test.slow(); // a server of its own, released twice
	const server = new OwnServer('.test-data/e2e-update');
	await server.start();
	try {
		const context = await browser.newContext({ baseURL: server.url });
		const page = await context.newPage();
		await signInOn(page, DEMO_USERS.caseworker.email);
		await openFirstCase(page);
		await goOffline(context, page);
		const stamp = Date.now();
		for (const n of [1, 2, 3]) await recordContact(page, `Before the update, note ${n} (${stamp})`);
		await expect(page.getByText('3 changes waiting to sync.')).toBeVisible();

		// A new release is deployed while the device has no signal.
		const current = await workerVersion(page);
		await server.stop();
		await server.start(nextRelease(current));

		// The signal returns and a sync starts, but the server is slow to take the changes, and
		// refuses every push until the test allows them.
		let pushing = false;
		let answerPush!: () => void;
		const pushAnswered = new Promise<void>((resolve) => (answerPush = resolve));
		await context.route('**/api/sync/push', async (route) => {
			// The page's own push is the sync in flight. The old worker's Background Sync push (the
			// app asks for one when a sync fails) is refused at once: Chromium activates the new
			// worker only once the old one has no event in flight, so holding that push here would
			// hold the update back too, and this test is about the page's sync, not the worker's.
			if (route.request().serviceWorker()) return route.abort('connectionfailed');
			pushing = true;
			await pushAnswered;
			await route.abort('connectionfailed');
		});
		await context.setOffline(false);
		await expect.poll(() => pushing).toBe(true);

		// Coming back online, the app looks for a new version (as the browser itself also does from
		// time to time; asked again here in case the first look raced the network's return), and
		// offers it.
		const updateNow = page.getByRole('button', { name: 'Update now' });
		await expect
			.poll(
				async () => {
					if ((await updateNow.count()) === 0)
						await page.evaluate(() =>
							navigator.serviceWorker.getRegistration().then((r) => r?.update().catch(() => {}))
						);
					return updateNow.count();
				},
				{ timeout: 20_000 }
			)
			.toBe(1);
		await updateNow.click();
		await expect(page.getByText('Finishing the sync first.')).toBeVisible();
		expect(await workerVersion(page)).toBe(current);

		// The sync ends (it failed: the changes stay queued); only then does the new version take over.
		answerPush();
		// (The page reloads under it: a question asked during the reload goes unanswered.)
		await expect
			.poll(() => workerVersion(page).catch(() => 'reloading'), { timeout: 20_000 })
			.toBe(`${current}-next`);
		await expect(page.getByRole('heading', { name: 'Hearings' })).toBeVisible();
		await expect(page.getByTestId('update-prompt')).toHaveCount(0);
		// The new version has the three changes, still waiting to sync.
		await expect(page.getByText('3 changes waiting to sync.')).toBeVisible();
		for (const n of [1, 2, 3])
			await expect(page.getByTestId('timeline')).toContainText(
				`Before the update, note ${n} (${stamp})`
			);

		await context.unrouteAll({ behavior: 'ignoreErrors' });
		// And they reach the server.
		await expect(page.getByText('All changes saved to the server.')).toBeVisible({
			timeout: 30_000
		});
		await context.close();
	} finally {
		await server.stop();
	}
});

/** A copy of the build whose service worker is a new release (another version, other bytes). */
function nextRelease(version: string): string {
	const dir = '.test-data/build-next';
	rmSync(dir, { recursive: true, force: true });
	cpSync('build', dir, { recursive: true });
	const sw = join(dir, 'client', 'sw.js');
	const source = readFileSync(sw, 'utf8');
	expect(source).toContain(version);
	writeFileSync(sw, source.replaceAll(version, `${version}-next`));
	// The precompressed copies would still serve the old release.
	for (const copy of ['sw.js.br', 'sw.js.gz']) rmSync(join(dir, 'client', copy), { force: true });
	return dir;
}

async function signInOn(page: Page, email: string) {
	await page.goto('/sign-in');
	await page.getByLabel('Email address').fill(email);
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByText('All changes saved to the server.')).toBeVisible();
	await expect(page.getByText(/Last synced/)).toBeVisible();
}

test('with the server stopped and no signal, a caseworker reloads, moves between pages and records a contact that syncs on restart', async ({
	browser
}) => {
	test.slow(); // starts, stops and restarts a server of its own
	const server = new OwnServer('.test-data/e2e-stopped');
	await server.start();
	try {
		const context = await browser.newContext({ baseURL: server.url });
		const page = await context.newPage();
		// One online visit.
		await signInOn(page, DEMO_USERS.caseworker.email);
		await untilControlled(page);

		await server.stop();
		await context.setOffline(true);

		await page.reload();
		await expect(page.getByRole('heading', { name: DEMO_USERS.caseworker.heading })).toBeVisible();
		await expect(page.getByTestId('caseload-row').first()).toBeVisible();
		const caseUrl = await openFirstCase(page);
		const summary = `Recorded with the server down and no signal (${Date.now()})`;
		await recordContact(page, summary);
		await expect(page.getByText('1 change waiting to sync.')).toBeVisible();
		await page.goto('/caseload');
		await page.goto(caseUrl);
		await expect(page.getByTestId('timeline')).toContainText(summary);

		await server.start();
		await context.setOffline(false);
		await expect(page.getByText('All changes saved to the server.')).toBeVisible({
			timeout: 30_000
		});
		// Another device of the same caseworker gets it from the server.
		const other = await browser.newContext({ baseURL: server.url });
		const otherPage = await other.newPage();
		await signInOn(otherPage, DEMO_USERS.caseworker.email);
		await otherPage.goto(new URL(caseUrl).pathname);
		await expect(otherPage.getByTestId('timeline')).toContainText(summary);
		await other.close();
		await context.close();
	} finally {
		await server.stop();
	}
});

test('the server dies after committing a contact and before answering: restarted, it gets the contact again and records it once', async ({
	browser
}) => {
	test.slow(); // a server of its own, on a PostgreSQL database of its own, started twice
	const name = `vch_e2e_crash_${process.pid}_${Date.now()}`;
	const admin = postgres(POSTGRES_URL, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	const databaseUrl = Object.assign(new URL(POSTGRES_URL), { pathname: `/${name}` }).toString();
	const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
	const server = new OwnServer('.test-data/e2e-crash', { databaseUrl });
	try {
		await server.start('build', { FAILPOINT: 'exit-after-push-commit' });
		// No service worker: its Background Sync would send the change too (as safely; not tested here).
		const context = await browser.newContext({ baseURL: server.url, serviceWorkers: 'block' });
		const page = await context.newPage();
		await signInOn(page, DEMO_USERS.caseworker.email);
		await openFirstCase(page);
		const summary = `Recorded as the server died (${Date.now()})`;
		await recordContact(page, summary);

		// The process is gone, the contact committed, and the device never heard so.
		await server.exited;
		const recorded = () =>
			sql<{ n: number }[]>`select count(*)::int as n from contacts where summary = ${summary}`;
		expect((await recorded())[0]!.n).toBe(1);
		await expect(page.getByText('1 change waiting to sync.')).toBeVisible();

		await server.start();
		// As when the signal comes back: the device sends its outbox again.
		await page.evaluate(() => window.dispatchEvent(new Event('online')));
		await expect(page.getByText('All changes saved to the server.')).toBeVisible({
			timeout: 30_000
		});
		expect((await recorded())[0]!.n).toBe(1);
		const logged = await sql<{ status: string }[]>`
			select status from mutation_log where name = 'contact.record' and args->>'summary' = ${summary}`;
		expect(logged.map((r) => r.status)).toEqual(['applied']);
		await context.close();
	} finally {
		await server.stop();
		await sql.end({ timeout: 1 });
		await admin.unsafe(`drop database if exists ${name} with (force)`);
		await admin.end({ timeout: 1 });
	}
});
