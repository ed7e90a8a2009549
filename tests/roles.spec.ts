import { expect, test } from '@playwright/test';
import { DEMO_USERS, drawnCaseloadRows, expectNoAxeViolations, signIn } from './helpers';

const roles = Object.entries(DEMO_USERS);

for (const [name, user] of roles) {
	test.describe(`${name} (${user.email})`, () => {
		test('lands on their own home, with no WCAG 2.2 AA violations', async ({ page }) => {
			await signIn(page, user.email);
			await expect(page).toHaveURL(new RegExp(`${user.home}$`));
			await expect(page.getByRole('heading', { level: 1, name: user.heading })).toBeVisible();
			await expectNoAxeViolations(page);
		});

		test("is refused every other role's pages with 403", async ({ page }) => {
			await signIn(page, user.email);
			await expect(page).toHaveURL(new RegExp(`${user.home}$`));
			const others = [...new Set(roles.map(([, u]) => u.home))].filter(
				(home) => home !== user.home
			);
			for (const home of others) {
				const response = await page.goto(home);
				expect(response?.status(), home).toBe(403);
				await expect(page.getByRole('heading', { level: 1 })).toHaveText(
					'You do not have access to this page'
				);
			}
		});

		test('signs out, and the session is gone on the server', async ({
			page,
			context,
			playwright,
			baseURL
		}) => {
			await signIn(page, user.email);
			await expect(page).toHaveURL(new RegExp(`${user.home}$`));
			const cookie = (await context.cookies()).find((c) => c.name === 'session');
			expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

			await page.getByRole('button', { name: 'Sign out' }).click();
			await expect(page.getByText('You have signed out.')).toBeVisible();
			expect((await context.cookies()).find((c) => c.name === 'session')).toBeUndefined();

			// The old token, replayed from elsewhere, no longer opens anything.
			const replay = await playwright.request.newContext({
				baseURL,
				extraHTTPHeaders: { cookie: `session=${cookie!.value}` }
			});
			const response = await replay.get(user.home, { maxRedirects: 0 });
			expect(response.status()).toBe(303);
			expect(response.headers()['location']).toMatch(/^\/sign-in/);
			await replay.dispose();
		});
	});
}

test('the caseworker sees their own caseload of open cases', async ({ page }) => {
	await signIn(page, DEMO_USERS.caseworker.email);
	await expect(
		page.getByText(
			/^\d+ open cases(, \d+ with an overdue contact)?\. What needs doing first is at the top\.$/
		)
	).toBeVisible();
	const rows = await drawnCaseloadRows(page);
	expect(await rows.count()).toBeGreaterThan(30);
	await expect(page.getByRole('rowheader', { name: /Jo Bennett/ })).toBeVisible();
});

test('the supervisor sees the six caseworkers of their team', async ({ page }) => {
	await signIn(page, DEMO_USERS.supervisor.email);
	await expect(page.getByText('North and East London')).toBeVisible();
	await page
		.getByRole('navigation', { name: 'Team' })
		.getByRole('link', { name: 'Workload' })
		.click();
	const caseworkers = page.getByRole('table', { name: 'Caseworkers' });
	await expect(caseworkers.locator('tbody tr')).toHaveCount(6);
	await expect(caseworkers.getByRole('rowheader', { name: 'Alex Morgan' })).toBeVisible();
});

test('signed-in pages and API answers are never cached, and HSTS stays off plain-http localhost', async ({
	page
}) => {
	await signIn(page, DEMO_USERS.caseworker.email);
	await expect(page.getByRole('heading', { name: DEMO_USERS.caseworker.heading })).toBeVisible();
	for (const path of ['/caseload', '/api/me']) {
		const response = await page.request.get(path);
		expect(response.status(), path).toBe(200);
		expect(response.headers()['cache-control'], path).toBe('no-store');
		expect(response.headers()['strict-transport-security'], path).toBeUndefined();
	}
	const me = (await (await page.request.get('/api/me')).json()) as { user: { role: string } };
	expect(me.user.role).toBe('caseworker');
});

test('pages carry security headers and are never cached', async ({ request }) => {
	const response = await request.get('/sign-in');
	const headers = response.headers();
	expect(headers['cache-control']).toBe('no-store');
	expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['referrer-policy']).toBe('same-origin');
});
