import { expect, test } from '@playwright/test';
import {
	DEMO_USERS,
	drawnCaseloadRows,
	expectNoAxeViolations,
	goOffline,
	signedInDevice
} from './helpers';

test('offline, a caseworker finds a case by crime reference, records an adjournment and the contact that meets its Right 8 duty; online, the supervisor sees both', async ({
	browser
}) => {
	test.slow(); // two or three devices, each with its first sync
	const { context, page } = await signedInDevice(browser, DEMO_USERS.caseworker.email);
	const rows = await drawnCaseloadRows(page);
	await expectNoAxeViolations(page);
	// Most urgent first: an overdue case never sits below one with nothing due.
	const needs = await rows.locator('td:nth-child(3)').allInnerTexts();
	const firstCalm = needs.findIndex((t) => !t.startsWith('Overdue'));
	expect(needs.slice(firstCalm).some((t) => t.startsWith('Overdue'))).toBe(false);

	// A case other tests leave alone, with a hearing coming up.
	const row = rows
		.filter({ hasNot: page.getByRole('link', { name: 'Jo Bennett' }) })
		.filter({ hasNotText: 'None listed' })
		.first();
	const name = (await row.getByRole('link').innerText()).trim();
	const reference = (await row.locator('td').first().locator('.govuk-body-s').innerText()).trim();

	await goOffline(context, page);
	await page.getByLabel('Search by name or crime reference').fill(reference.split(' ')[1]!);
	await expect(rows).toHaveCount(1);
	await expect(page.getByTestId('caseload-count')).toContainText('Showing 1 of');
	await rows.getByRole('link', { name }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(name);

	// An adjournment: a new Right 8 duty appears, and the timeline shows from → to with the reason.
	const hearing = page.getByTestId('hearing').first();
	await hearing.getByRole('button', { name: 'Change this hearing' }).click();
	await page.locator('#hearing-date').fill('2027-03-15');
	await page.locator('#hearing-time').fill('10:30');
	await page.getByLabel('Reason given for the change').fill('Defence barrister unwell');
	await page.getByRole('button', { name: 'Save hearing change' }).click();
	const duty = page
		.getByTestId('open-obligations')
		.getByTestId('obligation')
		.filter({ hasText: 'the hearing date, time and place, or what changed' })
		.filter({ hasText: 'Victims’ Code Right 8' });
	await expect(duty.first()).toBeVisible();
	const dutyKey = await duty.first().getAttribute('data-key');
	const timeline = page.getByTestId('timeline');
	await expect(timeline).toContainText('to Mon 15 Mar 2027, 10:30am');
	await expect(timeline).toContainText('Reason given: Defence barrister unwell');

	// The contact form offers the duty pre-ticked, and warns against a voicemail if not allowed.
	const form = page.getByTestId('contact-form');
	await expect(form.locator(`input[id="informed-${dutyKey}"]`)).toBeChecked();
	await form.getByLabel('What happened').selectOption({ label: 'Voicemail left' });
	const voicemailAllowed = !(await page
		.getByTestId('contact-preferences')
		.getByText('Do not leave a voicemail')
		.isVisible());
	const voicemailWarning = page
		.getByTestId('safe-contact-warning')
		.getByText('The victim does not want voicemails left.');
	await expect(voicemailWarning).toHaveCount(voicemailAllowed ? 0 : 1);
	await expectNoAxeViolations(page);
	await form.getByLabel('What happened').selectOption({ label: 'Spoke to the victim' });
	await form.getByLabel('How').selectOption({ label: 'In person' });
	const summary = `Told them the trial moved to 15 March (${Date.now()})`;
	await form.getByLabel('Summary').fill(summary);
	await form.getByRole('button', { name: 'Save contact' }).click();
	await expect(page.getByText('Contact saved on this device.')).toBeVisible();
	// The duty is met: it leaves "what needs doing" and shows as met on time.
	await expect(page.getByTestId('open-obligations').locator(`[data-key="${dutyKey}"]`)).toHaveCount(
		0
	);
	await expect(
		page.getByTestId('done-obligations').locator(`[data-key="${dutyKey}"]`)
	).toContainText('Met on time');
	await expect(timeline).toContainText(summary);
	await expect(page.getByText('2 changes waiting to sync.')).toBeVisible();
	const caseUrl = page.url();

	await context.setOffline(false);
	await expect(page.getByText('All changes saved to the server.')).toBeVisible({
		timeout: 20_000
	});
	const supervisor = await signedInDevice(browser, DEMO_USERS.supervisor.email);
	await supervisor.page.goto(caseUrl);
	const seen = supervisor.page.getByTestId('timeline');
	await expect(seen).toContainText(summary);
	await expect(seen).toContainText('Reason given: Defence barrister unwell');
	await expect(supervisor.page.getByRole('button', { name: 'Save contact' })).toHaveCount(0);
	await expectNoAxeViolations(supervisor.page);
	await supervisor.context.close();
	await context.close();
});

test('the caseload filters by what is due and sorts by any column, by keyboard', async ({
	browser
}) => {
	const { context, page } = await signedInDevice(browser, DEMO_USERS.caseworker.email);
	const rows = await drawnCaseloadRows(page);
	const total = await rows.count();
	await page.getByLabel('Contacts due').selectOption({ label: 'Nothing to do' });
	for (const text of await rows.locator('td:nth-child(3)').allInnerTexts())
		expect(text).toBe('Nothing due');
	await page.getByLabel('Contacts due').selectOption({ label: 'Any' });
	await expect(rows).toHaveCount(total);

	const victimHeader = page.getByRole('columnheader', { name: 'Victim' });
	await victimHeader.getByRole('button').focus();
	await page.keyboard.press('Enter');
	await expect(victimHeader).toHaveAttribute('aria-sort', 'ascending');
	const names = await rows.getByRole('link').allInnerTexts();
	expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	await page.keyboard.press('Enter');
	await expect(victimHeader).toHaveAttribute('aria-sort', 'descending');
	expect(await rows.getByRole('link').allInnerTexts()).toEqual(
		[...names].sort((a, b) => b.localeCompare(a))
	);
	await context.close();
});

test('the contact form warns when a voicemail is chosen for a victim who does not allow one', async ({
	browser
}) => {
	const { context, page } = await signedInDevice(browser, DEMO_USERS.caseworker.email);
	await page.getByRole('link', { name: 'Jo Bennett' }).click();
	const form = page.getByTestId('contact-form');
	await expect(page.getByTestId('contact-preferences')).toContainText('Do not leave a voicemail');
	await expect(page.getByTestId('safe-contact-warning')).toHaveCount(0);
	await form.getByLabel('What happened').selectOption({ label: 'Voicemail left' });
	await expect(page.getByTestId('safe-contact-warning')).toContainText(
		'The victim does not want voicemails left. Do not leave one.'
	);

	// Typed but not saved: leaving asks first, and staying keeps what was typed.
	await form.getByLabel('Summary').fill('Half-typed note');
	const asked = page.waitForEvent('dialog');
	void page.getByRole('link', { name: 'Victim Care Hub' }).click();
	const dialog = await asked;
	expect(dialog.message()).toContain('You have not saved what you typed');
	await dialog.dismiss();
	await expect(form.getByLabel('Summary')).toHaveValue('Half-typed note');
	await expect(page).toHaveURL(/\/cases\//);
	await context.close();
});

test('a change the server refuses reaches the supervisor’s team page with what was typed and why', async ({
	browser
}) => {
	test.slow(); // two or three devices, each with its first sync
	const { context, page } = await signedInDevice(browser, DEMO_USERS.caseworker.email);
	await page.getByRole('link', { name: 'Jo Bennett' }).click();
	await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
	const caseId = page.url().split('/cases/')[1]!;
	const summary = `Refused on purpose ${Date.now()}`;
	// A correction of a contact that is not on this case: refused with the reason, and kept.
	const status = await page.evaluate(
		async ({ caseId, summary }) => {
			const response = await fetch('/api/sync/push', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					clientId: crypto.randomUUID(),
					mutations: [
						{
							seq: 1,
							id: crypto.randomUUID(),
							name: 'contact.record',
							args: {
								id: crypto.randomUUID(),
								caseId,
								occurredAt: '2026-11-20T10:00:00.000Z',
								channel: 'phone',
								direction: 'outbound',
								outcome: 'reached',
								summary,
								informedObligations: [],
								amendsContactId: crypto.randomUUID(),
								recordedAt: '2026-11-20T10:05:00.000Z'
							}
						}
					]
				})
			});
			return { code: response.status, body: (await response.json()) as unknown };
		},
		{ caseId, summary }
	);
	expect(status.code).toBe(200);
	expect(status.body).toMatchObject({
		results: [{ status: 'rejected', reason: 'The contact being corrected is not on this case.' }]
	});

	const supervisor = await signedInDevice(browser, DEMO_USERS.supervisor.email);
	await supervisor.page.goto('/team/to-resolve');
	const refused = supervisor.page.getByTestId('refused-changes').getByRole('row', {
		name: new RegExp(summary)
	});
	await expect(refused).toContainText('Alex Morgan');
	await expect(refused).toContainText('Jo Bennett');
	await expect(refused).toContainText('The contact being corrected is not on this case.');
	await expectNoAxeViolations(supervisor.page);
	await supervisor.context.close();
	await context.close();
});

test('offline, a caseworker adds a hearing, makes and accepts a referral by keyboard, marks a right delivered, records enhanced rights and edits safety notes; online, the supervisor sees each', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const { context, page } = await signedInDevice(browser, DEMO_USERS.caseworker.email);
	// A case the other tests leave alone.
	const row = page
		.getByTestId('caseload-row')
		.filter({ hasNot: page.getByRole('link', { name: 'Jo Bennett' }) })
		.last();
	const name = (await row.getByRole('link').innerText()).trim();
	await goOffline(context, page);
	await row.getByRole('link', { name }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
	const stamp = Date.now();

	// A hearing: nothing chosen is refused field by field; a date in the past asks to confirm.
	await page.getByRole('button', { name: 'Add a hearing' }).click();
	const add = page.getByTestId('add-hearing');
	await add.getByRole('button', { name: 'Save hearing' }).click();
	await expect(add.getByRole('alert')).toContainText('Choose a court');
	await expect(add.getByRole('alert')).toContainText('Choose the type of hearing');
	await expect(add.getByRole('alert')).toContainText('Enter the date and time of the hearing');
	await expectNoAxeViolations(page);
	await add.getByLabel('Court', { exact: true }).selectOption({ label: 'Croydon Crown Court' });
	await add.getByLabel('Type of hearing').selectOption({ label: 'Trial' });
	await add.getByLabel('Date', { exact: true }).first().fill('2026-01-05');
	await add.getByLabel('Time', { exact: true }).first().fill('10:00');
	await add.getByRole('button', { name: 'Save hearing' }).click();
	await expect(add.getByRole('alert')).toContainText('This hearing is in the past');
	await add.getByLabel('Date', { exact: true }).first().fill('2027-04-12');
	await add.getByRole('button', { name: 'Save hearing' }).click();
	const newHearing = page
		.getByTestId('hearing')
		.filter({ hasText: 'Mon 12 Apr 2027, 10:00am' })
		.filter({ hasText: 'Croydon Crown Court' });
	await expect(newHearing).toHaveCount(1);
	await expect(page.getByTestId('timeline')).toContainText('Trial listed');

	// A referral, made and accepted by keyboard alone.
	await page.getByRole('button', { name: 'Make a referral' }).focus();
	await page.keyboard.press('Enter');
	const newReferral = page.getByTestId('new-referral');
	await newReferral.getByLabel('Support service').focus();
	await page.keyboard.press('ArrowDown');
	await expect(newReferral.getByLabel('Support service')).not.toHaveValue('');
	const service = await newReferral
		.getByLabel('Support service')
		.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]!.text);
	await newReferral.getByLabel('Yes, the victim agreed').focus();
	await page.keyboard.press('Space');
	await page.keyboard.press('Tab');
	await page.keyboard.type(`Wants help with the court visit (${stamp})`);
	await page.keyboard.press('Tab');
	await expect(newReferral.getByRole('button', { name: 'Save referral' })).toBeFocused();
	await page.keyboard.press('Enter');
	const referral = page.getByTestId('referral').filter({ hasText: service }).first();
	await expect(referral.getByTestId('referral-status')).toHaveText('Referral made');
	await referral.getByRole('button', { name: /Update this referral/ }).focus();
	await page.keyboard.press('Enter');
	await referral.getByLabel('Accepted by the service', { exact: true }).focus();
	await page.keyboard.press('Space');
	await expectNoAxeViolations(page);
	await referral.getByRole('button', { name: 'Save referral update' }).focus();
	await page.keyboard.press('Enter');
	await expect(referral.getByTestId('referral-status')).toHaveText('Accepted by the service');

	// Right 7 delivered, with the Victim Personal Statement recorded as made.
	await page.getByRole('button', { name: 'Update right 7' }).click();
	const rightForm = page.getByTestId('right-form');
	await rightForm.getByLabel('Delivered', { exact: true }).check();
	await rightForm.getByLabel('Statement made').check();
	await rightForm.getByLabel('Note').fill('');
	await rightForm.getByRole('button', { name: 'Save right 7' }).click();
	await expect(rightForm.getByRole('alert')).toContainText('Say how the right was explained');
	await expectNoAxeViolations(page);
	const note = `Statement taken at the home visit (${stamp})`;
	await rightForm.getByLabel('Note').fill(note);
	await rightForm.getByRole('button', { name: 'Save right 7' }).click();
	await expect(page.getByTestId('right-7')).toContainText('Delivered — Statement made');

	// An enhanced-rights group, with the reason.
	const enhanced = page.getByTestId('enhanced-rights');
	await enhanced.getByRole('button', { name: 'Record an enhanced-rights group' }).click();
	const group = enhanced.getByRole('radio').first();
	const groupName = (
		await enhanced.locator(`label[for="${await group.getAttribute('id')}"]`).innerText()
	).trim();
	await group.check();
	const why = `Intimidated by the suspect's family (${stamp})`;
	await enhanced.getByLabel('Why it applies').fill(why);
	await expectNoAxeViolations(page);
	await enhanced.getByRole('button', { name: 'Save group' }).click();
	await expect(enhanced).toContainText(`Reason: ${why}`);

	// Safety notes.
	const safety = `Use the side door at the court (${stamp})`;
	await page.getByRole('button', { name: 'Change contact preferences' }).click();
	await page.getByLabel(/Safety notes/).fill(safety);
	await page.getByRole('button', { name: 'Save contact preferences' }).click();
	await expect(page.getByTestId('contact-preferences')).toContainText(safety);
	await expect(page.getByText('6 changes waiting to sync.')).toBeVisible();
	const caseUrl = page.url();

	await context.setOffline(false);
	await expect(page.getByText('All changes saved to the server.')).toBeVisible({
		timeout: 20_000
	});
	const supervisor = await signedInDevice(browser, DEMO_USERS.supervisor.email);
	await supervisor.page.goto(caseUrl);
	const seen = supervisor.page;
	await expect(
		seen.getByTestId('hearing').filter({ hasText: 'Mon 12 Apr 2027, 10:00am' })
	).toHaveCount(1);
	await expect(
		seen.getByTestId('referral').filter({ hasText: service }).first().getByTestId('referral-status')
	).toHaveText('Accepted by the service');
	await expect(seen.getByTestId('right-7')).toContainText('Delivered — Statement made');
	await expect(seen.getByTestId('right-7')).toContainText(note);
	await expect(seen.getByTestId('enhanced-rights')).toContainText(`${groupName}`);
	await expect(seen.getByTestId('enhanced-rights')).toContainText(why);
	await expect(seen.getByTestId('contact-preferences')).toContainText(safety);
	await expect(seen.getByTestId('timeline')).toContainText(
		`Wants help with the court visit (${stamp})`
	);
	await expect(seen.getByRole('button', { name: 'Add a hearing' })).toHaveCount(0);
	await expectNoAxeViolations(seen);
	await supervisor.context.close();
	await context.close();
});

test('a caseworker invites a victim to the portal with a code shown once, and revokes access; offline it says a signal is needed', async ({
	browser
}) => {
	const { context, page } = await signedInDevice(browser, DEMO_USERS.caseworker.email);
	// A victim with no portal account yet (Jo Bennett has one).
	const row = page
		.getByTestId('caseload-row')
		.filter({ hasNot: page.getByRole('link', { name: 'Jo Bennett' }) })
		.nth(1);
	await row.getByRole('link').click();
	const access = page.getByTestId('victim-access');
	await expect(access.getByTestId('victim-access-state')).toHaveText('None');

	const email = access.getByLabel(/Email address .* will sign in with/);
	await email.fill('not-an-email');
	await access.getByRole('button', { name: 'Create an invitation code' }).click();
	await expect(access.getByRole('alert')).toContainText(
		'Enter an email address in the correct format'
	);
	await expect(email).toHaveValue('not-an-email');
	await expectNoAxeViolations(page);

	await email.fill(`invited-${Date.now()}@demo.test`);
	await access.getByRole('button', { name: 'Create an invitation code' }).click();
	const code = access.getByTestId('victim-access-code');
	await expect(code).toContainText('It will not be shown again');
	await expect(access.getByTestId('victim-access-set-up')).toContainText(
		/sets up their account at http:\/\/localhost:\d+\/set-up with this code/
	);
	const shown = (await code.innerText()).match(/[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/)?.[0];
	expect(shown).toBeTruthy();
	await expect(access.getByTestId('victim-access-state')).toContainText('Invited (code expires');
	await expectNoAxeViolations(page);

	// Shown once: after a reload the status stays, the code is gone for good.
	await page.reload();
	await expect(access.getByTestId('victim-access-state')).toContainText('Invited');
	await expect(page.getByText(shown!)).toHaveCount(0);

	await access.getByRole('button', { name: 'Revoke portal access' }).click();
	await access.getByRole('button', { name: 'Yes, revoke access' }).click();
	await expect(access.getByTestId('victim-access-state')).toHaveText('Revoked');

	await context.setOffline(true);
	await page.reload();
	await expect(access.getByTestId('victim-access-offline')).toContainText(
		'You need a signal to invite'
	);
	await context.close();
});
