/**
 * The benchmark's results: every figure measured, with its runs, summary and target, written to
 * `bench/results/latest.json` (for tools) and `bench/results/latest.md` (for people), with the
 * machine they were measured on and the commit they measured.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';

/** Units a figure can be in; `ratio` is dimensionless (e.g. hub time / peer time). */
export type Unit =
	'ms' | 's' | 'rows/s' | 'req/s' | 'bytes' | 'kB' | 'MB' | 'ratio' | 'score' | 'count';

/** A target a figure's median is judged by: at most (`max`) or at least (`min`) this value. */
export type Target = { max: number } | { min: number };

/**
 * One measured figure. `samples` holds each run's value (several runs, so the summary is honest);
 * `dataset` says what it was measured on (e.g. `{ cases: 1500 }`), so figures of one series at
 * different sizes can be compared (`series` names the series, the same for every size).
 * A figure that could not be measured has no samples and says why in `notMeasured`.
 */
export type Figure = {
	/** The entry it belongs to, e.g. "First sync into the browser". */
	entry: string;
	/** What is measured, e.g. "hub: time to fully usable". */
	name: string;
	/** Name of the series this figure is one size of (figures at different sizes share it). */
	series?: string;
	dataset?: Record<string, number>;
	unit: Unit;
	samples: number[];
	target?: Target;
	/** Anything else worth knowing: rows stored, errors, the peer's version… */
	note?: string;
	notMeasured?: string;
};

export type Summary = { median: number; min: number; max: number; p95: number; runs: number };

export function summarise(samples: number[]): Summary | null {
	if (samples.length === 0) return null;
	const sorted = [...samples].sort((a, b) => a - b);
	const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
	const mid = Math.floor(sorted.length / 2);
	const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
	return { median, min: sorted[0]!, max: sorted.at(-1)!, p95: at(0.95), runs: sorted.length };
}

/** Whether the figure's median meets its target (`null` when it has none or was not measured). */
export function meetsTarget(figure: Figure): boolean | null {
	const s = summarise(figure.samples);
	if (!figure.target || !s) return null;
	return 'max' in figure.target ? s.median <= figure.target.max : s.median >= figure.target.min;
}

export type Machine = {
	cpus: number;
	cpuModel: string;
	memoryGiB: number;
	node: string;
	platform: string;
	loadAverage: number[];
};

export function machineFacts(): Machine {
	return {
		cpus: availableParallelism(),
		cpuModel: cpus()[0]?.model ?? 'unknown',
		memoryGiB: Math.round(totalmem() / 2 ** 30),
		node: process.version,
		platform: `${process.platform} ${process.arch}`,
		loadAverage: loadavg().map((n) => Math.round(n * 100) / 100)
	};
}

/** The commit measured, and whether the working tree had changes on top of it. */
export function commitMeasured(): { commit: string; dirty: boolean } {
	try {
		const commit = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
		const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
			encoding: 'utf8'
		});
		return { commit, dirty: status.trim() !== '' };
	} catch {
		return { commit: 'unknown', dirty: false };
	}
}

/**
 * How a series grows with its dataset, from its smallest and largest measured points: the
 * exponent k in value ∝ size^k (1 is linear, below 1 better than linear, above 1 worse).
 */
export type Growth = {
	series: string;
	unit: Unit;
	/** The dataset key the series grows along, e.g. "cases". */
	along: string;
	points: { size: number; median: number }[];
	exponent: number;
	verdict: string;
};

export function growthOf(figures: Figure[]): Growth[] {
	const bySeries = new Map<string, Figure[]>();
	for (const f of figures) {
		if (!f.series || !f.dataset || f.samples.length === 0) continue;
		const list = bySeries.get(f.series) ?? [];
		list.push(f);
		bySeries.set(f.series, list);
	}
	const out: Growth[] = [];
	for (const [series, list] of bySeries) {
		const along = Object.keys(list[0]!.dataset!)[0]!;
		const points = list
			.map((f) => ({ size: f.dataset![along]!, median: summarise(f.samples)!.median }))
			.filter((p) => p.size > 0 && p.median > 0)
			.sort((a, b) => a.size - b.size);
		if (points.length < 2) continue;
		const first = points[0]!;
		const last = points.at(-1)!;
		const exponent = Math.log(last.median / first.median) / Math.log(last.size / first.size);
		out.push({
			series,
			unit: list[0]!.unit,
			along,
			points,
			exponent,
			verdict: verdictOf(exponent)
		});
	}
	return out;
}

function verdictOf(k: number): string {
	if (k < -0.15) return 'falls as the data grows';
	if (k < 0.15) return 'about constant';
	if (k < 0.85) return 'grows slower than the data (sublinear)';
	if (k <= 1.15) return 'grows with the data (linear)';
	return `grows faster than the data (worse than linear, exponent ${k.toFixed(2)})`;
}

export type Report = {
	startedAt: string;
	finishedAt: string;
	quick: boolean;
	commit: string;
	dirty: boolean;
	machine: Machine;
	/** Dataset sizes used, by entry. */
	datasets: Record<string, string>;
	figures: (Figure & { summary: Summary | null; meetsTarget: boolean | null })[];
	growth: Growth[];
};

export function buildReport(
	figures: Figure[],
	options: { startedAt: Date; quick: boolean; datasets: Record<string, string> }
): Report {
	return {
		startedAt: options.startedAt.toISOString(),
		finishedAt: new Date().toISOString(),
		quick: options.quick,
		...commitMeasured(),
		machine: machineFacts(),
		datasets: options.datasets,
		figures: figures.map((f) => ({
			...f,
			summary: summarise(f.samples),
			meetsTarget: meetsTarget(f)
		})),
		growth: growthOf(figures)
	};
}

const number = (n: number, unit: Unit) => {
	const digits = unit === 'ratio' || unit === 'score' ? 2 : Math.abs(n) >= 100 ? 0 : 1;
	return n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
};

const targetText = (t: Target | undefined, unit: Unit) =>
	!t ? '' : 'max' in t ? `≤ ${number(t.max, unit)}` : `≥ ${number(t.min, unit)}`;

const datasetText = (d: Record<string, number> | undefined) =>
	d
		? Object.entries(d)
				.map(([k, v]) => `${v.toLocaleString('en-GB')} ${k}`)
				.join(', ')
		: '';

const cell = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');

export function markdownOf(report: Report): string {
	const lines: string[] = [];
	const m = report.machine;
	lines.push(
		`# Benchmark results${report.quick ? ' (quick run)' : ''}`,
		'',
		`Commit \`${report.commit}\`${report.dirty ? ' (with uncommitted changes)' : ''}, ` +
			`${report.startedAt} to ${report.finishedAt}.`,
		'',
		`Machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}; ` +
			`load average at the end ${m.loadAverage.join(', ')}.`,
		'',
		'Each figure is the median of its runs, with the fastest and slowest run; "Target" is the',
		"issue's target for the median, and ✓ or ✗ whether it is met.",
		''
	);
	if (Object.keys(report.datasets).length > 0) {
		lines.push('## Datasets', '');
		for (const [entry, what] of Object.entries(report.datasets)) lines.push(`- ${entry}: ${what}`);
		lines.push('');
	}
	const entries = [...new Set(report.figures.map((f) => f.entry))];
	for (const entry of entries) {
		lines.push(
			`## ${entry}`,
			'',
			'| Figure | Data | Median | Min | Max | p95 | Runs | Target | |',
			'|---|---|--:|--:|--:|--:|--:|---|---|'
		);
		for (const f of report.figures.filter((x) => x.entry === entry)) {
			const s = f.summary;
			const verdict = f.meetsTarget === null ? '' : f.meetsTarget ? '✓' : '✗';
			const row = s
				? [
						`${number(s.median, f.unit)} ${f.unit}`,
						number(s.min, f.unit),
						number(s.max, f.unit),
						number(s.p95, f.unit),
						String(s.runs)
					]
				: [`not measured: ${f.notMeasured ?? 'no runs'}`, '', '', '', '0'];
			lines.push(
				`| ${cell(f.name)}${f.note ? ` (${cell(f.note)})` : ''} | ${datasetText(f.dataset)} | ${row.join(' | ')} | ${targetText(f.target, f.unit)} | ${verdict} |`
			);
		}
		lines.push('');
	}
	if (report.growth.length > 0) {
		lines.push(
			'## How the figures grow with the data',
			'',
			'From the smallest and largest sizes measured: the exponent k in figure ∝ size^k (1 is linear).',
			'',
			'| Series | Points (size: median) | k | Growth |',
			'|---|---|--:|---|'
		);
		for (const g of report.growth)
			lines.push(
				`| ${cell(g.series)} | ${g.points.map((p) => `${p.size.toLocaleString('en-GB')} ${g.along}: ${number(p.median, g.unit)} ${g.unit}`).join('; ')} | ${g.exponent.toFixed(2)} | ${g.verdict} |`
			);
		lines.push('');
	}
	return lines.join('\n');
}

/** Writes `latest.json` and `latest.md` into `dir` (by default `bench/results`). */
export async function writeReport(report: Report, dir = path.resolve('bench/results')) {
	await mkdir(dir, { recursive: true });
	await writeFile(path.join(dir, 'latest.json'), JSON.stringify(report, null, '\t') + '\n');
	await writeFile(path.join(dir, 'latest.md'), markdownOf(report));
	return { json: path.join(dir, 'latest.json'), markdown: path.join(dir, 'latest.md') };
}
