import { expect, test } from '@playwright/test';
import { DEMO_USERS, expectNoAxeViolations, signIn } from './helpers';

test.describe('sign-in page', () => {
	test('has fields labelled for people and screen readers, and no WCAG 2.2 AA violations', async ({
		page
	}) => {
		await page.goto('/sign-in');
		await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
		await expect(page.getByLabel('Email address')).toHaveAttribute('autocomplete', 'username');
		await expect(page.getByLabel('Password')).toHaveAttribute('type', 'password');
		await expectNoAxeViolations(page);
	});

	test('asks for each missing field, with the summary focused and no violations', async ({
		page
	}) => {
		await page.goto('/sign-in');
		await page.getByRole('button', { name: 'Sign in' }).click();
		const summary = page.locator('.govuk-error-summary');
		await expect(summary).toBeFocused();
		await expect(summary.getByRole('link', { name: 'Enter an email address' })).toBeVisible();
		await expect(summary.getByRole('link', { name: 'Enter your password' })).toBeVisible();
		await expect(page).toHaveTitle(/^Error: Sign in/);
		await expectNoAxeViolations(page);
	});

	test('explains a badly formed email and keeps what was typed', async ({ page }) => {
		await page.goto('/sign-in');
		await page.getByLabel('Email address').fill('caseworker at demo.test');
		await page.getByLabel('Password').fill('anything');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.locator('#email-error')).toContainText(
			'Enter an email address in the correct format'
		);
		await expect(page.getByLabel('Email address')).toHaveValue('caseworker at demo.test');
	});

	test('gives one message for a wrong password, keeping the email but not the password', async ({
		page
	}) => {
		await signIn(page, DEMO_USERS.caseworker2.email, 'not-the-password');
		await expect(page.getByRole('alert')).toContainText(
			'The email address or password is not right'
		);
		await expect(page.getByLabel('Email address')).toHaveValue(DEMO_USERS.caseworker2.email);
		await expect(page.getByLabel('Password')).toHaveValue('');
		await expect(page).toHaveURL(/\/sign-in/);
	});

	test('gives the same message for an email with no account', async ({ page }) => {
		await signIn(page, 'nobody@demo.test', 'demo-password');
		await expect(page.getByRole('alert')).toContainText(
			'The email address or password is not right'
		);
	});

	test('slows down repeated failures for one account', async ({ page }) => {
		const email = 'someone-guessing@demo.test';
		for (let i = 0; i < 5; i++) {
			await signIn(page, email, `guess-${i}`);
			await expect(page.getByRole('alert')).toContainText('not right');
		}
		await signIn(page, email, 'guess-6');
		await expect(page.getByRole('alert')).toContainText(
			'Too many failed attempts to sign in. Wait 15 minutes'
		);
	});

	test('keeps what was typed before the page finished loading its scripts', async ({ page }) => {
		// Slow scripts, as on a poor connection: the person types while the page is still hydrating.
		let release!: () => void;
		const scriptsHeld = new Promise<void>((resolve) => (release = resolve));
		await page.route('**/_app/immutable/**/*.js', async (route) => {
			await scriptsHeld;
			await route.continue();
		});
		await page.goto('/sign-in', { waitUntil: 'domcontentloaded' });
		await page.getByLabel('Email address').fill(DEMO_USERS.caseworker2.email);
		release();
		await page.waitForLoadState('networkidle');
		await expect(page.getByLabel('Email address')).toHaveValue(DEMO_USERS.caseworker2.email);
	});

	test('signs in on a shared or unsafe device, and keeps the choice after a wrong password', async ({
		page
	}) => {
		await page.goto('/sign-in');
		const shared = page.getByLabel('This is a shared or unsafe device');
		await expect(shared).toHaveAccessibleDescription(/other people use this phone or computer/);
		await page.getByLabel('Email address').fill(DEMO_USERS.victim.email);
		await page.getByLabel('Password').fill('not-the-password');
		await shared.check();
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.getByRole('alert')).toContainText('not right');
		await expect(shared).toBeChecked();
		await page.getByLabel('Password').fill('demo-password');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page).toHaveURL(/\/your-case$/);
		await expect(page.getByRole('heading', { level: 1, name: 'Your court dates' })).toBeVisible();
		const cookies = await page.context().cookies();
		expect(cookies.find((c) => c.name === 'session')?.httpOnly).toBe(true);
	});

	test('offers a victim with a code from their caseworker the way to set up an account', async ({
		page
	}) => {
		await page.goto('/sign-in');
		await page.getByRole('link', { name: 'Set up your account' }).click();
		await expect(page).toHaveURL(/\/set-up$/);
	});

	test('works without JavaScript too', async ({ browser }) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await signIn(page, DEMO_USERS.supervisor.email);
		await expect(page).toHaveURL(/\/team$/);
		await expect(
			page.getByRole('heading', { level: 1, name: DEMO_USERS.supervisor.heading })
		).toBeVisible();
		await context.close();
	});

	test('sends a signed-out visitor to sign in, then on to the page they asked for', async ({
		page
	}) => {
		await page.goto('/team');
		await expect(page).toHaveURL(/\/sign-in\?next=%2Fteam$/);
		await page.getByLabel('Email address').fill(DEMO_USERS.supervisor.email);
		await page.getByLabel('Password').fill('demo-password');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page).toHaveURL(/\/team$/);
	});

	test('never redirects to another site after signing in', async ({ page }) => {
		await page.goto('/sign-in?next=//evil.example/');
		await page.getByLabel('Email address').fill(DEMO_USERS.supervisor.email);
		await page.getByLabel('Password').fill('demo-password');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page).toHaveURL(/localhost:\d+\/team$/);
	});
});
