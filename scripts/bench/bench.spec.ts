import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from './report';

const run = promisify(execFile);

/**
 * The benchmark is not part of `npm test` (it takes minutes and needs an idle machine), but it must
 * still start: the engine's entry on tiny datasets, written where the test says.
 */
describe('npm run bench', () => {
	let out = '';
	afterAll(() => rm(out, { recursive: true, force: true }));

	it('starts, measures an entry and writes both results files', async () => {
		out = await mkdtemp(path.join(tmpdir(), 'vch-bench-test-'));
		const tsx = path.resolve('node_modules/.bin/tsx');
		const { stdout } = await run(
			tsx,
			['scripts/bench/index.ts', '--tiny', 'engine', '--out', out],
			{
				timeout: 60_000
			}
		);
		expect(stdout).toContain('Domain engine, obligations of every case [20 cases]');
		const report = JSON.parse(await readFile(path.join(out, 'latest.json'), 'utf8')) as Report;
		expect(report.quick).toBe(true);
		expect(report.machine.cpus).toBeGreaterThan(0);
		expect(report.figures.map((f) => [f.series, f.dataset])).toEqual([
			['Engine: obligations', { cases: 20 }],
			['Engine: obligations and compliance', { cases: 20 }],
			['Engine: obligations', { cases: 200 }],
			['Engine: obligations and compliance', { cases: 200 }]
		]);
		for (const f of report.figures) expect(f.summary!.median).toBeGreaterThan(0);
		expect(report.growth.map((g) => g.series)).toEqual([
			'Engine: obligations',
			'Engine: obligations and compliance'
		]);
		const md = await readFile(path.join(out, 'latest.md'), 'utf8');
		expect(md).toContain('## Domain engine');
		expect(md).toContain('## How the figures grow with the data');
	});
});
