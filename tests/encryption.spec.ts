import { expect, test, type Page } from '@playwright/test';
import { goOffline, signedInDevice } from './helpers';

/** Nobody else's tests use this caseworker's cases. */
const CASEWORKER = 'caseworker6@demo.test';

type ServerRow = Record<string, unknown> & { id: string };

/** Everything the server lets this user pull, as it sends it (plain), by table. */
function pullEverything(page: Page): Promise<Record<string, ServerRow[]>> {
	return page.evaluate(async () => {
		const out: Record<string, ServerRow[]> = {};
		let cursor: unknown = null;
		for (;;) {
			const response = await fetch('/api/sync/pull', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ cursor, scopeHash: null, limit: 10_000 })
			});
			const page = (await response.json()) as {
				changes: Record<string, ServerRow[]>;
				cursor: unknown;
				hasMore: boolean;
			};
			for (const [table, rows] of Object.entries(page.changes)) (out[table] ??= []).push(...rows);
			if (!page.hasMore) return out;
			cursor = page.cursor;
		}
	});
}

/**
 * Every row of the given object stores of the user's IndexedDB database, read with the plain
 * IndexedDB API (as a tool dumping the files would), as JSON text: bytes as bytes, not as text.
 */
function rawStores(page: Page, stores: string[]): Promise<Record<string, string>> {
	return page.evaluate(async (stores) => {
		const dbs = await indexedDB.databases();
		const name = dbs.find((d) => d.name?.startsWith('victim-care-hub:'))!.name!;
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const r = indexedDB.open(name);
			r.onsuccess = () => resolve(r.result);
			r.onerror = () => reject(new Error(String(r.error)));
		});
		const bytes = (_k: string, v: unknown) =>
			v instanceof ArrayBuffer
				? { bytes: Array.from(new Uint8Array(v)) }
				: ArrayBuffer.isView(v)
					? { bytes: Array.from(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) }
					: v;
		const out: Record<string, string> = {};
		for (const store of stores)
			out[store] = await new Promise<string>((resolve, reject) => {
				const r = db.transaction(store).objectStore(store).getAll();
				r.onsuccess = () => resolve(JSON.stringify(r.result, bytes));
				r.onerror = () => reject(new Error(String(r.error)));
			});
		db.close();
		return out;
	}, stores);
}

const STORES = [
	'victims',
	'contacts',
	'victimChanges',
	'outbox',
	'shadows',
	'settlements',
	'quarantine'
];

test('the contact summary, the address and the safety notes are stored encrypted, and the case page shows them', async ({
	browser
}) => {
	test.slow(); // a first sync, then a change synced
	const { context, page } = await signedInDevice(browser, CASEWORKER);
	const sent = await pullEverything(page);
	const victim = sent.victims!.find((v) => typeof v.address === 'string' && v.address !== '')!;
	const address = victim.address as string;
	const theCase = sent.cases!.find((c) => c.victimId === victim.id)!;
	const earlier = sent.contacts!.filter((c) => c.caseId === theCase.id).map((c) => c.summary);
	expect(earlier.length).toBeGreaterThan(0);

	await page.goto(`/cases/${theCase.id}`);
	await expect(page.getByRole('heading', { level: 1 })).toContainText(victim.givenName as string);
	// Offline, so the changes wait in the outbox too.
	await goOffline(context, page);
	const summary = `Aubergine-${Date.now()}: she will stay at her sister's until the trial`;
	const form = page.getByTestId('contact-form');
	await form.getByLabel('What happened').selectOption({ label: 'Spoke to the victim' });
	await form.getByLabel('How').selectOption({ label: 'Phone call' });
	await form.getByLabel('Summary').fill(summary);
	await form.getByRole('button', { name: 'Save contact' }).click();
	await expect(page.getByText('Contact saved on this device.')).toBeVisible();
	const notes = `Quince-${Date.now()}: ring only from a withheld number`;
	await page.getByRole('button', { name: 'Change contact preferences' }).click();
	await page.getByLabel(/Safety notes/).fill(notes);
	await page.getByRole('button', { name: 'Save contact preferences' }).click();

	// The page shows them, read from the device with no signal.
	await expect(page.getByTestId('timeline')).toContainText(summary);
	await expect(page.getByTestId('safety-notes')).toHaveText(notes);
	await expect(page.getByTestId('timeline')).toContainText(earlier[0] as string);
	await expect(page.getByText('2 changes waiting to sync.')).toBeVisible();

	const secrets = [summary, notes, address, ...(earlier as string[])];
	const offline = await rawStores(page, STORES);
	for (const [store, text] of Object.entries(offline))
		for (const secret of secrets) expect(text, `${store} holds “${secret}”`).not.toContain(secret);
	// The rows are there, with the sealed values in their place.
	expect(offline.outbox).toContain('"name":"contact.record"');
	expect(offline.contacts).toContain(`"caseId":"${theCase.id}"`);
	const storedVictim = JSON.parse(offline.victims!) as ServerRow[];
	expect(storedVictim.find((v) => v.id === victim.id)?.address).toMatchObject({ v: 1 });

	// Online: the server receives them as typed, and what comes back is stored sealed too.
	await context.setOffline(false);
	await expect(page.getByText('All changes saved to the server.')).toBeVisible({
		timeout: 20_000
	});
	const after = await pullEverything(page);
	expect(after.contacts!.some((c) => c.summary === summary)).toBe(true);
	expect(
		(after.victims!.find((v) => v.id === victim.id)?.safeContact as { notes?: string }).notes
	).toBe(notes);
	const online = await rawStores(page, STORES);
	for (const [store, text] of Object.entries(online))
		for (const secret of secrets) expect(text, `${store} holds “${secret}”`).not.toContain(secret);
	await page.reload();
	await expect(page.getByTestId('timeline')).toContainText(summary);
	await expect(page.getByTestId('safety-notes')).toHaveText(notes);
	await context.close();
});
