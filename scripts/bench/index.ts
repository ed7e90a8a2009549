/**
 * npm run bench — what users feel and how it grows with the work, measured (never asserted by
 * timed tests). Run it on an otherwise idle machine, after `npm run build`.
 *
 *   npm run bench                 every entry, full sizes and runs
 *   npm run bench -- --quick      every entry, fewer sizes and runs (under 10 minutes here)
 *   npm run bench -- overdue      only the entries whose name has that text (case-insensitive)
 *   npm run bench -- --tiny       tiny datasets and one run: checks the bench still starts
 *   npm run bench -- --out DIR    results somewhere other than bench/results
 *
 * Each entry gives figures (several runs each: median, min, max), printed as it goes and written
 * with the machine's facts and the commit measured to `bench/results/latest.json` and
 * `latest.md`. The run exits non-zero when a median misses its target.
 */
import {
	compliance,
	obligationsFor,
	type AttributedObligation,
	type CaseRecord,
	type Victim
} from '../../src/lib/domain';
import { generateCase, generateStaff } from '../../src/lib/server/seed/demo-data';
import { demoNow } from '../../src/lib/server/seed/demo-now';
import { Random } from '../../src/lib/server/seed/random';
import {
	caseloadOfCaseworker,
	firstSyncOfTeam,
	javascriptPerRole,
	overdueListOfTeam,
	victimPortal,
	type Measured
} from './first-sync';
import { dexieFloor } from './floor';
import { CATEGORIES, LIGHTHOUSE_PAGES, lighthouseOfPages, type Category } from './lighthouse';
import {
	ENGINES,
	ENGINES_IN_WORDS,
	incrementalFigures,
	incrementalSync,
	loadFigures,
	notMeasuredOn,
	serverUnderLoad
} from './load';
import { pouchdbPeer } from './peer';
import { buildReport, meetsTarget, summarise, writeReport, type Figure } from './report';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** Synthetic cases from the demo generator, in the shape the engine reads, with their caseworker. */
function demoCaseRecords(
	cases: number
): { record: CaseRecord; victim: Pick<Victim, 'enhancedRights'>; caseworkerId: string }[] {
	const now = demoNow(new Date());
	const rng = new Random(1);
	const options = { seed: 1, cases, teams: Math.ceil(cases / 1000), now };
	const { teams, caseworkersByTeam } = generateStaff(rng, options, 'unused');
	const out = [];
	for (let i = 0; i < cases; i++) {
		const t = i % teams.length;
		const b = generateCase({
			rng,
			now,
			teamId: teams[t]!.id,
			caseworkers: caseworkersByTeam[t]!,
			demoVictimCase: i === 0
		});
		out.push({
			record: {
				case: { id: b.case.id, reportedAt: iso(b.case.reportedAt)!, crimeType: b.case.crimeType },
				events: b.events.map((e) => ({
					id: e.id,
					kind: e.kind as CaseRecord['events'][number]['kind'],
					receivedAt: iso(e.receivedAt)!,
					custodyMonths: e.custodyMonths ?? null
				})),
				hearingChanges: b.hearingChanges.map((h) => ({
					id: h.id,
					changes: h.changes,
					receivedAt: iso(h.receivedAt)!
				})),
				contacts: b.contacts.map((c) => ({
					id: c.id,
					occurredAt: iso(c.occurredAt)!,
					outcome: c.outcome as CaseRecord['contacts'][number]['outcome'],
					informedObligations: c.informedObligations
				})),
				referrals: b.referrals.map((r) => ({
					id: r.id,
					madeAt: iso(r.madeAt),
					consent: r.consent,
					consentRecordedAt: iso(r.consentRecordedAt)
				})),
				waivers: b.waivers.map((w) => ({
					id: w.id,
					obligationKey: w.obligationKey ?? null,
					rule: w.rule ?? null,
					reason: w.reason,
					agreedBy: w.agreedBy,
					recordedAt: iso(w.recordedAt)!
				}))
			},
			victim: { enhancedRights: b.victim.enhancedRights },
			caseworkerId: b.case.assignedCaseworkerId
		});
	}
	return out;
}

// ——— Options ———

type Options = { quick: boolean; tiny: boolean; out: string | undefined };

function parseArgs(argv: string[]): Options & { only: string } {
	const words: string[] = [];
	let out: string | undefined;
	let quick = false;
	let tiny = false;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		if (arg === '--quick') quick = true;
		else if (arg === '--tiny') tiny = true;
		else if (arg === '--out') out = argv[++i];
		else if (arg.startsWith('--'))
			throw new Error(`Unknown option ${arg} (see scripts/bench/index.ts)`);
		else words.push(arg);
	}
	return { quick: quick || tiny, tiny, out, only: words.join(' ').toLowerCase() };
}

/** A size or count by mode: tiny (the bench's own test), quick, full. */
const pick = <T>(o: Options, tiny: T, quick: T, full: T): T =>
	o.tiny ? tiny : o.quick ? quick : full;

/** Times `runs` calls of `work` after one warm-up call (JIT and caches, as in a long-lived tab). */
function timeRuns(runs: number, work: () => unknown): number[] {
	work();
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		work();
		times.push(performance.now() - start);
	}
	return times;
}

// ——— Entries ———

type Entry = {
	name: string;
	/** The datasets it measures, in words, for the results. */
	datasets: (o: Options) => string;
	run: (o: Options) => Promise<Figure[]>;
};

const ENGINE = 'Domain engine';
const PAGES = 'Pages';

const entries: Entry[] = [
	{
		name: ENGINE,
		datasets: (o) =>
			`${pick(o, [20, 200], [1_500, 50_000], [1_500, 50_000])
				.map((n) => n.toLocaleString('en-GB'))
				.join(' and ')} ` + 'synthetic cases from the demo generator (seed 1), in memory',
		run: (o) => {
			const figures: Figure[] = [];
			const runs = pick(o, 1, 3, 5);
			for (const cases of pick(o, [20, 200], [1_500, 50_000], [1_500, 50_000])) {
				const inputs = demoCaseRecords(cases);
				const at = new Date().toISOString();
				const period = { from: new Date(Date.now() - 84 * 86_400_000).toISOString(), to: at };
				let obligations = 0;
				const obligationsOnly = () => {
					obligations = 0;
					for (const { record, victim } of inputs)
						obligations += obligationsFor(record, victim, at).length;
				};
				const withCompliance = () => {
					const items: AttributedObligation[] = [];
					for (const { record, victim, caseworkerId } of inputs)
						for (const obligation of obligationsFor(record, victim, at))
							items.push({ obligation, caseworkerId });
					return compliance(items, period, at);
				};
				const target = cases === 50_000 ? { max: 2_000 } : undefined;
				figures.push(
					{
						entry: ENGINE,
						name: 'obligations of every case',
						series: 'Engine: obligations',
						dataset: { cases },
						unit: 'ms',
						samples: timeRuns(runs, obligationsOnly),
						target,
						note: `${obligations.toLocaleString('en-GB')} obligations`
					},
					{
						entry: ENGINE,
						name: 'obligations and compliance (12 weeks, by rule, caseworker and week)',
						series: 'Engine: obligations and compliance',
						dataset: { cases },
						unit: 'ms',
						samples: timeRuns(runs, withCompliance),
						target
					}
				);
			}
			return Promise.resolve(figures);
		}
	},
	{
		name: 'First sync into the browser',
		datasets: (o) =>
			`a supervisor's team of ${pick(o, [60], [150, 1_500], [150, 1_500, 5_000])
				.map((n) => n.toLocaleString('en-GB'))
				.join(', ')} demo cases (seed 7) on the embedded database; the peer and the floor ` +
			'are given the rows the hub stored in its first run',
		run: async (o) => {
			const entry = 'First sync into the browser';
			const figures: Figure[] = [];
			const megabytes = (bytes: number | null) => (bytes === null ? [] : [bytes / 1_000_000]);
			const perSecond = (runs: Measured[]) => runs.map((r) => r.stored / (r.ms / 1000));
			const stored = (runs: Measured[]) =>
				[...new Set(runs.map((r) => r.stored))].map((n) => n.toLocaleString('en-GB')).join(' or ');
			const notes = (runs: Measured[]) => [...new Set(runs.map((r) => r.note))].join('; ');
			const mb = (runs: Measured[]) =>
				summarise(runs.flatMap((r) => megabytes(r.indexedDbBytes)))?.median.toFixed(1) ?? '?';
			// The peer tries PouchDB's default batch size and larger ones on the smallest team, and
			// replicates the larger teams with the fastest (see pouchdbPeer).
			const peerBatchSizes = [null, 500, 2_000];
			const peer = pouchdbPeer(pick(o, [2_000], peerBatchSizes, peerBatchSizes));
			for (const cases of pick(o, [60], [150, 1_500], [150, 1_500, 5_000])) {
				// Three runs of each size in the full run, but one of 5,000 cases: hub, peer and floor
				// take about four minutes together there (the runs say how many each figure had).
				const runs = cases >= 5_000 ? 1 : pick(o, 1, 1, 3);
				const run = await firstSyncOfTeam(cases, runs, [peer, dexieFloor]);
				const { hub } = run;
				const [peerRuns, floor] = run.contenders as [Measured[], Measured[]];
				const synced = summarise(hub.flatMap((r) => (r.syncedMs === null ? [] : [r.syncedMs])));
				const at1500 = <T>(target: T) => (cases === 1_500 ? target : undefined);
				figures.push(
					{
						entry,
						name: 'hub: signing in to the team’s list painted after the first sync',
						series: 'First sync: hub time',
						dataset: { cases },
						unit: 'ms',
						samples: hub.map((r) => r.ms),
						target: at1500({ max: 10_000 }),
						note:
							`${stored(hub)} rows stored; the device recorded the sync finished ` +
							`${synced ? `${Math.round(synced.median)} ms` : '(not recorded)'} after signing in`
					},
					{
						entry,
						name: 'hub: rows stored per second',
						series: 'First sync: hub rows per second',
						dataset: { cases },
						unit: 'rows/s',
						samples: perSecond(hub)
					},
					{
						entry,
						name: 'hub: IndexedDB size',
						series: 'First sync: hub IndexedDB size',
						dataset: { cases },
						unit: 'MB',
						samples: hub.flatMap((r) => megabytes(r.indexedDbBytes)),
						note:
							'the origin’s IndexedDB usage as Chromium’s quota manager counts it (decimal MB), ' +
							'just after the list is painted: its on-disk store is not compacted yet, so it varies'
					},
					{
						entry,
						name: 'peer: PouchDB replication from express-pouchdb into IndexedDB',
						series: 'First sync: peer time',
						dataset: { cases },
						unit: 'ms',
						samples: peerRuns.map((r) => r.ms),
						note: `${stored(peerRuns)} docs stored, ${mb(peerRuns)} MB of IndexedDB; ${notes(peerRuns)}`
					},
					{
						entry,
						name: 'peer: documents stored per second',
						series: 'First sync: peer docs per second',
						dataset: { cases },
						unit: 'rows/s',
						samples: perSecond(peerRuns)
					},
					{
						entry,
						name: 'floor: one JSON fetch and one Dexie bulkPut per table',
						series: 'First sync: floor time',
						dataset: { cases },
						unit: 'ms',
						samples: floor.map((r) => r.ms),
						note: `${stored(floor)} rows stored, ${mb(floor)} MB of IndexedDB; ${notes(floor)}`
					},
					{
						entry,
						name: 'hub/peer time',
						series: 'First sync: hub/peer time',
						dataset: { cases },
						unit: 'ratio',
						samples: hub.map((r, i) => r.ms / peerRuns[i]!.ms),
						target: at1500({ max: 0.333 }),
						note: 'each run’s hub time over the same run’s peer time'
					},
					{
						entry,
						name: 'hub/floor time',
						series: 'First sync: hub/floor time',
						dataset: { cases },
						unit: 'ratio',
						samples: hub.map((r, i) => r.ms / floor[i]!.ms),
						target: at1500({ max: 2 }),
						note: 'each run’s hub time over the same run’s floor time'
					}
				);
			}
			return figures;
		}
	},
	{
		name: 'Incremental sync',
		datasets: (o) =>
			`the device of one of the six caseworkers of a team of ${pick(o, 60, 900, 900)} demo ` +
			`cases (seed 7) pushing 1, 10 and 100 contacts in one request, then pulling them, ` +
			`${pick(o, 2, 10, 30)} times each after one warm-up, on ${ENGINES_IN_WORDS}`,
		run: async (o) => {
			const figures: Figure[] = [];
			for (const engine of ENGINES) {
				try {
					const runs = await incrementalSync(engine, {
						cases: pick(o, 60, 900, 900),
						sizes: [1, 10, 100],
						runs: pick(o, 2, 10, 30)
					});
					figures.push(...incrementalFigures('Incremental sync', engine, runs));
				} catch (e) {
					figures.push(notMeasuredOn('Incremental sync', engine, e));
				}
			}
			return figures;
		}
	},
	{
		name: 'Server under load',
		datasets: (o) =>
			`${pick(o, '5', '50, 200 and 500', '50, 200 and 500')} simulated devices for ` +
			`${pick(o, 3, 10, 30)} s each, looping pull, push of one contact, pull (autocannon on ` +
			`loopback), sharing the sessions of the ${pick(o, 6, 12, 12)} caseworkers of ` +
			`${pick(o, 60, 1_800, 1_800).toLocaleString('en-GB')} demo cases in ${pick(o, 1, 2, 2)} ` +
			`team${pick(o, '', 's', 's')} (seed 7), on ${ENGINES_IN_WORDS}`,
		run: async (o) => {
			const figures: Figure[] = [];
			for (const engine of ENGINES) {
				try {
					const runs = await serverUnderLoad(engine, {
						cases: pick(o, 60, 1_800, 1_800),
						teams: pick(o, 1, 2, 2),
						clientCounts: pick(o, [5], [50, 200, 500], [50, 200, 500]),
						seconds: pick(o, 3, 10, 30)
					});
					figures.push(
						...loadFigures('Server under load', engine, runs, {
							p95Ms: { max: 100 },
							at: { engine: 'PostgreSQL', clients: 200 }
						})
					);
				} catch (e) {
					figures.push(notMeasuredOn('Server under load', engine, e));
				}
			}
			return figures;
		}
	},
	{
		name: PAGES,
		datasets: (o) =>
			`the caseload of a caseworker in a team of ${pick(o, 60, 900, 900)} demo cases; the overdue list of a team ` +
			`of ${pick(o, 100, 1_500, 1_500).toLocaleString('en-GB')}; JavaScript per role and the victim's portal ` +
			"on a team of 60; Lighthouse on a team of 900 (about 150 of them the caseworker's)",
		run: async (o) => {
			const figures: Figure[] = [];
			const runs = pick(o, 1, 3, 5);

			// The caseworker's home: about 150 cases when the team has 900 (six caseworkers).
			const caseload = await caseloadOfCaseworker(pick(o, 60, 900, 900), runs);
			figures.push(
				{
					entry: PAGES,
					name: 'caseload: opened (reload until every row is shown)',
					dataset: { cases: caseload.rows },
					unit: 'ms',
					samples: caseload.openMs,
					target: { max: 1_000 }
				},
				{
					entry: PAGES,
					name: 'caseload: read from the device to every row painted',
					dataset: { cases: caseload.rows },
					unit: 'ms',
					samples: caseload.readToDrawnMs,
					target: { max: 300 }
				},
				{
					entry: PAGES,
					name: 'caseload: narrowed by a search (input to painted frame)',
					dataset: { cases: caseload.rows },
					unit: 'ms',
					samples: caseload.searchMs,
					target: { max: 100 }
				}
			);

			// The supervisor's overdue list (issue 7): from the team's read on the device to the list
			// painted, once a reload's sync has ended; and from the reload, for information.
			const overdue = await overdueListOfTeam(pick(o, 100, 1_500, 1_500), runs);
			figures.push(
				{
					entry: PAGES,
					name: 'overdue list: team read from the device to the list painted',
					dataset: { cases: overdue.cases },
					unit: 'ms',
					samples: overdue.readToPaintMs,
					target: { max: 300 },
					note: `${overdue.listed.toLocaleString('en-GB')} overdue or due soon, first ${overdue.rows} drawn`
				},
				{
					entry: PAGES,
					name: 'overdue list: reload to the list painted (app start, sync, read)',
					dataset: { cases: overdue.cases },
					unit: 'ms',
					samples: overdue.loadMs
				}
			);

			// The victim's portal (issue 6): under 80 kB of JavaScript per page, gzipped.
			for (const { path, jsGzipBytes, loadMs } of await victimPortal())
				figures.push(
					{
						entry: PAGES,
						name: `victim portal ${path}: JavaScript, gzipped`,
						unit: 'kB',
						samples: [jsGzipBytes / 1024],
						target: { max: 80 }
					},
					{
						entry: PAGES,
						name: `victim portal ${path}: usable on a slow phone`,
						unit: 'ms',
						samples: [loadMs]
					}
				);

			// The JavaScript of each role's home, gzipped (the victim's under 80 kB, issue 6).
			for (const { role, path, jsGzipBytes } of await javascriptPerRole())
				figures.push({
					entry: PAGES,
					name: `JavaScript of the ${role} home (${path}), gzipped`,
					unit: 'kB',
					samples: [jsGzipBytes / 1024],
					target: role === 'victim' ? { max: 80 } : undefined
				});

			// Lighthouse 12 (issues 8 and 9): the thresholds apply to the default, mobile runs (a
			// mid-range phone on slow 4G with a 4x slower CPU, simulated); desktop is for information.
			const lighthouse = await lighthouseOfPages(pick(o, 1, 2, 5), pick(o, 0, 0, 1));
			const thresholds: Record<Category, number> = {
				performance: 0.9,
				accessibility: 1,
				'best-practices': 0.95
			};
			for (const page of LIGHTHOUSE_PAGES)
				for (const preset of ['mobile', 'desktop'] as const) {
					const runsOf = lighthouse.filter((r) => r.page === page && r.preset === preset);
					if (runsOf.length === 0) continue;
					for (const category of CATEGORIES)
						figures.push({
							entry: PAGES,
							name: `Lighthouse ${preset}, ${page}: ${category}`,
							unit: 'score',
							samples: runsOf.map((r) => r.scores[category]),
							target: preset === 'mobile' ? { min: thresholds[category] } : undefined,
							note: runsOf.every((r) => r.scores[category] >= thresholds[category])
								? undefined
								: `short of it: ${[...new Set(runsOf.flatMap((r) => r.shortfalls[category]))].slice(0, 3).join('; ')}`
						});
				}
			console.log(`INFO  Lighthouse reports: ${lighthouse.map((r) => r.reportPath).join(' ')}`);
			return figures;
		}
	}
];

// ——— Run ———

const options = parseArgs(process.argv.slice(2));
const startedAt = new Date();
const figures: Figure[] = [];
const datasets: Record<string, string> = {};
for (const entry of entries.filter((e) => e.name.toLowerCase().includes(options.only))) {
	console.log(`\n${entry.name}`);
	datasets[entry.name] = entry.datasets(options);
	let measured: Figure[];
	try {
		measured = await entry.run(options);
	} catch (e) {
		// Said in the results, not lost: the other entries still run.
		const why = e instanceof Error ? e.message.split('\n')[0]! : String(e);
		console.log(`FAIL  ${entry.name}: could not be measured: ${why}`);
		measured = [
			{ entry: entry.name, name: 'every figure', unit: 'ms', samples: [], notMeasured: why }
		];
	}
	for (const f of measured) console.log(lineOf(f));
	figures.push(...measured);
}

function lineOf(f: Figure): string {
	const s = summarise(f.samples);
	if (!s) return `FAIL  ${f.entry}, ${f.name}: not measured: ${f.notMeasured ?? 'no runs'}`;
	const ok = meetsTarget(f);
	const round = (n: number) =>
		f.unit === 'score' || f.unit === 'ratio' ? n.toFixed(2) : n.toFixed(n < 100 ? 1 : 0);
	const data = f.dataset
		? ` [${Object.entries(f.dataset)
				.map(([k, v]) => `${v} ${k}`)
				.join(', ')}]`
		: '';
	const target = f.target
		? `; target ${'max' in f.target ? '≤' : '≥'} ${'max' in f.target ? f.target.max : f.target.min}`
		: '';
	return (
		`${ok === null ? 'INFO' : ok ? 'PASS' : 'FAIL'}  ${f.entry}, ${f.name}${data}: median ${round(s.median)} ${f.unit} ` +
		`(min ${round(s.min)}, max ${round(s.max)}, ${s.runs} runs${target})${f.note ? `; ${f.note}` : ''}`
	);
}

const report = buildReport(figures, { startedAt, quick: options.quick, datasets });
const written = await writeReport(report, options.out);
for (const g of report.growth)
	console.log(`INFO  ${g.series}: ${g.verdict} (k = ${g.exponent.toFixed(2)})`);
console.log(`\nResults: ${written.markdown} and ${written.json}`);
const missed = report.figures.filter((f) => f.meetsTarget === false || f.summary === null).length;
process.exit(missed ? 1 : 0);
