/**
 * Lighthouse 12 (issues 8 and 9): performance, accessibility and best practices of the sign-in
 * page, a caseworker's caseload and case page, and the victim's portal, as their users see them.
 *
 * The built app on a fresh database (900 cases in one team, about 150 of them the demo
 * caseworker's), and Debian's Chromium started here with a DevTools port, one per person.
 * Playwright signs in through that browser and, for the caseworker, waits for the first sync to
 * finish and for the service worker to control the page; then Lighthouse opens its own tab in
 * that browser, with `disableStorageReset` so the session cookie, the data in IndexedDB and the
 * service worker are kept (without them a signed-in page is a sign-in redirect or an empty list).
 * The HTTP cache is emptied before each run; the service worker's copy of the app is not (the app
 * as installed).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';
import lighthouse, { desktopConfig, type Config, type Result, type RunnerResult } from 'lighthouse';
import * as constants from 'lighthouse/core/config/constants.js';
import { CHROMIUM_FLAGS as PROJECT_FLAGS, findChromium } from '../browser.js';
import { signIn, withBenchServer } from './first-sync';

export type Category = 'performance' | 'accessibility' | 'best-practices';
export const CATEGORIES: Category[] = ['performance', 'accessibility', 'best-practices'];

export type LighthouseRun = {
	preset: 'mobile' | 'desktop';
	scores: Record<Category, number>;
	/** Audits of each category that lost it points: title, and what Lighthouse measured. */
	shortfalls: Record<Category, string[]>;
	/** Lighthouse's measure of this machine's CPU speed when the run began (higher is faster). */
	benchmarkIndex: number;
	/** The machine's load average over the last minute, and how many CPUs it has. */
	load: { average: number; cpus: number };
	/** Lighthouse's own warnings about the run (e.g. a slow or busy machine). */
	warnings: string[];
	/** The full report, as HTML (and the result as JSON beside it), for a closer look. */
	reportPath: string;
};

/** Flags the project's other browser runs use, headless. */
const CHROMIUM_FLAGS = ['--headless', ...PROJECT_FLAGS];

/** The port Chromium chose for DevTools (it writes it to DevToolsActivePort in its profile). */
async function devToolsPort(profile: string): Promise<number> {
	for (let i = 0; i < 150; i++) {
		const text = await readFile(path.join(profile, 'DevToolsActivePort'), 'utf8').catch(() => '');
		const port = Number(text.split('\n')[0]);
		if (port > 0) return port;
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error('Chromium did not open its DevTools port within 30 seconds');
}

/**
 * The audits of a category that cost it points: those that count towards its score first (with
 * their weight), then the diagnostics Lighthouse flags (no weight, but they say where time goes).
 */
function shortfallsOf(lhr: Result, category: Category): string[] {
	const out = lhr.categories[category]!.auditRefs.flatMap((ref) => {
		const audit = lhr.audits[ref.id]!;
		const scored = audit.scoreDisplayMode === 'binary' || audit.scoreDisplayMode === 'numeric';
		if (!scored || audit.score === null || audit.score >= 0.9) return [];
		const value = audit.displayValue ? `: ${audit.displayValue}` : '';
		const weight = ref.weight > 0 ? `weight ${ref.weight}` : 'diagnostic';
		return [
			{
				weight: ref.weight,
				text: `${audit.title}${value} (score ${audit.score.toFixed(2)}, ${weight})`
			}
		];
	});
	return out.sort((a, b) => b.weight - a.weight).map((a) => a.text);
}

/** The pages Lighthouse looks at, and who is signed in for each (nobody for the sign-in page). */
export const LIGHTHOUSE_PAGES = ['sign-in', 'caseload', 'case page', 'victim portal'] as const;
export type LighthousePage = (typeof LIGHTHOUSE_PAGES)[number];

/**
 * A Chromium of its own, started here with a DevTools port (which Lighthouse drives), with
 * Playwright connected to it over that port; `work` gets the port and the browser's default
 * context (the one Lighthouse's own tab opens in).
 */
async function withDebuggableChromium<T>(
	work: (port: number, context: BrowserContext) => Promise<T>
): Promise<T> {
	const executable = findChromium();
	if (!executable) throw new Error('No Chromium found (see scripts/browser.js)');
	const profile = await mkdtemp(path.join(tmpdir(), 'vch-lighthouse-'));
	const chrome = spawn(
		executable,
		[...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'],
		{ stdio: 'ignore' }
	);
	const exited = new Promise((resolve) => chrome.once('exit', resolve));
	try {
		const port = await devToolsPort(profile);
		const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
		try {
			return await work(port, browser.contexts()[0]!);
		} finally {
			await browser.close();
		}
	} finally {
		if (chrome.exitCode === null && chrome.signalCode === null && chrome.kill()) await exited;
		await rm(profile, { recursive: true, force: true });
	}
}

/**
 * One Lighthouse run after `prepare`, both tried once more when Lighthouse itself fails to record
 * the page (a runtime error such as NO_NAVSTART, which it asks to be run again): such a run
 * measured nothing, and the retry starts from the same state, so no figure is biased. A second
 * failure is reported.
 */
async function lighthouseRetried(
	port: number,
	url: string,
	config: Config | undefined,
	prepare: () => Promise<void>
): Promise<{ result: RunnerResult; retried: string | null }> {
	let retried: string | null = null;
	for (;;) {
		await prepare();
		const result = await lighthouse(
			url,
			{
				port,
				logLevel: 'error',
				output: 'html',
				onlyCategories: CATEGORIES,
				disableStorageReset: true
			},
			config
		);
		if (!result) throw new Error('Lighthouse returned no result');
		const error = result.lhr.runtimeError;
		if (!error) return { result, retried };
		if (retried) throw new Error(`Lighthouse: ${error.code}: ${error.message}`);
		retried = error.code;
	}
}

/**
 * Lighthouse's default (mobile) settings; with LH_CPU_SLOWDOWN, a CPU that many times slower
 * instead of 4. Lighthouse scales what it measures on this machine, so on a slower machine the
 * same page scores lower; a larger multiplier here shows, on a fast machine, how the page fares
 * on a slow one (4 × this machine's benchmarkIndex ÷ the slow one's). Never for reported figures.
 */
function mobileConfig(slowdown: string | undefined): Config | undefined {
	const profile = process.env.LH_TRACE === 'cpu';
	if (!slowdown && !profile) return undefined;
	const multiplier = Number(slowdown ?? 4);
	if (!(multiplier >= 1)) throw new Error(`LH_CPU_SLOWDOWN must be a number ≥ 1, not ${slowdown}`);
	return {
		extends: 'lighthouse:default',
		settings: {
			throttling: { ...constants.throttling.mobileSlow4G, cpuSlowdownMultiplier: multiplier },
			// With LH_TRACE=cpu, the trace also holds V8's samples: which functions each task ran.
			...(profile && { additionalTraceCategories: 'disabled-by-default-v8.cpu_profiler' })
		}
	};
}

/**
 * Runs Lighthouse on `url` once per preset in `plan` with its default settings (mobile: a
 * mid-range phone, simulated slow 4G and 4x slower CPU) or its desktop preset, keeping the
 * browser's storage (the session, the device's data and the service worker).
 */
async function lighthouseRuns(
	port: number,
	context: BrowserContext,
	page: LighthousePage,
	url: string,
	plan: ('mobile' | 'desktop')[]
): Promise<(LighthouseRun & { page: LighthousePage })[]> {
	// Only Lighthouse's tab runs the app: the tab that signed in is closed.
	const blank = await context.newPage();
	for (const other of context.pages()) if (other !== blank) await other.close();
	const cdp = await context.newCDPSession(blank);
	await cdp.send('ServiceWorker.enable');
	const runs: (LighthouseRun & { page: LighthousePage })[] = [];
	for (const [i, preset] of plan.entries()) {
		// Each run opens the app as someone does after a while away: its service worker stopped, in
		// a new renderer process. Left running, the worker kept its process alive, each run's page
		// was put in it, and that process's heap kept the earlier runs' pages and the sign-in's
		// first sync. Lighthouse, as it starts, turns on code coverage and its debugger, which walk
		// the whole heap: a 100–200 ms task before the page's request (400–750 ms once scaled to
		// the simulated phone), counted in the page's Total Blocking Time though no user pays it.
		const config: Config | undefined =
			preset === 'desktop' ? desktopConfig : mobileConfig(process.env.LH_CPU_SLOWDOWN);
		const { result, retried } = await lighthouseRetried(port, url, config, async () => {
			await cdp.send('Network.clearBrowserCache');
			await cdp.send('ServiceWorker.stopAllWorkers');
		});
		const { lhr } = result;
		const expected = new URL(url).pathname;
		if (new URL(lhr.finalDisplayedUrl).pathname !== expected)
			throw new Error(`Lighthouse ended on ${lhr.finalDisplayedUrl}, not ${expected}`);
		const name = page.replaceAll(' ', '-');
		const reportPath = path.join(tmpdir(), `vch-lighthouse-${name}-${preset}-${i + 1}.html`);
		await writeFile(reportPath, result.report as string);
		await writeFile(reportPath.replace(/\.html$/, '.json'), JSON.stringify(lhr));
		// The page's trace too, with LH_TRACE=1: where each long task went (main thread).
		if (process.env.LH_TRACE)
			await writeFile(
				reportPath.replace(/\.html$/, '.trace.json'),
				JSON.stringify(result.artifacts.Trace)
			);
		const scores = {} as Record<Category, number>;
		const shortfalls = {} as Record<Category, string[]>;
		for (const category of CATEGORIES) {
			const score = lhr.categories[category]?.score;
			if (typeof score !== 'number') throw new Error(`Lighthouse gave no ${category} score`);
			scores[category] = score;
			shortfalls[category] = shortfallsOf(lhr, category);
		}
		runs.push({
			page,
			preset,
			scores,
			shortfalls,
			benchmarkIndex: lhr.environment.benchmarkIndex,
			load: { average: loadavg()[0]!, cpus: availableParallelism() },
			warnings: [
				...lhr.runWarnings,
				...(retried ? [`retried after ${retried}`] : []),
				...(preset === 'mobile' && process.env.LH_CPU_SLOWDOWN
					? [`CPU ${process.env.LH_CPU_SLOWDOWN}× slower (LH_CPU_SLOWDOWN), not Lighthouse's 4×`]
					: [])
			],
			reportPath
		});
	}
	return runs;
}

/**
 * Lighthouse on the sign-in page (signed out), a caseworker's caseload and one of their case
 * pages (signed in, their first sync finished and the service worker in charge), and the victim's
 * portal home (signed in as the demo victim): `mobileRuns` default (mobile) runs and
 * `desktopRuns` desktop runs of each, on a team of 900 demo cases (about 150 the caseworker's).
 */
export function lighthouseOfPages(
	mobileRuns: number,
	desktopRuns: number
): Promise<(LighthouseRun & { page: LighthousePage })[]> {
	const plan = [
		...Array.from({ length: mobileRuns }, () => 'mobile' as const),
		...Array.from({ length: desktopRuns }, () => 'desktop' as const)
	];
	return withBenchServer(900, async (appPort) => {
		const app = `http://localhost:${appPort}`;
		const runs: (LighthouseRun & { page: LighthousePage })[] = [];
		runs.push(
			...(await withDebuggableChromium((port, context) =>
				lighthouseRuns(port, context, 'sign-in', `${app}/sign-in`, plan)
			))
		);
		runs.push(
			...(await withDebuggableChromium(async (port, context) => {
				const page = context.pages()[0] ?? (await context.newPage());
				await signIn(page, appPort, 'caseworker@demo.test');
				await page.waitForURL(/\/caseload$/);
				await page.getByText(/Last synced/).waitFor({ timeout: 120_000 });
				await page.getByText('All changes saved to the server.').waitFor();
				const href = await page
					.getByTestId('caseload-row')
					.first()
					.getByRole('link')
					.getAttribute('href');
				await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
					timeout: 60_000
				});
				return [
					...(await lighthouseRuns(port, context, 'caseload', `${app}/caseload`, plan)),
					...(await lighthouseRuns(port, context, 'case page', `${app}${href}`, plan))
				];
			}))
		);
		runs.push(
			...(await withDebuggableChromium(async (port, context) => {
				const page = context.pages()[0] ?? (await context.newPage());
				await signIn(page, appPort, 'victim@demo.test');
				await page.waitForURL(/\/your-case$/);
				return lighthouseRuns(port, context, 'victim portal', `${app}/your-case`, plan);
			}))
		);
		return runs;
	});
}
