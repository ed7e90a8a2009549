/**
 * Browser benches against the built app on its embedded database: the first sync of a supervisor's
 * team (from signing in to the team's list painted, with the same rows put into the same browser
 * by other means to compare), a caseworker's caseload once it is local, the supervisor's overdue
 * list once the team is local, and the size and speed of the victim's portal.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_FLAGS, findChromium } from '../browser.js';
import { openDatabase } from '../../src/lib/server/db/client';
import { seedDemoData } from '../../src/lib/server/seed/seed';
import { demoNow } from '../../src/lib/server/seed/demo-now';

type BenchApp = { port: string; browser: Browser };

/**
 * The built app on a fresh embedded database seeded with `cases` demo cases, on a free port; or,
 * given `databaseUrl` (an empty PostgreSQL database the caller made), on that database. `teams`
 * spreads the cases over more teams, so more caseworkers (six a team) can sign in.
 */
export async function withBenchServer<T>(
	cases: number,
	work: (port: string) => Promise<T>,
	options: { databaseUrl?: string; teams?: number } = {}
): Promise<T> {
	if (!existsSync('build/index.js')) throw new Error('Build the app first: npm run build');
	const dir = await mkdtemp(path.join(tmpdir(), 'vch-bench-'));
	const handle = await openDatabase({
		databaseUrl: options.databaseUrl,
		pgliteDir: path.join(dir, 'pglite'),
		migrationsDir: path.resolve('src/lib/server/db/migrations')
	});
	const teams = options.teams ?? 1;
	await seedDemoData(handle.db, { seed: 7, cases, teams, now: demoNow(new Date()) });
	await handle.close();

	const port = String(4300 + Math.floor(Math.random() * 500));
	const server = spawn(process.execPath, ['build/index.js'], {
		env: {
			...process.env,
			PORT: port,
			DATA_DIR: dir,
			ORIGIN: `http://localhost:${port}`,
			DATABASE_URL: options.databaseUrl ?? '',
			DEMO_SEED: ''
		},
		stdio: ['ignore', 'pipe', 'inherit']
	});
	try {
		for (let i = 0; i < 100; i++) {
			const ok = await fetch(`http://localhost:${port}/api/health`).then(
				(r) => r.ok,
				() => false
			);
			if (ok) break;
			await new Promise((r) => setTimeout(r, 200));
		}
		return await work(port);
	} finally {
		// Wait for the server to stop writing its database before removing it.
		const exited = new Promise((resolve) => server.once('exit', resolve));
		if (server.exitCode === null && server.signalCode === null && server.kill()) await exited;
		await rm(dir, { recursive: true, force: true });
	}
}

/** The built app on a fresh embedded database seeded with `cases` demo cases, and a Chromium. */
function withBenchApp<T>(cases: number, work: (app: BenchApp) => Promise<T>): Promise<T> {
	return withBenchServer(cases, async (port) => {
		const browser = await chromium.launch({
			executablePath: findChromium(),
			args: CHROMIUM_FLAGS
		});
		try {
			return await work({ port, browser });
		} finally {
			await browser.close();
		}
	});
}

/** Signs in with the demo password; returns when the form was submitted (epoch ms). */
export async function signIn(page: Page, port: string, email: string): Promise<number> {
	await page.goto(`http://localhost:${port}/sign-in`);
	await page.getByLabel('Email address').fill(email);
	await page.getByLabel('Password').fill('demo-password');
	const submitted = Date.now();
	await page.getByRole('button', { name: 'Sign in' }).click();
	return submitted;
}

/** The device's own stores (not synced rows): left out of a count of what was downloaded. */
export const LOCAL_STORES = ['outbox', 'meta', 'shadows', 'settlements', 'quarantine'];

/** How many rows each store of the signed-in user's IndexedDB database holds. */
function countsOnDevice(page: Page): Promise<Record<string, number>> {
	return page.evaluate(async () => {
		const dbs = await indexedDB.databases();
		const name = dbs.find((d) => d.name?.startsWith('victim-care-hub:'))!.name!;
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const r = indexedDB.open(name);
			r.onsuccess = () => resolve(r.result);
			r.onerror = () => reject(new Error(String(r.error)));
		});
		const counts: Record<string, number> = {};
		for (const store of db.objectStoreNames)
			counts[store] = await new Promise<number>((resolve) => {
				const r = db.transaction(store).objectStore(store).count();
				r.onsuccess = () => resolve(r.result);
			});
		db.close();
		return counts;
	});
}

// ——— First sync of a supervisor's team, and the same rows put into the browser by other means ———

/** The page-side code of the first-sync bench (see the file). */
const IN_BROWSER = fileURLToPath(new URL('./in-browser.js', import.meta.url));

/** An object store as IndexedDB describes it: the floor makes its stores like the hub's. */
export type StoreSchema = {
	keyPath: string | string[];
	autoIncrement: boolean;
	indexes: { name: string; keyPath: string | string[]; unique: boolean; multiEntry: boolean }[];
};

/** A row as the hub's device stores it, its binary values encoded (see in-browser.js). */
export type DeviceRow = Record<string, unknown> & { id: string };

/**
 * Exactly what the supervisor's device stored after its first sync: every synced store's schema
 * and rows, read back out of the browser's IndexedDB. The peer and the floor are given these.
 */
export type DeviceRows = { stores: Record<string, StoreSchema>; rows: Record<string, DeviceRow[]> };

/** What the page-side code offers (in-browser.js), as it is called from here. */
type InBrowser = {
	hubStores(localStores: string[]): Promise<Record<string, StoreSchema & { rows: number }>>;
	hubRows(store: string, after: string | null, limit: number): Promise<string>;
	hubLastSynced(): Promise<number | null>;
	floorLoad(
		url: string,
		schema: Record<string, StoreSchema>
	): Promise<{ ms: number; stored: number }>;
	peerReplicate(
		remote: string,
		batchSize: number | null
	): Promise<{ ms: number; docs: number; adapter: string }>;
};

/** Adds the page-side code to the page (evaluated, so the app's Content Security Policy allows it). */
export async function addInBrowser(page: Page) {
	await page.evaluate(await readFile(IN_BROWSER, 'utf8'));
}

/** Calls a function of the page-side code (added first with `addInBrowser`). */
export function inBrowser<K extends keyof InBrowser>(
	page: Page,
	method: K,
	...args: Parameters<InBrowser[K]>
): Promise<Awaited<ReturnType<InBrowser[K]>>> {
	return page.evaluate(
		([name, values]) => {
			const bench = (
				globalThis as unknown as { bench: Record<string, (...a: unknown[]) => unknown> }
			).bench;
			return bench[name]!(...values);
		},
		[method, args] as [string, unknown[]]
	) as Promise<Awaited<ReturnType<InBrowser[K]>>>;
}

/**
 * Runs `work` in a new Chromium with a new profile on disk, removed afterwards. Not Playwright's
 * own browser contexts: those are off the record, where Chromium keeps IndexedDB in memory, and a
 * user's browser writes it to disk.
 */
export async function withFreshProfile<T>(work: (page: Page) => Promise<T>): Promise<T> {
	const profile = await mkdtemp(path.join(tmpdir(), 'vch-bench-profile-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: findChromium(),
		headless: true,
		args: CHROMIUM_FLAGS
	});
	try {
		return await work(context.pages()[0] ?? (await context.newPage()));
	} finally {
		await context.close();
		await rm(profile, { recursive: true, force: true });
	}
}

/** Bytes the page's origin holds in IndexedDB, as Chromium's quota manager counts them. */
export async function indexedDbBytes(page: Page): Promise<number | null> {
	const cdp = await page.context().newCDPSession(page);
	try {
		const { usageBreakdown } = await cdp.send('Storage.getUsageAndQuota', {
			origin: new URL(page.url()).origin
		});
		return usageBreakdown.find((u) => u.storageType === 'indexeddb')?.usage ?? null;
	} finally {
		await cdp.detach();
	}
}

/** What one run of putting the team's rows into the browser measured. */
export type Measured = {
	ms: number;
	/** Rows (or documents) in the browser's database afterwards. */
	stored: number;
	indexedDbBytes: number | null;
	/** How it was done, when that varies (e.g. the peer's batch size). */
	note?: string;
};

/**
 * Another way of putting the same rows into the browser (the PouchDB peer, the Dexie floor): made
 * ready once per dataset with the rows the hub's device stored (not timed), then run once per run.
 */
export type Contender = (
	rows: DeviceRows
) => Promise<{ run(): Promise<Measured>; close(): Promise<void> }>;

/** Rows read out of the browser at a time: the whole team at once is too much for one message. */
const ROWS_PER_READ = 10_000;

/** Every synced store's schema and rows, read out of the hub database of the page's origin. */
async function rowsOnDevice(page: Page): Promise<DeviceRows> {
	const stores = await inBrowser(page, 'hubStores', LOCAL_STORES);
	const rows: Record<string, DeviceRow[]> = {};
	for (const [name, store] of Object.entries(stores)) {
		const list: DeviceRow[] = [];
		// Synced stores are keyed by `id`: each read starts after the last row of the one before.
		while (list.length < store.rows) {
			const after = list.at(-1)?.id ?? null;
			const json = await inBrowser(page, 'hubRows', name, after, ROWS_PER_READ);
			const chunk = JSON.parse(json) as DeviceRow[];
			if (chunk.length === 0) break;
			list.push(...chunk);
		}
		rows[name] = list;
	}
	const schema = Object.fromEntries(
		Object.entries(stores).map(([name, { rows: _rows, ...store }]) => [name, store])
	);
	return { stores: schema, rows };
}

export type HubRun = Measured & {
	/** From submitting the sign-in to the device recording that its first sync finished. */
	syncedMs: number | null;
};

/**
 * One first sync of the supervisor's team into a new browser profile: from submitting the
 * sign-in to the app being fully usable, which is the team's overdue list painted with the rows
 * of the first sync — the app's own User Timing mark `team:list-painted` (set on the first frame
 * after the team is read from IndexedDB; the Team reads only once a sync has ended) once "Last
 * synced" is shown and a row of the list is drawn. Also the rows stored, the IndexedDB size and,
 * when `keepRows`, the rows themselves.
 */
async function hubFirstSync(port: string, keepRows: boolean) {
	return withFreshProfile(async (page) => {
		const submitted = await signIn(page, port, 'supervisor@demo.test');
		await page.waitForURL(/\/team$/, { timeout: 60_000 });
		const painted = await page.waitForFunction(
			() => {
				const when = document.querySelector('.app-sync__when')?.textContent ?? '';
				if (!when.includes('Last synced')) return false;
				if (!document.querySelector('[data-testid="attention-row"]')) return false;
				// A read of the team whose list is not painted yet.
				if (performance.getEntriesByName('team:read', 'mark').length > 0) return false;
				const [mark] = performance.getEntriesByName('team:list-painted', 'mark');
				return mark ? performance.timeOrigin + mark.startTime : false;
			},
			undefined,
			{ timeout: 300_000, polling: 'raf' }
		);
		const ms = ((await painted.jsonValue()) as number) - submitted;
		await addInBrowser(page);
		const synced = await inBrowser(page, 'hubLastSynced');
		const stored = Object.entries(await countsOnDevice(page))
			.filter(([store]) => !LOCAL_STORES.includes(store))
			.reduce((sum, [, n]) => sum + n, 0);
		const run: HubRun = {
			ms,
			stored,
			indexedDbBytes: await indexedDbBytes(page),
			syncedMs: synced === null ? null : synced - submitted
		};
		return { run, rows: keepRows ? await rowsOnDevice(page) : null };
	});
}

/**
 * The first sync of a supervisor's team of `cases` demo cases, `runs` times on one seeded server
 * (a new browser profile each time), and after each, each contender given the rows the first run
 * stored. Returns each run of the hub and, in the same order, of each contender.
 */
export function firstSyncOfTeam(
	cases: number,
	runs: number,
	contenders: Contender[]
): Promise<{ hub: HubRun[]; contenders: Measured[][] }> {
	return withBenchServer(cases, async (port) => {
		const hub: HubRun[] = [];
		const measured: Measured[][] = contenders.map(() => []);
		const ready: Awaited<ReturnType<Contender>>[] = [];
		try {
			for (let i = 0; i < runs; i++) {
				const { run, rows } = await hubFirstSync(port, i === 0);
				hub.push(run);
				if (rows) for (const contender of contenders) ready.push(await contender(rows));
				for (const [j, contender] of ready.entries()) measured[j]!.push(await contender.run());
			}
		} finally {
			for (const contender of ready) await contender.close();
		}
		return { hub, contenders: measured };
	});
}

/**
 * A caseworker's caseload once the data is on the device, over `runs` reloads: the time to open
 * it (from the reload to the frame with every row), to draw it once its data is local (from the
 * start of the read of the device's database to that frame), and to narrow it by a search.
 */
export function caseloadOfCaseworker(
	cases: number,
	runs: number
): Promise<{ openMs: number[]; readToDrawnMs: number[]; searchMs: number[]; rows: number }> {
	return withBenchApp(cases, async ({ port, browser }) => {
		const page = await browser.newPage();
		await signIn(page, port, 'caseworker@demo.test');
		await page.getByText(/Last synced/).waitFor({ timeout: 120_000 });
		const openMs: number[] = [];
		const readToDrawnMs: number[] = [];
		const searchMs: number[] = [];
		let rows = 0;
		for (let i = 0; i < runs; i++) {
			// Timed inside the page: from the start of the navigation to the frame with every row, and
			// (the app's User Timing) from the start of the read of the device's data to that frame.
			await page.reload({ waitUntil: 'commit' });
			const opened = await page.waitForFunction(() => {
				const [measure] = performance.getEntriesByName('caseload:read-to-drawn', 'measure');
				const [drawn] = performance.getEntriesByName('caseload:drawn', 'mark');
				return measure && drawn && { took: measure.duration, at: drawn.startTime };
			});
			const { took, at } = (await opened.jsonValue()) as { took: number; at: number };
			openMs.push(at);
			readToDrawnMs.push(took);
			rows = await page.getByTestId('caseload-row').count();
			// From the keystroke's input event to the next painted frame.
			searchMs.push(
				await page.evaluate(async () => {
					const input = document.querySelector<HTMLInputElement>('#caseload-search')!;
					const start = performance.now();
					input.value = 'zz-no-such-victim';
					input.dispatchEvent(new Event('input', { bubbles: true }));
					await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
					if (document.querySelectorAll('[data-testid="caseload-row"]').length !== 0)
						throw new Error('The search did not narrow the caseload');
					return performance.now() - start;
				})
			);
		}
		return { openMs, readToDrawnMs, searchMs, rows };
	});
}

const PORTAL_PAGES = [
	'/your-case',
	'/your-case/rights',
	'/your-case/support',
	'/your-case/contact'
];

/** The JavaScript the page loaded (every script and module preload, as built), gzipped, in bytes. */
async function gzippedScriptsOf(page: Page): Promise<number> {
	const scripts = await page.evaluate(() =>
		performance
			.getEntriesByType('resource')
			.map((e) => new URL(e.name).pathname)
			.filter((p) => p.endsWith('.js'))
	);
	let bytes = 0;
	for (const script of new Set(scripts))
		bytes += gzipSync(await readFile(path.join('build/client', script))).length;
	return bytes;
}

/**
 * The JavaScript each role's home loads, gzipped: the sign-in page (signed out), the caseworker's
 * caseload, the supervisor's team and the victim's portal, each loaded afresh (no HTTP cache) in
 * a new browser context once signed in.
 */
export function javascriptPerRole(): Promise<
	{ role: string; path: string; jsGzipBytes: number }[]
> {
	const homes = [
		{ role: 'signed out', email: null, path: '/sign-in' },
		{ role: 'caseworker', email: 'caseworker@demo.test', path: '/caseload' },
		{ role: 'supervisor', email: 'supervisor@demo.test', path: '/team' },
		{ role: 'victim', email: 'victim@demo.test', path: '/your-case' }
	];
	return withBenchApp(60, async ({ port, browser }) => {
		const out = [];
		for (const home of homes) {
			// Service workers blocked: each home's own scripts, not the whole app precached.
			const context = await browser.newContext({ serviceWorkers: 'block' });
			const page = await context.newPage();
			if (home.email) {
				await signIn(page, port, home.email);
				await page.waitForURL((url) => url.pathname === home.path);
			}
			const cdp = await context.newCDPSession(page);
			await cdp.send('Network.enable');
			await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
			await page.goto(`http://localhost:${port}${home.path}`, { waitUntil: 'networkidle' });
			out.push({ role: home.role, path: home.path, jsGzipBytes: await gzippedScriptsOf(page) });
			await context.close();
		}
		return out;
	});
}

/**
 * The victim's portal: for each page, the JavaScript a victim's browser loads for it (every script
 * and module preload the page asked for, as built, gzipped), and how long the page takes to be
 * usable on a slow phone (Chromium's 4x CPU slowdown and a "Slow 4G" network).
 */
export function victimPortal(): Promise<{ path: string; jsGzipBytes: number; loadMs: number }[]> {
	return withBenchApp(60, async ({ port, browser }) => {
		const context = await browser.newContext();
		const page = await context.newPage();
		await signIn(page, port, 'victim@demo.test');
		await page.waitForURL(/\/your-case$/);
		const cdp = await context.newCDPSession(page);
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
		await cdp.send('Network.enable');
		await cdp.send('Network.emulateNetworkConditions', {
			offline: false,
			latency: 150,
			downloadThroughput: (1.6 * 1024 * 1024) / 8,
			uploadThroughput: (750 * 1024) / 8
		});
		await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
		const out = [];
		for (const pagePath of PORTAL_PAGES) {
			const started = performance.now();
			await page.goto(`http://localhost:${port}${pagePath}`, { waitUntil: 'load' });
			// Usable: hydrated, so its buttons and Shift x3 work (see ExitThisPage).
			await page.locator('.app-exit-this-page[data-armed]').waitFor();
			const loadMs = performance.now() - started;
			out.push({ path: pagePath, jsGzipBytes: await gzippedScriptsOf(page), loadMs });
		}
		await context.close();
		return out;
	});
}

/**
 * The supervisor's overdue list (/team) once the team is on the device: after the first sync,
 * the page is reloaded `runs` times, and each time the app's own User Timing gives the time from
 * the start of the team's read from IndexedDB (`team:read`, the data being local) to the first
 * frame painted with the list (`team:list-painted`), and from the start of the navigation to
 * that frame. The read that paints is the one made when the reload's sync ends (the Team sets
 * aside a read started before the sync). Also how many rows the list has, how many are drawn,
 * and how many cases the device holds.
 */
export function overdueListOfTeam(
	cases: number,
	runs: number
): Promise<{
	readToPaintMs: number[];
	loadMs: number[];
	rows: number;
	listed: number;
	cases: number;
}> {
	return withBenchApp(cases, async ({ port, browser }) => {
		const page = await browser.newPage();
		await signIn(page, port, 'supervisor@demo.test');
		await page.waitForURL(/\/team$/);
		await page.getByText(/Last synced/).waitFor({ timeout: 120_000 });
		await page.getByTestId('attention-row').first().waitFor({ timeout: 60_000 });
		const readToPaintMs: number[] = [];
		const loadMs: number[] = [];
		for (let i = 0; i < runs; i++) {
			await page.reload({ waitUntil: 'commit' });
			const timing = await page.waitForFunction(
				() => {
					const [measure] = performance.getEntriesByName('team:read-to-list-painted', 'measure');
					const [painted] = performance.getEntriesByName('team:list-painted', 'mark');
					return measure && painted && { took: measure.duration, at: painted.startTime };
				},
				undefined,
				{ timeout: 60_000 }
			);
			const { took, at } = (await timing.jsonValue()) as { took: number; at: number };
			readToPaintMs.push(took);
			loadMs.push(at);
		}
		const rows = await page.getByTestId('attention-row').count();
		const listed = Number(
			/of (\d+)/.exec((await page.getByTestId('attention-count').textContent()) ?? '')?.[1]
		);
		const onDevice = (await countsOnDevice(page)).cases ?? 0;
		return { readToPaintMs, loadMs, rows, listed, cases: onDevice };
	});
}
