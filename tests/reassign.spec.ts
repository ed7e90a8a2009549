import { expect, test, type Page } from '@playwright/test';
import { DEMO_USERS, expectNoAxeViolations, signedInDevice } from './helpers';

// Only these two caseworkers' cases: other files use the other caseworkers' cases in parallel.
const FROM = 'caseworker3@demo.test';
const TO = 'caseworker4@demo.test';

/** The signed-in person's name, as the page header shows it. */
const displayName = async (page: Page) =>
	(
		await page
			.getByRole('navigation', { name: 'Your account' })
			.locator('.govuk-service-navigation__text')
			.innerText()
	).trim();

/** How many cases the caseload holds, whatever its filters show ("Showing 3 of 12 cases."). */
async function caseloadSize(page: Page): Promise<number> {
	await expect(page.getByTestId('caseload-row').first()).toBeVisible();
	const words = await page.getByTestId('caseload-count').innerText();
	return Number(/of (\d+) cases/.exec(words)![1]);
}

/** The first case of a caseload: its id and its victim's name. */
async function firstCase(page: Page) {
	const link = page.getByTestId('caseload-row').first().getByRole('link');
	const href = (await link.getAttribute('href'))!;
	return { caseId: href.split('/').at(-1)!, victimName: (await link.innerText()).trim() };
}

const caseLink = (page: Page, caseId: string) => page.locator(`a[href="/cases/${caseId}"]`);

test('a supervisor moves a case to another caseworker with a reason: the history keeps it, and it leaves one device for the other', async ({
	browser
}) => {
	// Three devices signing in and a supervisor's first download of the whole team.
	test.slow();
	const grace = await signedInDevice(browser, TO);
	const graceName = await displayName(grace.page);
	const graceHas = await caseloadSize(grace.page);

	const tom = await signedInDevice(browser, FROM);
	const tomName = await displayName(tom.page);
	const tomHas = await caseloadSize(tom.page);
	const { caseId, victimName } = await firstCase(tom.page);
	await expect(caseLink(grace.page, caseId)).toHaveCount(0);

	const supervisor = await signedInDevice(browser, DEMO_USERS.supervisor.email);
	const page = supervisor.page;
	await page.goto(`/cases/${caseId}`);
	await expect(page.getByRole('heading', { level: 1 })).toContainText(victimName);
	await expect(page.getByText(`Caseworker: ${tomName}`)).toBeVisible();
	const section = page.getByTestId('reassign-case');
	await expect(section.getByRole('heading', { name: 'Reassign this case' })).toBeVisible();
	await expect(
		page.getByRole('navigation', { name: 'On this page' }).getByRole('link', {
			name: 'Reassign this case'
		})
	).toBeVisible();
	// The one who has the case is not offered it again.
	await expect(section.getByLabel('Move to').locator('option', { hasText: tomName })).toHaveCount(
		0
	);

	// No reason: refused on the spot, saying what is missing, with the choice kept.
	await section.getByLabel('Move to').selectOption({ label: graceName });
	await section.getByRole('button', { name: 'Move the case' }).click();
	const summary = section.locator('.govuk-error-summary');
	await expect(summary).toBeFocused();
	await expect(summary.getByRole('link', { name: 'Enter the reason for the move' })).toBeVisible();
	await expect(section.locator('#reassign-reason-error')).toContainText(
		'Enter the reason for the move'
	);
	await expect(section.getByLabel('Move to')).toHaveValue(/.+/);
	await expectNoAxeViolations(page);

	const reason = `${tomName} is on leave until March (${Date.now()})`;
	await section.getByLabel('Reason for the move').fill(reason);
	await section.getByRole('button', { name: 'Move the case' }).click();
	const done = section.getByTestId('reassign-done');
	await expect(done).toHaveText(
		`Case moved to ${graceName}. It will leave ${tomName}’s device and reach ${graceName}’s at their next sync.`
	);
	await expect(summary).toHaveCount(0);
	await expect(section.getByLabel('Reason for the move')).toHaveValue('');
	await expectNoAxeViolations(page);

	// This device syncs at once: who has the case, and the move with its reason in the timeline.
	await expect(page.getByText(`Caseworker: ${graceName}`)).toBeVisible({ timeout: 20_000 });
	await expect(
		page
			.getByTestId('timeline')
			.locator('li')
			.filter({ hasText: `Assigned to ${graceName}` })
			.filter({ hasText: reason })
	).toBeVisible();

	// At the new caseworker's next sync the case arrives; at the old one's it leaves.
	await grace.page.reload();
	await expect(caseLink(grace.page, caseId)).toBeVisible({ timeout: 20_000 });
	await expect(grace.page.getByTestId('caseload-count')).toContainText(`of ${graceHas + 1} cases`);

	await tom.page.reload();
	await expect(tom.page.getByTestId('caseload-count')).toContainText(`of ${tomHas - 1} cases`, {
		timeout: 20_000
	});
	await expect(caseLink(tom.page, caseId)).toHaveCount(0);
	await tom.page.goto(`/cases/${caseId}`);
	await expect(
		tom.page.getByRole('heading', { name: 'This case is not on this device' })
	).toBeVisible();

	await grace.context.close();
	await tom.context.close();
	await supervisor.context.close();
});

test('with no signal, moving a case says a signal is needed and keeps what was typed', async ({
	browser
}) => {
	test.slow();
	const grace = await signedInDevice(browser, TO);
	const { caseId, victimName } = await firstCase(grace.page);
	await grace.context.close();

	const { context, page } = await signedInDevice(browser, DEMO_USERS.supervisor.email);
	await page.goto(`/cases/${caseId}`);
	await expect(page.getByRole('heading', { level: 1 })).toContainText(victimName);
	const section = page.getByTestId('reassign-case');
	await expect(section.getByLabel('Move to')).toBeVisible();

	await context.setOffline(true);
	await expect(section.getByTestId('reassign-offline')).toContainText(
		'You need a signal to move this case'
	);
	await section.getByLabel('Move to').selectOption({ index: 1 });
	const chosen = await section.getByLabel('Move to').inputValue();
	const reason = 'Victim asked for a caseworker who speaks Polish';
	await section.getByLabel('Reason for the move').fill(reason);
	await section.getByRole('button', { name: 'Move the case' }).click();
	await expect(section.getByTestId('reassign-offline')).toContainText(
		'Not sent: you need a signal to move this case. What you typed is still here'
	);
	await expect(section.getByLabel('Reason for the move')).toHaveValue(reason);
	await expect(section.getByLabel('Move to')).toHaveValue(chosen);
	await expect(section.getByTestId('reassign-done')).toHaveCount(0);
	await expectNoAxeViolations(page);

	// Back online, the warning goes and what was typed is still there to send.
	await context.setOffline(false);
	await expect(section.getByTestId('reassign-offline')).toHaveCount(0);
	await expect(section.getByLabel('Reason for the move')).toHaveValue(reason);
	await context.close();
});
