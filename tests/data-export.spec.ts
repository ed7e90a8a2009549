import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_USERS, newVictimAccount, signIn } from './helpers';

type ExportFile = { you: { givenName: string }; cases: { id: string; hearings: unknown[] }[] };

/** Clicks the portal's link and reads the file the browser saved. */
async function download(page: Page): Promise<{ file: ExportFile; name: string }> {
	await page.goto('/your-case');
	const saved = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Download a copy of your information' }).click();
	const file = await saved;
	const text = await readFile(await file.path(), 'utf8');
	return { file: JSON.parse(text) as ExportFile, name: file.suggestedFilename() };
}

test('a victim downloads a copy of their information as JSON, and it holds their case', async ({
	browser
}) => {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, DEMO_USERS.victim.email);
	await expect(page).toHaveURL(/\/your-case$/);
	const answer = await page.request.get('/your-case/export');
	expect(answer.headers()['content-type']).toMatch(/^application\/json/);
	expect(answer.headers()['content-disposition']).toMatch(/^attachment; filename="my-information-/);
	expect(answer.headers()['cache-control']).toBe('no-store');

	const { file, name } = await download(page);
	expect(name).toMatch(/^my-information-\d{4}-\d{2}-\d{2}\.json$/);
	expect(file.you.givenName).toBe('Jo');
	expect(file.cases).toHaveLength(1);
	expect(file.cases[0]!.hearings.length).toBeGreaterThan(0);
	await context.close();
});

test("another victim's download holds only their own case; staff and signed-out visitors get none", async ({
	browser
}) => {
	// Three people sign in, one of them setting up an account first.
	test.slow();
	const jo = await browser.newContext();
	const joPage = await jo.newPage();
	await signIn(joPage, DEMO_USERS.victim.email);
	// Signed in only once the portal opens: a page asked for sooner goes without the session.
	await expect(joPage).toHaveURL(/\/your-case$/);
	const joFile = (await download(joPage)).file;
	await jo.close();

	const other = await newVictimAccount(browser, 7);
	const { file } = await download(other.page);
	expect(file.cases.map((c) => c.id)).toEqual([other.caseId]);
	expect(JSON.stringify(file)).not.toContain(joFile.cases[0]!.id);
	await other.context.close();

	// Staff need only be signed in (not synced) to be refused.
	const staff = await browser.newContext();
	const staffPage = await staff.newPage();
	await signIn(staffPage, DEMO_USERS.caseworker.email);
	await staffPage.waitForURL(/\/caseload$/);
	const refused = await staffPage.request.get('/your-case/export', { maxRedirects: 0 });
	expect(refused.status()).toBe(403);
	expect(await refused.text()).not.toContain('"cases"');
	await staff.close();

	const nobody = await browser.newContext();
	const anonymous = await nobody.request.get('/your-case/export', { maxRedirects: 0 });
	expect(anonymous.status()).toBe(303);
	expect(anonymous.headers().location).toMatch(/^\/sign-in\?next=/);
	await nobody.close();
});
