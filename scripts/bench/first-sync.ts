/**
 * Bench: the first sync of a supervisor's team of 1,500 cases, in Chromium, against the built app
 * on its embedded database. Measures from the signed-in page's load to the first "Last synced".
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { findChromium } from '../browser.js';
import { openDatabase } from '../../src/lib/server/db/client';
import { seedDemoData } from '../../src/lib/server/seed/seed';
import { demoNow } from '../../src/lib/server/seed/demo-now';

export async function firstSyncOfTeam(cases: number): Promise<{ ms: number; rows: number }> {
	if (!existsSync('build/index.js')) throw new Error('Build the app first: npm run build');
	const dir = await mkdtemp(path.join(tmpdir(), 'vch-bench-'));
	const handle = await openDatabase({
		pgliteDir: path.join(dir, 'pglite'),
		migrationsDir: path.resolve('src/lib/server/db/migrations')
	});
	await seedDemoData(handle.db, { seed: 7, cases, teams: 1, now: demoNow(new Date()) });
	await handle.close();

	const port = String(4300 + Math.floor(Math.random() * 500));
	const server = spawn(process.execPath, ['build/index.js'], {
		env: {
			...process.env,
			PORT: port,
			DATA_DIR: dir,
			ORIGIN: `http://localhost:${port}`,
			DATABASE_URL: '',
			DEMO_SEED: ''
		},
		stdio: ['ignore', 'pipe', 'inherit']
	});
	const browser = await chromium.launch({
		executablePath: findChromium(),
		args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage']
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
		const page = await browser.newPage();
		await page.goto(`http://localhost:${port}/sign-in`);
		await page.getByLabel('Email address').fill('supervisor@demo.test');
		await page.getByLabel('Password').fill('demo-password');
		const started = performance.now();
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.getByText(/Last synced/).waitFor({ timeout: 120_000 });
		const ms = performance.now() - started;
		const rows = await page.evaluate(async () => {
			const dbs = await indexedDB.databases();
			const name = dbs.find((d) => d.name?.startsWith('victim-care-hub:'))!.name!;
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const r = indexedDB.open(name);
				r.onsuccess = () => resolve(r.result);
				r.onerror = () => reject(new Error(String(r.error)));
			});
			const stores = [...db.objectStoreNames].filter(
				(s) => !['outbox', 'meta', 'shadows', 'settlements', 'quarantine'].includes(s)
			);
			let total = 0;
			for (const s of stores)
				total += await new Promise<number>((resolve) => {
					const r = db.transaction(s).objectStore(s).count();
					r.onsuccess = () => resolve(r.result);
				});
			db.close();
			return total;
		});
		return { ms, rows };
	} finally {
		await browser.close();
		server.kill();
		await rm(dir, { recursive: true, force: true });
	}
}
