import AxeBuilder from '@axe-core/playwright';
import {
	expect,
	type Browser,
	type BrowserContext,
	type Locator,
	type Page
} from '@playwright/test';

export const DEMO_PASSWORD = 'demo-password';

export const DEMO_USERS = {
	caseworker: { email: 'caseworker@demo.test', home: '/caseload', heading: 'Your caseload' },
	caseworker2: { email: 'caseworker2@demo.test', home: '/caseload', heading: 'Your caseload' },
	supervisor: { email: 'supervisor@demo.test', home: '/team', heading: 'Overdue and due soon' },
	victim: { email: 'victim@demo.test', home: '/your-case', heading: 'Your court dates' }
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
export async function signedInDevice(
	browser: Browser,
	email: string,
	options?: Parameters<Browser['newContext']>[0]
) {
	const context = await browser.newContext(options);
	const page = await context.newPage();
	await signIn(page, email);
	await expect(page.getByText('All changes saved to the server.')).toBeVisible();
	await expect(page.getByText(/Last synced/)).toBeVisible();
	return { context, page };
}

/**
 * Waits for the service worker to control the page: only then has the app's code been kept
 * (precached), so moving to another page with no signal can load it. When it does not within
 * 20 s, says where the worker had got to: installing (still fetching the app), waiting, or none.
 */
export async function untilControlled(page: Page) {
	try {
		await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, {
			timeout: 20_000
		});
	} catch (error) {
		const registration = await page.evaluate(async () => {
			const r = await navigator.serviceWorker?.getRegistration();
			return r
				? {
						installing: r.installing?.state ?? null,
						waiting: r.waiting?.state ?? null,
						active: r.active?.state ?? null
					}
				: null;
		});
		throw new Error(
			`The service worker did not control ${page.url()} within 20 s; its registration: ${JSON.stringify(registration)}`,
			{ cause: error }
		);
	}
}

/**
 * Takes the device offline once the service worker controls the page. A test that went offline
 * sooner would test how fast the worker installs, not the app.
 */
export async function goOffline(context: BrowserContext, page: Page) {
	await untilControlled(page);
	await context.setOffline(true);
}

/** Nobody else's tests use this caseworker's cases, so inviting their victims disturbs nothing. */
export const INVITING_CASEWORKER = 'caseworker5@demo.test';
export const VICTIM_PASSWORD = 'four words I remember';
export const CODE_SHAPE = /^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/;

/** The caseload's rows, once all are drawn (the table is `aria-busy` while it draws them). */
export async function drawnCaseloadRows(page: Page): Promise<Locator> {
	await expect(page.getByTestId('caseload')).toHaveAttribute('aria-busy', 'false');
	return page.getByTestId('caseload-row');
}

/**
 * A caseworker invites the victim of their `index`th case (none has a portal account yet; each
 * test uses its own index) through the endpoint the case page uses; returns the code and case.
 */
export async function inviteVictim(
	browser: Browser,
	index: number,
	email: string
): Promise<{ code: string; caseId: string }> {
	const { context, page } = await signedInDevice(browser, INVITING_CASEWORKER);
	// By id, not by the caseload's order: that follows what is due, which other tests change as
	// they run, so two of them could otherwise pick the same victim and end each other's sessions.
	const rows = await drawnCaseloadRows(page);
	const hrefs = await rows
		.getByRole('link')
		.evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
	const caseId = hrefs.map((href) => href.split('/').at(-1)!).sort()[index];
	if (!caseId) throw new Error(`${INVITING_CASEWORKER} has fewer than ${index + 1} cases`);
	const answer = await page.evaluate(
		async ({ caseId, email }) => {
			const response = await fetch(`/api/cases/${caseId}/victim-access`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ email })
			});
			return { status: response.status, body: (await response.json()) as { code: string } };
		},
		{ caseId, email }
	);
	expect(answer.status).toBe(201);
	expect(answer.body.code).toMatch(CODE_SHAPE);
	await context.close();
	return { code: answer.body.code, caseId };
}

/**
 * A victim of their own: invited, set up with a password at /set-up and signed in on a fresh
 * device, so a test can change the account (its language, say) without touching the demo victim.
 */
export async function newVictimAccount(browser: Browser, index: number) {
	const email = `portal-${index}-${Date.now()}@demo.test`;
	const { code, caseId } = await inviteVictim(browser, index, email);
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.goto('/set-up');
	await page.getByLabel('Code from your caseworker').fill(code);
	await page.getByRole('button', { name: 'Continue' }).click();
	await page.getByLabel('New password', { exact: true }).fill(VICTIM_PASSWORD);
	await page.getByLabel('Type your new password again').fill(VICTIM_PASSWORD);
	await page.getByRole('button', { name: 'Set up my account' }).click();
	await expect(page).toHaveURL(/\/sign-in\?ready=1$/);
	await signIn(page, email, VICTIM_PASSWORD);
	await expect(page).toHaveURL(/\/your-case$/);
	return { context, page, email, caseId };
}
