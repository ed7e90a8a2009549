import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'demo-password';

export const DEMO_USERS = {
	caseworker: { email: 'caseworker@demo.test', home: '/caseload', heading: 'Your caseload' },
	caseworker2: { email: 'caseworker2@demo.test', home: '/caseload', heading: 'Your caseload' },
	supervisor: { email: 'supervisor@demo.test', home: '/team', heading: 'Team overview' },
	victim: { email: 'victim@demo.test', home: '/your-case', heading: 'Your case' }
} as const;

/** Signs in through the form, by its visible labels, as a person would. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
	await page.goto('/sign-in');
	await page.getByLabel('Email address').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
}

/** WCAG 2.2 A and AA, as axe checks them. */
export async function expectNoAxeViolations(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
		.analyze();
	expect(
		results.violations.map(
			(v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`
		)
	).toEqual([]);
}

/** A fresh browser context (its own storage, like another device), signed in after its first sync. */
export async function signedInDevice(browser: Browser, email: string) {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, email);
	await expect(page.getByText('All changes saved to the server.')).toBeVisible();
	await expect(page.getByText(/Last synced/)).toBeVisible();
	return { context, page };
}
