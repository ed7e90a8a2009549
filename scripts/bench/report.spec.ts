import { describe, expect, it } from 'vitest';
import { buildReport, growthOf, markdownOf, meetsTarget, summarise, type Figure } from './report';

const figure = (over: Partial<Figure>): Figure => ({
	entry: 'First sync into the browser',
	name: 'hub time',
	unit: 'ms',
	samples: [],
	...over
});

describe('benchmark results', () => {
	it('summarises the runs of a figure: median, fastest, slowest and 95th percentile', () => {
		expect(summarise([30, 10, 20])).toEqual({ median: 20, min: 10, max: 30, p95: 30, runs: 3 });
		expect(summarise([4, 1, 3, 2])).toMatchObject({ median: 2.5, min: 1, max: 4 });
		const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
		expect(summarise(hundred)!.p95).toBe(95);
		expect(summarise([])).toBeNull();
	});

	it('judges the median against a target at most or at least', () => {
		expect(meetsTarget(figure({ samples: [9, 11, 10], target: { max: 10 } }))).toBe(true);
		expect(meetsTarget(figure({ samples: [9, 11, 12], target: { max: 10 } }))).toBe(false);
		expect(meetsTarget(figure({ samples: [0.91], unit: 'score', target: { min: 0.9 } }))).toBe(
			true
		);
		expect(meetsTarget(figure({ samples: [0.89], unit: 'score', target: { min: 0.9 } }))).toBe(
			false
		);
		expect(meetsTarget(figure({ samples: [5] }))).toBeNull();
		expect(meetsTarget(figure({ notMeasured: 'no browser', target: { max: 1 } }))).toBeNull();
	});

	it('says how a series grows with its data, from its smallest and largest points', () => {
		const series = (name: string, points: [number, number][]) =>
			points.map(([cases, ms]) => figure({ series: name, dataset: { cases }, samples: [ms] }));
		const growth = growthOf([
			...series('linear', [
				[150, 15],
				[1_500, 150],
				[5_000, 500]
			]),
			...series('quadratic', [
				[100, 1],
				[1_000, 100]
			]),
			...series('flat', [
				[100, 50],
				[1_000, 52]
			]),
			...series('one point', [[100, 5]])
		]);
		expect(growth.map((g) => [g.series, Number(g.exponent.toFixed(2)), g.verdict])).toEqual([
			['linear', 1, 'grows with the data (linear)'],
			['quadratic', 2, 'grows faster than the data (worse than linear, exponent 2.00)'],
			['flat', 0.02, 'about constant']
		]);
		expect(growth[0]!.points).toEqual([
			{ size: 150, median: 15 },
			{ size: 1_500, median: 150 },
			{ size: 5_000, median: 500 }
		]);
	});

	it('writes every figure for people, with what was missed and what could not be measured', () => {
		const report = buildReport(
			[
				figure({ samples: [12_000, 11_000], dataset: { cases: 1_500 }, target: { max: 10_000 } }),
				figure({ name: 'peer | time', notMeasured: 'PouchDB would not start' })
			],
			{
				startedAt: new Date('2026-11-21T12:00:00Z'),
				quick: true,
				datasets: { 'First sync': '1,500 cases' }
			}
		);
		expect(report.figures[0]).toMatchObject({ meetsTarget: false, summary: { median: 11_500 } });
		const md = markdownOf(report);
		expect(md).toContain('# Benchmark results (quick run)');
		expect(md).toContain(`Commit \`${report.commit}\``);
		expect(md).toContain('- First sync: 1,500 cases');
		expect(md).toContain(
			'| hub time | 1,500 cases | 11,500 ms | 11,000 | 12,000 | 12,000 | 2 | ≤ 10,000 | ✗ |'
		);
		expect(md).toContain('| peer \\| time |  | not measured: PouchDB would not start |');
	});
});
