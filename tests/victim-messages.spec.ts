import { expect, test } from '@playwright/test';
import { DEMO_USERS, signIn } from './helpers';

// The messages themselves (listed, changed, sent by the victim's channel, neutral words, the
// caseworker's view) are followed end to end in portal.spec.ts, with a victim of that test's own.

test('a victim cannot open the development outbox', async ({ page }) => {
	await signIn(page, DEMO_USERS.victim.email);
	await expect(page).toHaveURL(/\/your-case$/);
	const response = await page.goto('/demo/outbox');
	expect(response?.status()).toBe(403);
});
