import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, inviteVictim, VICTIM_PASSWORD as PASSWORD } from './helpers';

const codeField = (page: Page) => page.getByLabel('Code from your caseworker');
const newPassword = (page: Page) => page.getByLabel('New password', { exact: true });
const confirmPassword = (page: Page) => page.getByLabel('Type your new password again');

test('a victim sets up their account with the code from their caseworker, signs in, and the code works once', async ({
	browser
}) => {
	const email = `set-up-${Date.now()}@demo.test`;
	const code = (await inviteVictim(browser, 0, email)).code;
	const context = await browser.newContext();
	const page = await context.newPage();

	// From the sign-in page, as a victim would come to it.
	await page.goto('/sign-in');
	await page.getByRole('link', { name: 'Set up your account' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Set up your account' })).toBeVisible();
	await expect(page).toHaveTitle('Set up your account – My updates');

	// A wrong code: what was wrong, and what to do.
	await codeField(page).fill('ABCD-EFGH-JKMN');
	await page.getByRole('button', { name: 'Continue' }).click();
	const summary = page.locator('.govuk-error-summary');
	await expect(summary).toBeFocused();
	await expect(summary).toContainText(
		'This code is not right. Check it, or ask your caseworker for a new one.'
	);
	await expect(page.locator('#code-error')).toContainText('This code is not right');
	await expect(page).toHaveTitle('Error: Set up your account – My updates');
	await expect(codeField(page)).toHaveValue('ABCD-EFGH-JKMN');

	// The right code, typed loosely: on to the password, the email still not shown.
	await codeField(page).fill(code.toLowerCase().replaceAll('-', ' '));
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Choose a password' })).toBeFocused();
	await expect(page.getByTestId('set-up-code')).toHaveText(code);
	await expect(page.getByText(email)).toHaveCount(0);
	await expect(newPassword(page)).toHaveAttribute('autocomplete', 'new-password');

	// Passwords that differ: an error, both fields emptied, the code kept.
	await newPassword(page).fill(PASSWORD);
	await confirmPassword(page).fill(`${PASSWORD} again`);
	await page.getByRole('button', { name: 'Set up my account' }).click();
	await expect(summary).toContainText('The passwords do not match');
	await expect(page.getByTestId('set-up-code')).toHaveText(code);
	await expect(newPassword(page)).toHaveValue('');
	await expect(confirmPassword(page)).toHaveValue('');
	await expectNoAxeViolations(page);

	// Too short.
	await newPassword(page).fill('short');
	await confirmPassword(page).fill('short');
	await page.getByRole('button', { name: 'Set up my account' }).click();
	await expect(page.locator('#password-error')).toContainText(
		'Password must be 12 characters or more'
	);

	await newPassword(page).fill(PASSWORD);
	await confirmPassword(page).fill(PASSWORD);
	await page.getByRole('button', { name: 'Set up my account' }).click();

	// Ready: the sign-in page says so, once, with the email to sign in with.
	await expect(page).toHaveURL(/\/sign-in\?ready=1$/);
	const ready = page.getByTestId('set-up-ready');
	await expect(ready).toContainText('Your account is ready');
	await expect(ready).toContainText(`Sign in with your email address, ${email}`);
	await expect(page.getByLabel('Email address')).toHaveValue(email);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/your-case$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Your court dates' })).toBeVisible();
	await context.close();

	// The same code again, anywhere: already used.
	const again = await browser.newContext();
	const other = await again.newPage();
	await other.goto('/set-up');
	await codeField(other).fill(code);
	await other.getByRole('button', { name: 'Continue' }).click();
	await expect(other.locator('.govuk-error-summary')).toContainText(
		'This code has already been used'
	);
	await again.close();
});

test('setting up works without JavaScript', async ({ browser }) => {
	const email = `set-up-nojs-${Date.now()}@demo.test`;
	const code = (await inviteVictim(browser, 1, email)).code;
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto('/set-up');
	await codeField(page).fill('');
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page.locator('#code-error')).toContainText(
		'Enter the code your caseworker gave you'
	);

	await codeField(page).fill(code);
	await page.getByRole('button', { name: 'Continue' }).click();
	await newPassword(page).fill(PASSWORD);
	await confirmPassword(page).fill('something else entirely');
	await page.getByRole('button', { name: 'Set up my account' }).click();
	await expect(page.locator('#confirm-error')).toContainText('The passwords do not match');
	await expect(page.getByTestId('set-up-code')).toHaveText(code);
	await expect(newPassword(page)).toHaveValue('');

	await newPassword(page).fill(PASSWORD);
	await confirmPassword(page).fill(PASSWORD);
	await page.getByRole('button', { name: 'Set up my account' }).click();
	await expect(page).toHaveURL(/\/sign-in\?ready=1$/);
	await expect(page.getByTestId('set-up-ready')).toContainText(email);
	// Read once: a reload no longer names the address.
	await page.reload();
	await expect(page.getByTestId('set-up-ready')).not.toContainText(email);
	await expect(page.getByTestId('set-up-ready')).toContainText(
		'the email address your caseworker used to invite you'
	);
	await page.getByLabel('Email address').fill(email);
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/your-case$/);
	await context.close();
});

test('the set-up page has no WCAG 2.2 AA violations, in English and in Polish', async ({
	page
}) => {
	await page.goto('/set-up');
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page.locator('.govuk-error-summary')).toBeFocused();
	await expectNoAxeViolations(page);

	await page.getByRole('link', { name: 'Polski' }).click();
	await expect(page).toHaveURL(/\/set-up\?lang=pl$/);
	const heading = page.getByRole('heading', { level: 1, name: 'Załóż konto' });
	await expect(heading).toBeVisible();
	await expect(page.locator('[lang="pl"]').filter({ has: heading })).toHaveCount(1);
	await expect(page).toHaveTitle('Załóż konto – Moje informacje');
	await expect(page.getByText('czeka na sprawdzenie')).toBeVisible();
	await expectNoAxeViolations(page);

	// Errors in Polish too, and the page stays in Polish after the answer.
	await page.getByRole('button', { name: 'Dalej' }).click();
	await expect(page.locator('.govuk-error-summary')).toContainText('Wystąpił problem');
	await expect(page.locator('#code-error')).toContainText('Wpisz kod, który dał Ci opiekun sprawy');
	await expect(page).toHaveTitle('Błąd: Załóż konto – Moje informacje');
	await page.getByLabel('Kod od opiekuna sprawy').fill('ABCD-EFGH-JKMN');
	await page.getByRole('button', { name: 'Dalej' }).click();
	await expect(page.locator('#code-error')).toContainText('Ten kod jest nieprawidłowy');
	await expectNoAxeViolations(page);

	await page.getByRole('link', { name: 'English' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Set up your account' })).toBeVisible();
});
