import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import Papa from 'papaparse';
import {
	Case,
	CaseEvent,
	Contact,
	HearingChange,
	lateWords,
	ObligationWaiver,
	obligationsFor,
	Referral,
	RULE_NAMES,
	Victim,
	workingDaysLate
} from '../src/lib/domain/index';
import { DEMO_USERS, expectNoAxeViolations, goOffline, signedInDevice } from './helpers';

/**
 * The supervisor's screens, against the Code engine run here on what the server holds. These run
 * after every other browser test (a project of their own, see playwright.config.ts), so nothing
 * changes the team's cases while a test compares the page with the server.
 */

type Rows = Record<string, Record<string, unknown>[]>;

/** Everything the supervisor may see, straight from the sync API (not from the device). */
async function serverRows(page: Page): Promise<Rows> {
	const byTable = new Map<string, Map<string, Record<string, unknown>>>();
	let cursor: unknown = null;
	for (;;) {
		// Same-site, as the app's own calls are (the endpoint refuses cross-site ones).
		const response = await page.request.post('/api/sync/pull', {
			data: { cursor, limit: 5000 },
			headers: { origin: new URL(page.url()).origin }
		});
		expect(response.status()).toBe(200);
		const body = (await response.json()) as {
			cursor: unknown;
			hasMore: boolean;
			changes: Record<string, Record<string, unknown>[]>;
		};
		for (const [table, rows] of Object.entries(body.changes)) {
			const map = byTable.get(table) ?? byTable.set(table, new Map()).get(table)!;
			for (const row of rows) map.set(row.id as string, row);
		}
		cursor = body.cursor;
		if (!body.hasMore) break;
	}
	return Object.fromEntries([...byTable].map(([t, m]) => [t, [...m.values()]]));
}

/** What the engine says is overdue or due soon on the team's open cases, now. */
function expectedAttention(rows: Rows, at: string) {
	const parse = <T>(table: string, schema: { parse: (v: unknown) => T }) =>
		(rows[table] ?? []).map((r) => schema.parse(r));
	const cases = parse('cases', Case);
	const victims = new Map(parse('victims', Victim).map((v) => [v.id, v]));
	const byCase = <T extends { caseId: string }>(list: T[], caseId: string) =>
		list.filter((x) => x.caseId === caseId);
	const events = parse('caseEvents', CaseEvent);
	const changes = parse('hearingChanges', HearingChange);
	const contacts = parse('contacts', Contact);
	const referrals = parse('referrals', Referral);
	const waivers = parse('obligationWaivers', ObligationWaiver);
	const out = new Map<string, { victim: string; caseworkerId: string; late: string }>();
	for (const c of cases.filter((c) => c.status === 'open')) {
		const victim = victims.get(c.victimId)!;
		const obligations = obligationsFor(
			{
				case: { id: c.id, reportedAt: c.reportedAt, crimeType: c.crimeType },
				events: byCase(events, c.id),
				hearingChanges: byCase(changes, c.id),
				contacts: byCase(contacts, c.id),
				referrals: byCase(referrals, c.id),
				waivers: byCase(waivers, c.id)
			},
			victim,
			at
		);
		for (const o of obligations)
			if (o.status === 'overdue' || o.status === 'due-soon')
				out.set(o.key, {
					victim: `${victim.givenName} ${victim.familyName}`,
					caseworkerId: c.assignedCaseworkerId,
					late:
						o.status === 'overdue'
							? `Overdue ${lateWords(workingDaysLate(o.dueAt, at))}`
							: 'Due soon'
				});
	}
	return out;
}

/** The caseworkers' names by id, as the page's own filter offers them. */
async function caseworkerNames(page: Page): Promise<Map<string, string>> {
	const options = await page
		.locator('#filter-caseworker option')
		.evaluateAll((list) =>
			list.map((o) => [(o as HTMLOptionElement).value, o.textContent.trim()] as const)
		);
	return new Map(options.filter(([id]) => id !== ''));
}

async function compliancePeriodFigures(page: Page) {
	await page
		.getByRole('navigation', { name: 'Team' })
		.getByRole('link', { name: 'Compliance' })
		.click();
	await page.getByLabel('Period', { exact: true }).selectOption({ label: 'Last 52 weeks' });
	const breakdown = page.getByTestId('compliance-breakdown');
	await expect(breakdown).toHaveText(/^\d+ met late, \d+ still overdue, \d+ opted\s+out\.$/);
	const text = await breakdown.innerText();
	const [metLate, overdue] = text.match(/\d+/g)!.map(Number);
	return { metLate: metLate!, overdue: overdue! };
}

test('the supervisor sees every overdue and due-soon duty of the team, with its caseworker and how late, as the engine has it', async ({
	browser
}) => {
	test.slow(); // the whole team from the server, and four pages with axe
	const { context, page } = await signedInDevice(browser, DEMO_USERS.supervisor.email);
	const rows = page.getByTestId('attention-row');
	await expect(rows.first()).toBeVisible();
	const expected = expectedAttention(await serverRows(page), new Date().toISOString());
	expect([...expected.values()].filter((e) => e.late.startsWith('Overdue')).length).toBeGreaterThan(
		5
	);

	// The demo team's list is long: the most urgent 50 are drawn first, with a button for the rest.
	expect(expected.size).toBeGreaterThan(50);
	await expect(page.getByTestId('attention-count')).toHaveText(
		`Showing the first 50 of ${expected.size}.`
	);
	await expect(rows).toHaveCount(50);
	await page.getByRole('button', { name: `Show all ${expected.size}` }).click();
	await expect(rows.nth(50).getByRole('link')).toBeFocused();
	await expect(rows).toHaveCount(expected.size);

	const names = await caseworkerNames(page);
	expect(names.size).toBe(6);
	const shown = await rows.evaluateAll((list) =>
		list.map((r) => ({
			key: r.getAttribute('data-key')!,
			victim: r.querySelector('th a')!.textContent.trim(),
			caseworker: r.querySelector('[data-testid="attention-caseworker"]')!.textContent.trim(),
			late: r
				.querySelector('[data-testid="attention-late"]')!
				.textContent.replace(/\s+/g, ' ')
				.trim()
		}))
	);
	expect(shown.map((r) => r.key).sort()).toEqual([...expected.keys()].sort());
	for (const row of shown) {
		const e = expected.get(row.key)!;
		expect(row, row.key).toEqual({
			key: row.key,
			victim: e.victim,
			caseworker: names.get(e.caseworkerId),
			late: e.late
		});
	}
	// Most overdue first: every overdue row comes before any due-soon one.
	const firstDueSoon = shown.findIndex((r) => r.late === 'Due soon');
	if (firstDueSoon >= 0)
		expect(shown.slice(firstDueSoon).every((r) => r.late === 'Due soon')).toBe(true);
	await expectNoAxeViolations(page);

	// Filters: one caseworker's overdue duties only.
	const [someoneId, someone] = [...names].find(([id]) =>
		[...expected.values()].some((e) => e.caseworkerId === id && e.late.startsWith('Overdue'))
	)!;
	await page.getByLabel('Caseworker').selectOption({ label: someone });
	await page.getByLabel('Status').selectOption({ label: 'Overdue' });
	const theirs = [...expected.values()].filter(
		(e) => e.caseworkerId === someoneId && e.late.startsWith('Overdue')
	).length;
	await expect(page.getByTestId('attention-count')).toHaveText(
		`Showing ${theirs} of ${expected.size}.`
	);
	await expect(rows.getByTestId('attention-caseworker')).toHaveText(Array(theirs).fill(someone));

	// The other pages, with no signal: all read from the device, except what only the server keeps.
	await goOffline(context, page);
	const nav = page.getByRole('navigation', { name: 'Team' });
	await nav.getByRole('link', { name: 'Workload' }).click();
	const workload = page.getByRole('table', { name: 'Caseworkers' });
	await expect(workload.locator('tbody tr')).toHaveCount(6);
	await expect(workload.getByRole('row', { name: new RegExp(someone) })).toBeVisible();
	await expectNoAxeViolations(page);
	await nav.getByRole('link', { name: 'Compliance' }).click();
	await expect(page.getByTestId('compliance-total')).toContainText('on time');
	await expect(page.getByRole('img', { name: 'On-time rate by week' })).toBeVisible();
	await expectNoAxeViolations(page);
	await nav.getByRole('link', { name: /To resolve/ }).click();
	await expect(page.getByTestId('refused-offline')).toBeVisible();
	await expectNoAxeViolations(page);
	await context.setOffline(false);
	await expect(
		page
			.getByText('No changes from your team have been refused.')
			.or(page.getByTestId('refused-changes'))
	).toBeVisible();
	await context.close();
});

test('a contact that meets an overdue duty takes it off the list, and the compliance figures move', async ({
	browser
}) => {
	test.slow(); // two devices, each with a first sync
	const supervisor = await signedInDevice(browser, DEMO_USERS.supervisor.email);
	const page = supervisor.page;
	await page.getByLabel('Caseworker').selectOption({ label: 'Alex Morgan' });
	await page.getByLabel('Status').selectOption({ label: 'Overdue' });
	// The most recently due first, so it falls inside the compliance period chosen below.
	await page.getByRole('button', { name: 'Due', exact: true }).click();
	await expect(page.getByRole('columnheader', { name: 'Due', exact: true })).toHaveAttribute(
		'aria-sort',
		'descending'
	);
	const row = page.getByTestId('attention-row').first();
	const key = (await row.getAttribute('data-key'))!;
	const href = (await row.getByRole('link').getAttribute('href'))!;
	const before = await compliancePeriodFigures(page);

	const alex = await signedInDevice(browser, DEMO_USERS.caseworker.email);
	await alex.page.goto(href);
	const form = alex.page.getByTestId('contact-form');
	await expect(form.locator(`input[id="informed-${key}"]`)).toBeChecked();
	// Only the duty under test: untick whatever else the form offers.
	for (const box of await form.locator('input[id^="informed-"]').all())
		if ((await box.getAttribute('id')) !== `informed-${key}`) await box.uncheck();
	await form.getByLabel('What happened').selectOption({ label: 'Spoke to the victim' });
	await form.getByLabel('Summary').fill(`Called back about the overdue duty (${Date.now()})`);
	await form.getByRole('button', { name: 'Save contact' }).click();
	await expect(alex.page.getByText('All changes saved to the server.')).toBeVisible({
		timeout: 20_000
	});

	// The supervisor's device picks it up at its next sync (here: opening the page again).
	await page.goto('/team');
	await expect(page.getByTestId('attention-row').first()).toBeVisible();
	await expect(page.locator(`[data-testid="attention-row"][data-key="${key}"]`)).toHaveCount(0, {
		timeout: 20_000
	});
	const after = await compliancePeriodFigures(page);
	expect(after).toEqual({ metLate: before.metLate + 1, overdue: before.overdue - 1 });
	await alex.context.close();
	await supervisor.context.close();
});

test('the overdue list and the compliance tables download as CSV, as shown, safe to open, with no addresses', async ({
	browser
}) => {
	const { context, page } = await signedInDevice(browser, DEMO_USERS.supervisor.email);
	const server = await serverRows(page);
	await page.getByLabel('Caseworker').selectOption({ label: 'Priya Shah' });
	// Every row that matches, drawn or not (a long list draws the first 50).
	const showAll = page.getByTestId('attention-show-all');
	if (await showAll.isVisible()) await showAll.click();
	const shown = await page
		.getByTestId('attention-row')
		.evaluateAll((list) =>
			list.map((r) => [
				r.querySelector('th a')!.textContent.trim(),
				r.querySelector('[data-testid="attention-caseworker"]')!.textContent.trim()
			])
		);
	expect(shown.length).toBeGreaterThan(0);

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: `Download ${shown.length} rows as CSV` }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/^overdue-and-due-soon-\d{4}-\d{2}-\d{2}\.csv$/);
	const text = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
	const csv = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
	expect(csv[0]).toEqual([
		'Victim',
		'Caseworker',
		'What is due',
		'Status',
		'Due by (London time)',
		'Working days late',
		'Enhanced rights',
		'Last contact (London time)',
		'Last contact reached the victim'
	]);
	expect(csv.slice(1).map((r) => [r[0], r[1]])).toEqual(shown);
	for (const r of csv.slice(1)) {
		expect(Object.values(RULE_NAMES)).toContain(r[2]);
		expect(r[4]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
		expect(r[5]).toMatch(/^\d+$/);
	}
	// No address, phone number or email of any victim, confidential or not.
	const victims = server.victims!.map((v) => Victim.parse(v));
	const contactDetails = victims.flatMap((v) =>
		[v.address, v.safeContact.phone, v.safeContact.email].filter((x): x is string => !!x)
	);
	expect(contactDetails.length).toBeGreaterThan(0);
	for (const detail of contactDetails) expect(text).not.toContain(detail);

	await page
		.getByRole('navigation', { name: 'Team' })
		.getByRole('link', { name: 'Compliance' })
		.click();
	const byRule = await page
		.getByTestId('compliance-by-rule')
		.locator('tbody tr')
		.evaluateAll((list) => list.map((r) => [...r.children].map((c) => c.textContent.trim())));
	const byCaseworker = await page
		.getByTestId('compliance-by-caseworker')
		.locator('tbody tr')
		.evaluateAll((list) => list.map((r) => [...r.children].map((c) => c.textContent.trim())));
	const [tables] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download the compliance tables as CSV' }).click()
	]);
	expect(tables.suggestedFilename()).toMatch(
		/^compliance-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/
	);
	const rows = Papa.parse<string[]>(
		(await readFile(await tables.path(), 'utf8')).replace(/^\uFEFF/, ''),
		{ skipEmptyLines: true }
	).data;
	expect(rows[0]).toEqual([
		'By',
		'Name',
		'Due',
		'On time',
		'Late',
		'Still overdue',
		'Opted out',
		'On time (%)'
	]);
	expect(rows[1]![0]).toBe('Team');
	// Each table row is in the file with the same counts (the file's rate has a decimal place).
	const asShown = (r: string[]) => [r[1], ...r.slice(2, 7)];
	expect(rows.filter((r) => r[0] === 'Rule').map(asShown)).toEqual(
		byRule.map((r) => r.slice(0, 6))
	);
	expect(rows.filter((r) => r[0] === 'Caseworker').map(asShown)).toEqual(
		byCaseworker.map((r) => r.slice(0, 6))
	);
	await context.close();
});
