/**
 * Browser benches against the built app on its embedded database: the first sync of a supervisor's
 * team (from signing in to the first "Last synced"), a caseworker's caseload once it is local, the
 * supervisor's overdue list once the team is local, and the size and speed of the victim's portal.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import { findChromium } from '../browser.js';
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
			args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage']
		});
		try {
			return await work({ port, browser });
		} finally {
			await browser.close();
		}
	});
}

export async function signIn(page: Page, port: string, email: string) {
	await page.goto(`http://localhost:${port}/sign-in`);
	await page.getByLabel('Email address').fill(email);
	await page.getByLabel('Password').fill('demo-password');
	await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The device's own stores (not synced rows): left out of a count of what was downloaded. */
const LOCAL_STORES = ['outbox', 'meta', 'shadows', 'settlements', 'quarantine'];

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

export function firstSyncOfTeam(cases: number): Promise<{ ms: number; rows: number }> {
	return withBenchApp(cases, async ({ port, browser }) => {
		const page = await browser.newPage();
		const started = performance.now();
		await signIn(page, port, 'supervisor@demo.test');
		await page.getByText(/Last synced/).waitFor({ timeout: 120_000 });
		const ms = performance.now() - started;
		const counts = await countsOnDevice(page);
		const rows = Object.entries(counts)
			.filter(([store]) => !LOCAL_STORES.includes(store))
			.reduce((sum, [, n]) => sum + n, 0);
		return { ms, rows };
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
