import { expect, test, type Page } from '@playwright/test';
import {
	DEMO_USERS,
	drawnCaseloadRows,
	expectNoAxeViolations,
	goOffline,
	signedInDevice
} from './helpers';

/** How many cases opened on the device still wait to reach the audit trail (plain IndexedDB). */
const viewsWaiting = (page: Page) =>
	page.evaluate(async () => {
		const name = (await indexedDB.databases())
			.map((d) => d.name ?? '')
			.find((n) => n.startsWith('victim-care-hub:'))!;
		return new Promise<number>((resolve, reject) => {
			const open = indexedDB.open(name);
			open.onerror = () => reject(open.error ?? new Error('could not open'));
			open.onsuccess = () => {
				const count = open.result.transaction('views').objectStore('views').count();
				count.onsuccess = () => {
					resolve(count.result);
					open.result.close();
				};
			};
		});
	});

test("a caseworker opens a case and records a contact; the team's supervisor sees both in the case's audit trail", async ({
	browser
}) => {
	test.slow(); // two devices, each with its first sync
	const worker = await signedInDevice(browser, DEMO_USERS.caseworker2.email);
	const rows = await drawnCaseloadRows(worker.page);
	// The last case: the casework tests start from the top of the list.
	const link = rows.last().getByRole('link');
	const name = (await link.innerText()).trim();
	await link.click();
	await expect(worker.page.getByRole('heading', { level: 1 })).toContainText(name);
	const caseId = worker.page.url().split('/').at(-1)!;

	const form = worker.page.getByTestId('contact-form');
	await form.getByLabel('What happened').selectOption({ label: 'Spoke to the victim' });
	await form.getByLabel('How').selectOption({ label: 'Phone call' });
	await form.getByLabel('Summary').fill('Checked they had the letter about the trial.');
	await form.getByRole('button', { name: 'Save contact' }).click();
	await expect(worker.page.getByText('Contact saved on this device.')).toBeVisible();
	// The contact and the view of the case go at the sync the save starts.
	await expect(worker.page.getByText('All changes saved to the server.')).toBeVisible();
	await expect.poll(() => viewsWaiting(worker.page)).toBe(0);
	await worker.context.close();

	const supervisor = await signedInDevice(browser, DEMO_USERS.supervisor.email);
	await supervisor.page.goto(`/cases/${caseId}`);
	await supervisor.page
		.getByRole('link', { name: 'Who has looked at or changed this case' })
		.click();
	await expect(
		supervisor.page.getByRole('heading', { name: 'Who has looked at or changed this case' })
	).toBeVisible();
	const trail = supervisor.page.getByTestId('audit-trail');
	await expect(
		trail
			.getByRole('row')
			.filter({ hasText: 'Priya Shah (caseworker)' })
			.filter({ hasText: 'Opened the case' })
	).toHaveCount(1);
	await expect(
		trail
			.getByRole('row')
			.filter({ hasText: 'Priya Shah (caseworker)' })
			.filter({ hasText: 'Recorded a contact' })
	).toHaveCount(1);
	// Who and what, never what was written about the victim.
	await expect(trail).not.toContainText('Checked they had the letter');
	await expectNoAxeViolations(supervisor.page);
	await supervisor.context.close();
});

test('the audit trail is for supervisors: a caseworker is refused it, even for their own case', async ({
	browser
}) => {
	const worker = await signedInDevice(browser, DEMO_USERS.caseworker2.email);
	const href = await (
		await drawnCaseloadRows(worker.page)
	)
		.first()
		.getByRole('link')
		.getAttribute('href');
	const caseId = href!.split('/').at(-1)!;
	const answer = await worker.page.request.get(`/api/cases/${caseId}/audit`);
	expect(answer.status()).toBe(403);
	expect(await answer.text()).not.toContain('Opened the case');
	await worker.context.close();
});

test('with no signal, the audit trail page says it needs one', async ({ browser }) => {
	const supervisor = await signedInDevice(browser, DEMO_USERS.supervisor.email);
	// A case from the overdue list, the supervisor's home.
	const caseLink = supervisor.page.locator('a[href^="/cases/"]').first();
	const caseHref = (await caseLink.getAttribute('href'))!;
	await goOffline(supervisor.context, supervisor.page);
	await supervisor.page.goto(`${caseHref}/audit`);
	await expect(supervisor.page.getByTestId('audit-offline')).toHaveText(
		'You need a signal to see this: the server keeps it, not this device.'
	);
	await expectNoAxeViolations(supervisor.page);
	await supervisor.context.close();
});
