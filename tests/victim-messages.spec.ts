import { expect, test } from '@playwright/test';
import { DEMO_USERS, expectNoAxeViolations, signedInDevice, signIn } from './helpers';

test('a hearing listed for a victim who uses the portal: the caseworker sees the message go, the development outbox holds its neutral words, and offline the section says a signal is needed', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(60_000);
	const { context, page } = await signedInDevice(browser, DEMO_USERS.caseworker.email);
	// Jo Bennett can sign in to the portal and prefers email.
	await page.getByRole('link', { name: 'Jo Bennett' }).click();
	await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
	const messages = page.getByTestId('victim-messages');
	await expect(messages.getByRole('heading', { name: 'Messages to the victim' })).toBeVisible();

	await page.getByRole('button', { name: 'Add a hearing' }).click();
	const add = page.getByTestId('add-hearing');
	await add.getByLabel('Court', { exact: true }).selectOption({ label: 'Croydon Crown Court' });
	await add.getByLabel('Type of hearing').selectOption({ label: 'Trial' });
	await add.getByLabel('Date', { exact: true }).first().fill('2027-05-17');
	await add.getByLabel('Time', { exact: true }).first().fill('10:00');
	await add.getByRole('button', { name: 'Save hearing' }).click();
	await expect(page.getByText('All changes saved to the server.')).toBeVisible();

	// The worker sends within a second or so; the caseworker checks again until it has gone.
	const latest = messages.getByTestId('victim-message').first();
	await expect(async () => {
		await messages.getByRole('button', { name: 'Check messages again' }).click();
		await expect(latest.getByTestId('victim-message-status')).toHaveText('Sent', {
			timeout: 1_000
		});
	}).toPass({ timeout: 20_000 });
	await expect(latest).toContainText('Trial listed for Mon 17 May 2027, 10:00am');
	await expect(latest).toContainText(/Sent by email to jo\.bennett/);
	await expectNoAxeViolations(page);

	// Nothing really went anywhere: the development outbox shows the words that would have.
	await messages.getByRole('link', { name: 'development outbox' }).click();
	const outbox = page.getByRole('table', { name: 'Development outbox' });
	const first = outbox.getByRole('row').nth(1);
	await expect(first).toContainText(`You have a new update. Sign in to see it: ${baseURL}/sign-in`);
	await expect(first).toContainText(/jo\.bennett/);
	await expect(first).not.toContainText(/Croydon|Trial|hearing|court/i);
	await expectNoAxeViolations(page);

	await page.goBack();
	await expect(messages).toBeVisible();
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByTestId('victim-messages-offline')).toContainText(
		'You need a signal to see the messages sent to'
	);
	await context.close();
});

test('a victim cannot open the development outbox', async ({ page }) => {
	await signIn(page, DEMO_USERS.victim.email);
	await expect(page).toHaveURL(/\/your-case$/);
	const response = await page.goto('/demo/outbox');
	expect(response?.status()).toBe(403);
});
