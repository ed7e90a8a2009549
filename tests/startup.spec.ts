import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

/** Starts the built app as `npm start` does and collects how it ends. */
function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['scripts/start.js'], {
			env: { ...process.env, ...env }
		});
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.on('exit', (code) => resolve({ code, stderr }));
	});
}

test.describe('start-up problems are told plainly', () => {
	test('an unreachable DATABASE_URL', async () => {
		const { code, stderr } = await start({
			PORT: '4191',
			DATABASE_URL: 'postgres://app:pw@127.0.0.1:1/hub'
		});
		expect(code).toBe(1);
		expect(stderr).toContain(
			'Victim Care Hub could not start: Cannot connect to the PostgreSQL server in DATABASE_URL (127.0.0.1:1/hub)'
		);
		expect(stderr).not.toMatch(/^\s+at /m);
	});

	test('a corrupt data directory', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'vch-start-'));
		try {
			await writeFile(path.join(dir, 'pglite'), 'this should be a directory');
			const { code, stderr } = await start({ PORT: '4192', DATABASE_URL: '', DATA_DIR: dir });
			expect(code).toBe(1);
			expect(stderr).toContain('Victim Care Hub could not start:');
			expect(stderr).toContain(path.join(dir, 'pglite'));
			expect(stderr).not.toMatch(/^\s+at /m);
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});
});
