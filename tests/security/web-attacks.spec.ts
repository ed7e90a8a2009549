import {
	expect,
	request,
	test,
	type APIRequestContext,
	type BrowserContext
} from '@playwright/test';
import Papa from 'papaparse';
import { messages } from '../../src/lib/i18n';
import {
	DEMO_PASSWORD,
	DEMO_USERS,
	INVITING_CASEWORKER,
	newVictimAccount,
	signIn,
	signedInDevice,
	VICTIM_PASSWORD
} from '../helpers';

// Attacks from the web (issue 10, item 3; OWASP ASVS 5.0 Level 2). Unit tests cover the same
// defences from the inside: auth/csrf.spec.ts, auth/next-path.spec.ts, auth/auth.spec.ts (session
// lifetimes and the sign-in throttle), auth/set-up.spec.ts (invitation codes), client/csv.spec.ts.

const EVIL = 'https://evil.example';

/** An API client signed in as `email` through the sign-in form, as this site's own page would. */
async function signedInApi(baseURL: string, email: string) {
	const api = await request.newContext({ baseURL });
	const response = await api.post('/sign-in', {
		form: { email, password: DEMO_PASSWORD },
		headers: { accept: 'text/html', origin: baseURL },
		maxRedirects: 0
	});
	expect(response.status()).toBe(303);
	return api;
}

const sessionToken = async (api: APIRequestContext) =>
	(await api.storageState()).cookies.find((c) => c.name === 'session')?.value;

/** Who the server takes the caller to be (null when signed out). */
async function whoAmI(api: APIRequestContext, token?: string) {
	const response = await api.get(
		'/api/me',
		token ? { headers: { cookie: `session=${token}` } } : {}
	);
	return ((await response.json()) as { user: { displayName: string } | null }).user;
}

/** The bodies another site's page can send without asking first (no CORS preflight), and JSON. */
const FORGED_BODIES = [
	{ name: 'JSON', headers: { 'content-type': 'application/json' }, data: '{}' },
	{ name: 'text/plain', headers: { 'content-type': 'text/plain' }, data: '{}' },
	{
		name: 'a urlencoded form',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		data: 'a=1'
	}
];

test.describe('cross-site request forgery', () => {
	test('a signed-in caseworker’s session cannot be used by another site to write through the API', async ({
		baseURL
	}) => {
		const api = await signedInApi(baseURL!, DEMO_USERS.caseworker.email);
		const pull = await api.post('/api/sync/pull', {
			data: { cursor: null, limit: 1 },
			headers: { origin: baseURL! }
		});
		const caseId = ((await pull.json()) as { scope: { caseIds: string[] } }).scope.caseIds[0]!;
		const writes = [
			['POST', '/api/sync/push'],
			['POST', '/api/sync/pull'],
			['POST', '/api/unlock'],
			['POST', `/api/cases/${caseId}/victim-access`],
			['DELETE', `/api/cases/${caseId}/victim-access`]
		] as const;
		for (const [method, path] of writes)
			for (const body of FORGED_BODIES) {
				for (const origin of [EVIL, 'null']) {
					const response = await api.fetch(path, {
						method,
						headers: { ...body.headers, origin },
						data: body.data
					});
					expect(response.status(), `${method} ${path}, ${body.name}, from ${origin}`).toBe(403);
					// SvelteKit's own check answers form types first; the hook, every other type.
					expect(await response.text()).toMatch(
						/Cross-site (requests are not allowed|[A-Z]+ form submissions are forbidden)/
					);
				}
			}
		// The same session from its own site is heard (here: a wrong password, not a forgery).
		const own = await api.post('/api/unlock', {
			data: { password: 'not it' },
			headers: { origin: baseURL! }
		});
		expect(own.status()).toBe(400);
		await api.dispose();
	});

	test('a supervisor’s session cannot be used by another site to move a case', async ({
		baseURL
	}) => {
		const api = await signedInApi(baseURL!, DEMO_USERS.supervisor.email);
		for (const body of FORGED_BODIES) {
			const response = await api.post(`/api/cases/${crypto.randomUUID()}/assignment`, {
				headers: { ...body.headers, origin: EVIL },
				data: body.data
			});
			expect(response.status(), body.name).toBe(403);
		}
		await api.dispose();
	});

	test('another site cannot sign someone in, out or up, or change a victim’s details', async ({
		baseURL
	}) => {
		const forged = (api: APIRequestContext, path: string, form: Record<string, string>) =>
			api.post(path, { form, headers: { origin: EVIL, accept: 'text/html' }, maxRedirects: 0 });

		// Signing in as someone the attacker chose (login CSRF): refused, and no session is set.
		const anonymous = await request.newContext({ baseURL });
		const signInResponse = await forged(anonymous, '/sign-in', {
			email: DEMO_USERS.caseworker2.email,
			password: DEMO_PASSWORD
		});
		expect(signInResponse.status()).toBe(403);
		expect(await sessionToken(anonymous)).toBeUndefined();
		const setUp = await forged(anonymous, '/set-up', { code: 'ABCD-EFGH-JKMN' });
		expect(setUp.status()).toBe(403);
		await anonymous.dispose();

		// Signing a caseworker out: refused, and the session still works.
		const staff = await signedInApi(baseURL!, DEMO_USERS.caseworker2.email);
		expect((await forged(staff, '/sign-out', {})).status()).toBe(403);
		expect(await whoAmI(staff)).not.toBeNull();
		await staff.dispose();

		// The victim's contact details and language: refused.
		const victim = await signedInApi(baseURL!, DEMO_USERS.victim.email);
		const contact = await forged(victim, '/your-case/contact', {
			channel: 'phone',
			phone: '07700 900000'
		});
		expect(contact.status()).toBe(403);
		const language = await forged(victim, '/your-case/language', { locale: 'pl' });
		expect(language.status()).toBe(403);
		const signOut = await victim.post('/sign-out', {
			form: {},
			headers: { origin: baseURL!, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(signOut.status(), 'signing out from this site works').toBe(303);
		await victim.dispose();
	});
});

test.describe('open redirects after signing in', () => {
	const NEXT = [
		'https://evil.example/',
		'//evil.example/',
		'/\\evil.example',
		'\\\\evil.example',
		'/\t/evil.example',
		'/\n/evil.example',
		'/\\/evil.example',
		'/..//evil.example',
		'javascript:alert(document.domain)',
		'%2F%2Fevil.example',
		'%252F%252Fevil.example',
		'https:evil.example',
		'/%2F%2Fevil.example'
	];

	test('whatever ?next= says, signing in lands on a page of this site', async ({ baseURL }) => {
		const own = new URL(baseURL!).origin;
		const api = await request.newContext({ baseURL });
		for (const next of NEXT) {
			const response = await api.post(`/sign-in?next=${encodeURIComponent(next)}`, {
				form: { email: DEMO_USERS.supervisor.email, password: DEMO_PASSWORD },
				headers: { accept: 'text/html', origin: baseURL! },
				maxRedirects: 0
			});
			expect(response.status(), next).toBe(303);
			const location = response.headers()['location']!;
			// As a browser reads a Location header: it drops tabs and new lines, `\` is `/`.
			expect(new URL(location, baseURL).origin, `${next} → ${location}`).toBe(own);
			expect(location, next).toMatch(/^\/(?![/\\])/);
		}
		await api.dispose();
	});
});

test.describe('session fixation', () => {
	test('a token planted in the browser before signing in is not accepted, and is replaced', async ({
		browser,
		baseURL
	}) => {
		const context = await browser.newContext();
		const planted = 'a'.repeat(32);
		await context.addCookies([{ name: 'session', value: planted, url: baseURL! }]);
		const page = await context.newPage();
		await page.goto('/caseload');
		await expect(page).toHaveURL(/\/sign-in\?next=%2Fcaseload$/);
		const cookies = async () => (await context.cookies()).filter((c) => c.name === 'session');
		expect(await cookies()).toEqual([]);

		await context.addCookies([{ name: 'session', value: planted, url: baseURL! }]);
		await signIn(page, DEMO_USERS.caseworker2.email);
		await expect(page).toHaveURL(/\/caseload$/);
		const [after] = await cookies();
		expect(after?.value).toMatch(/^[a-z2-7]{32}$/);
		expect(after?.value).not.toBe(planted);
		expect(after).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
		await context.close();
	});

	test('signing in with another account’s live session ends that session and starts a new one', async ({
		baseURL
	}) => {
		// The attacker signs in to their own account and gets its token into the victim's browser.
		const attacker = await signedInApi(baseURL!, DEMO_USERS.caseworker2.email);
		const attackerToken = (await sessionToken(attacker))!;
		const browserOfVictim = await request.newContext({
			baseURL,
			extraHTTPHeaders: { cookie: `session=${attackerToken}` }
		});
		const response = await browserOfVictim.post('/sign-in', {
			form: { email: DEMO_USERS.caseworker.email, password: DEMO_PASSWORD },
			headers: { accept: 'text/html', origin: baseURL! },
			maxRedirects: 0
		});
		expect(response.status()).toBe(303);
		const issued = /(?:^|\n)session=([a-z2-7]+);/.exec(response.headers()['set-cookie'] ?? '');
		const newToken = issued?.[1];
		expect(newToken).toBeDefined();
		expect(newToken).not.toBe(attackerToken);

		const anyone = await request.newContext({ baseURL });
		expect(await whoAmI(anyone, attackerToken)).toBeNull();
		expect((await whoAmI(anyone, newToken))?.displayName).toBe('Alex Morgan');
		await Promise.all([attacker.dispose(), browserOfVictim.dispose(), anyone.dispose()]);
	});
});

test('after 5 wrong passwords the right one is refused too, with how long to wait', async ({
	browser
}) => {
	test.slow(); // a victim of this test's own: invited, set up and signed in first
	// An account of its own, so locking it for 15 minutes disturbs no other test.
	const victim = await newVictimAccount(browser, 8);
	await victim.context.close();
	const context = await browser.newContext();
	const page = await context.newPage();
	for (let i = 0; i < 5; i++) {
		await signIn(page, victim.email, `wrong guess ${i}`);
		await expect(page.getByRole('alert')).toContainText('not right');
	}
	await signIn(page, victim.email, VICTIM_PASSWORD);
	await expect(page.getByRole('alert')).toContainText(
		'Too many failed attempts to sign in. Wait 15 minutes and try again.'
	);
	await expect(page).toHaveURL(/\/sign-in$/);
	expect((await context.cookies()).filter((c) => c.name === 'session')).toEqual([]);
	await context.close();
});

/**
 * Reports anything a script payload could do in the context's pages, across navigations: a
 * payload that runs sets `window.__xss` (reported through the setter installed here), opens a
 * dialog, or is blocked by the Content Security Policy (a violation event, and an error logged).
 */
async function watchForInjectedScripts(context: BrowserContext): Promise<string[]> {
	const alarms: string[] = [];
	await context.exposeBinding('__reportAttack', (_source, what: string) => void alarms.push(what));
	await context.addInitScript(() => {
		const report = (what: string) =>
			(window as unknown as { __reportAttack(what: string): void }).__reportAttack(what);
		Object.defineProperty(window, '__xss', {
			configurable: false,
			get: () => undefined,
			set: (value: unknown) => report(`a payload ran in ${location.pathname}: ${String(value)}`)
		});
		document.addEventListener('securitypolicyviolation', (e) =>
			report(`CSP violation in ${location.pathname}: ${e.violatedDirective} ${e.blockedURI}`)
		);
	});
	context.on('dialog', (dialog) => {
		alarms.push(`a dialog opened: ${dialog.message()}`);
		void dialog.dismiss();
	});
	context.on('console', (message) => {
		if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text()))
			alarms.push(`console: ${message.text()}`);
	});
	return alarms;
}

/** No element a payload could have made: only the app's own markup is on the page. */
const INJECTED = '[onerror], [onload], [onclick], a[href^="javascript:" i], iframe, object, embed';

/** A payload sent back in the page it was posted from, in HTML and in SvelteKit's inline data. */
const REFLECTED = `"'></textarea></script><script>window.__xss='reflected'</script><img src=x onerror=alert(1)>`;
const RAW_PAYLOAD = /<\/?script>window\.__xss|<img src=x/i;

test('what a form sends back with its errors comes back escaped, never as markup', async ({
	baseURL
}) => {
	const post = (api: APIRequestContext, path: string, form: Record<string, string>) =>
		api.post(path, { form, headers: { origin: baseURL!, accept: 'text/html' } });
	const anonymous = await request.newContext({ baseURL });
	const victim = await signedInApi(baseURL!, DEMO_USERS.victim.email);
	const answers = {
		'sign-in': await post(anonymous, '/sign-in', { email: REFLECTED, password: 'x' }),
		'set-up': await post(anonymous, '/set-up?/code', { code: REFLECTED }),
		// Refused (not a phone number), so nothing is saved on the demo victim's record.
		contact: await post(victim, '/your-case/contact', {
			channel: 'phone',
			phone: REFLECTED,
			voicemail: 'yes',
			voicemailMessage: REFLECTED
		}),
		'a page that does not exist': await anonymous.get(`/${encodeURIComponent(REFLECTED)}`)
	};
	for (const [form, response] of Object.entries(answers)) {
		const html = await response.text();
		expect(response.status(), form).toBeLessThan(500);
		expect(html, form).not.toMatch(RAW_PAYLOAD);
	}
	// The forms did show what was typed (so the check above looked at it), only as text.
	for (const form of ['sign-in', 'contact'] as const)
		expect(await answers[form].text(), form).toContain('window.__xss');
	await Promise.all([anonymous.dispose(), victim.dispose()]);
});

/** Every trick at once, short enough for a voicemail message (500 characters). */
const PAYLOAD =
	`"'></textarea><script>window.__xss='script'</script>` +
	`<img src=x onerror="window.__xss='img'">` +
	`<svg><script>window.__xss='svg'</script></svg>` +
	`<a href="javascript:window.__xss='link'">link</a>` +
	`<iframe srcdoc="<script>parent.__xss='frame'</script>"></iframe>` +
	`\u202E\uFF1Cscript\uFF1Ewindow.__xss='fullwidth'\uFF1C/script\uFF1E`;

/** Script payloads that fit a 100-character name; the given name also starts like a formula. */
const NAME_PAYLOADS = {
	givenName: `=1+1<img src=x onerror="window.__xss='given name'">`,
	familyName: `"'><svg onload="window.__xss='family name'">`
};

test('script payloads written straight into the device’s database show as text in every staff view, and the CSV cannot run them', async ({
	browser
}) => {
	test.slow(); // two devices, each with its first sync
	const supervisor = await signedInDevice(browser, DEMO_USERS.supervisor.email);
	const caseworker = await signedInDevice(browser, DEMO_USERS.caseworker2.email);
	const alarms = [
		...(await watchForInjectedScripts(supervisor.context)),
		...(await watchForInjectedScripts(caseworker.context))
	];
	const shown = `${NAME_PAYLOADS.givenName} ${NAME_PAYLOADS.familyName}`;

	// As malware or a tampered sync could leave them, with the plain IndexedDB API: every victim's
	// name, and as plain text the fields the vault seals (safety notes, contact summaries), which
	// it reads as they are when they are not sealed.
	const caseIds: string[] = [];
	for (const { page } of [supervisor, caseworker])
		caseIds.push(
			await page.evaluate(
				async ({ names, payload }) => {
					const dbs = await indexedDB.databases();
					const name = dbs.find((d) => d.name?.startsWith('victim-care-hub:'))!.name!;
					const db = await new Promise<IDBDatabase>((resolve, reject) => {
						const r = indexedDB.open(name);
						r.onsuccess = () => resolve(r.result);
						r.onerror = () => reject(new Error(String(r.error)));
					});
					type Row = Record<string, unknown>;
					const rewrite = (store: string, change: (row: Row) => Row) =>
						new Promise<Row[]>((resolve, reject) => {
							const tx = db.transaction(store, 'readwrite');
							const written: Row[] = [];
							const cursor = tx.objectStore(store).openCursor();
							cursor.onsuccess = () => {
								const at = cursor.result;
								if (!at) return;
								const row = change(at.value as Row);
								written.push(row);
								at.update(row);
								at.continue();
							};
							tx.oncomplete = () => resolve(written);
							tx.onerror = () => reject(new Error(String(tx.error)));
						});
					await rewrite('victims', (v) => ({
						...v,
						...names,
						safeContact: { ...(v.safeContact as Row), notes: payload }
					}));
					const contacts = await rewrite('contacts', (c) => ({ ...c, summary: payload }));
					db.close();
					return contacts[0]!.caseId as string;
				},
				{ names: NAME_PAYLOADS, payload: PAYLOAD }
			)
		);

	const { page } = caseworker;
	await page.goto('/caseload');
	await expect(page.getByTestId('caseload-row').first()).toContainText(shown);
	await expect(page.locator(INJECTED)).toHaveCount(0);
	await page.goto(`/cases/${caseIds[1]}`);
	await expect(page.getByRole('heading', { level: 1 })).toContainText(shown);
	await expect(page.getByTestId('safety-notes')).toHaveText(PAYLOAD);
	await expect(page.getByTestId('timeline')).toContainText(PAYLOAD);
	await expect(page.locator(INJECTED)).toHaveCount(0);

	const team = supervisor.page;
	await team.goto('/team');
	const attention = team.getByTestId('attention');
	await expect(attention.getByRole('link', { name: shown }).first()).toBeVisible();
	await expect(team.locator(INJECTED)).toHaveCount(0);
	const download = team.waitForEvent('download');
	await team.getByRole('button', { name: /^Download \d+ rows? as CSV$/ }).click();
	const csv = await (await (await download).createReadStream()).toArray();
	const rows = Papa.parse<string[]>(
		Buffer.concat(csv)
			.toString('utf8')
			.replace(/^\uFEFF/, '')
	).data;
	expect(rows[0]![0]).toBe('Victim');
	// Every victim cell is text to a spreadsheet: the leading `'` stops the formula.
	for (const row of rows.slice(1).filter((r) => r.length > 1)) expect(row[0]).toBe(`'${shown}`);

	await attention.getByRole('link', { name: shown }).first().click();
	await expect(team.getByRole('heading', { level: 1 })).toContainText(shown);
	await expect(team.locator(INJECTED)).toHaveCount(0);
	await team.goto(`/cases/${caseIds[0]}`);
	await expect(team.getByTestId('safety-notes')).toHaveText(PAYLOAD);
	await expect(team.getByTestId('timeline')).toContainText(PAYLOAD);
	await expect(team.locator(INJECTED)).toHaveCount(0);
	for (const path of ['/team/workload', '/team/to-resolve', '/team/compliance']) {
		await team.goto(path);
		await expect(team.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(team.locator(INJECTED)).toHaveCount(0);
	}
	expect(alarms).toEqual([]);
	await Promise.all([supervisor.context.close(), caseworker.context.close()]);
});

test('script payloads typed by a victim and a caseworker reach the other side and the supervisor as text', async ({
	browser
}) => {
	test.setTimeout(120_000); // a victim of its own, then three devices
	const victim = await newVictimAccount(browser, 9);
	const alarms = await watchForInjectedScripts(victim.context);

	// The victim: a voicemail message, through the portal's form.
	const c = messages('en').portal.contact;
	await victim.page.goto('/your-case/contact');
	await victim.page.getByRole('group', { name: c.voicemailLegend }).getByLabel(c.yes).check();
	await victim.page.getByLabel(c.voicemailMessageLabel).fill(`${PAYLOAD} (victim)`);
	await victim.page.getByRole('button', { name: c.save }).click();
	await expect(victim.page.getByText(c.saved)).toBeVisible();

	// The caseworker: a hearing change's reason and a contact's summary, through the case page.
	const caseworker = await signedInDevice(browser, INVITING_CASEWORKER);
	alarms.push(...(await watchForInjectedScripts(caseworker.context)));
	const page = caseworker.page;
	await page.goto(`/cases/${victim.caseId}`);
	const timeline = page.getByTestId('timeline');
	await expect(timeline).toContainText(`${PAYLOAD} (victim)`, { timeout: 20_000 });
	await page.getByRole('button', { name: 'Add a hearing' }).click();
	const add = page.getByTestId('add-hearing');
	await add.getByLabel('Court', { exact: true }).selectOption({ label: 'Croydon Crown Court' });
	await add.getByLabel('Type of hearing').selectOption({ label: 'Trial' });
	await add.getByLabel('Date', { exact: true }).first().fill('2027-07-12');
	await add.getByLabel('Time', { exact: true }).first().fill('10:00');
	await add.getByRole('button', { name: 'Save hearing' }).click();
	const trial = page.getByTestId('hearing').filter({ hasText: 'Mon 12 Jul 2027, 10:00am' });
	await trial.getByRole('button', { name: 'Change this hearing' }).click();
	await page.getByLabel('Courtroom').fill('Court 3');
	await page.getByLabel('Reason given for the change').fill(`${PAYLOAD} (reason)`);
	await page.getByRole('button', { name: 'Save hearing change' }).click();
	const form = page.getByTestId('contact-form');
	await form.getByLabel('What happened').selectOption({ label: 'Spoke to the victim' });
	await form.getByLabel('How').selectOption({ label: 'In person' });
	await form.getByLabel('Summary').fill(`${PAYLOAD} (summary)`);
	await form.getByRole('button', { name: 'Save contact' }).click();
	await expect(timeline).toContainText(`${PAYLOAD} (summary)`);
	await expect(timeline).toContainText(`${PAYLOAD} (reason)`);
	await expect(page.locator(INJECTED)).toHaveCount(0);
	await expect(page.getByText('All changes saved to the server.')).toBeVisible({ timeout: 20_000 });

	// The victim's portal, drawn on the server, shows the reason as text.
	const entry = victim.page.locator('.app-history__item').filter({ hasText: '(reason)' });
	await expect(async () => {
		await victim.page.goto('/your-case');
		await expect(entry).toBeVisible({ timeout: 1_000 });
	}).toPass({ timeout: 20_000 });
	await expect(entry).toContainText(`${PAYLOAD} (reason)`);
	await expect(victim.page.locator(INJECTED)).toHaveCount(0);

	// The supervisor, on their own device, sees all three as text.
	const supervisor = await signedInDevice(browser, DEMO_USERS.supervisor.email);
	alarms.push(...(await watchForInjectedScripts(supervisor.context)));
	await supervisor.page.goto(`/cases/${victim.caseId}`);
	const seen = supervisor.page.getByTestId('timeline');
	for (const where of ['victim', 'reason', 'summary'])
		await expect(seen).toContainText(`${PAYLOAD} (${where})`);
	await expect(supervisor.page.locator(INJECTED)).toHaveCount(0);

	expect(alarms).toEqual([]);
	await Promise.all([
		victim.context.close(),
		caseworker.context.close(),
		supervisor.context.close()
	]);
});
