import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@playwright/test';

/**
 * An app server of a test's own, that the test can stop, restart, or replace with another release
 * (`buildDir`): on the embedded database in `dataDir` with the demo data, or on `databaseUrl` (an
 * empty PostgreSQL database, seeded at its first start), with any other `env` the test sets.
 */
export class OwnServer {
	#child: ChildProcess | null = null;
	readonly port: number = Number(process.env.E2E_PORT ?? 4173) + 100;
	readonly url: string;

	constructor(
		readonly dataDir: string,
		readonly options: { databaseUrl?: string; port?: number } = {}
	) {
		rmSync(dataDir, { recursive: true, force: true });
		if (options.port) this.port = options.port;
		this.url = `http://localhost:${this.port}`;
	}

	/** Whether the process has ended (stopped, or died on its own). */
	get exited(): Promise<void> {
		const child = this.#child;
		if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
		return once(child, 'exit').then(() => undefined);
	}

	async start(buildDir = 'build', env: Record<string, string> = {}) {
		this.#child = spawn(process.execPath, [join(buildDir, 'index.js')], {
			env: {
				...process.env,
				PORT: String(this.port),
				ORIGIN: this.url,
				DATA_DIR: this.dataDir,
				DEMO_SEED: '1',
				DATABASE_URL: this.options.databaseUrl ?? '',
				SIGN_IN_MAX_FAILURES_PER_IP: '1000',
				...env
			},
			stdio: 'ignore'
		});
		await expect
			.poll(
				async () => {
					try {
						return (await fetch(`${this.url}/api/health`)).status;
					} catch {
						return 0;
					}
				},
				{ timeout: 120_000, intervals: [250] }
			)
			.toBe(200);
	}

	async stop() {
		const child = this.#child;
		this.#child = null;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const exited = once(child, 'exit');
		child.kill('SIGTERM');
		await exited;
	}
}
