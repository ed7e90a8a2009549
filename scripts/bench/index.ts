/**
 * npm run bench — speed targets, measured (never asserted by timed tests).
 *
 * Each entry prints its median and best time over several runs against its target, and the run
 * exits non-zero when a median misses its target. Run it on an otherwise idle machine.
 * `npm run bench -- overdue` runs only the entries whose name has that text (case-insensitive).
 */
import { obligationsFor, type CaseRecord, type Victim } from '../../src/lib/domain';
import { generateCase, generateStaff } from '../../src/lib/server/seed/demo-data';
import { demoNow } from '../../src/lib/server/seed/demo-now';
import { Random } from '../../src/lib/server/seed/random';
import {
	caseloadOfCaseworker,
	firstSyncOfTeam,
	overdueListOfTeam,
	victimPortal
} from './first-sync';
import { CATEGORIES, lighthouseOfCaseload, type Category } from './lighthouse';

type Entry = { name: string; targetMs: number; runs: number; setup: () => () => number };

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** 50,000 synthetic cases from the demo generator, in the shape the engine reads. */
function demoCaseRecords(
	cases: number
): { record: CaseRecord; victim: Pick<Victim, 'enhancedRights'> }[] {
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
			victim: { enhancedRights: b.victim.enhancedRights }
		});
	}
	return out;
}

const entries: Entry[] = [
	{
		name: 'Code engine: obligations of 50,000 cases',
		targetMs: 2_000,
		runs: 5,
		setup: () => {
			const inputs = demoCaseRecords(50_000);
			const at = new Date().toISOString();
			return () => {
				let n = 0;
				for (const { record, victim } of inputs) n += obligationsFor(record, victim, at).length;
				return n;
			};
		}
	}
];

let missed = 0;
const only = process.argv.slice(2).join(' ').toLowerCase();
const wanted = (name: string) => name.toLowerCase().includes(only);

for (const entry of entries.filter((e) => wanted(e.name))) {
	const run = entry.setup();
	run(); // warm-up: JIT and caches, as in a long-running tab or server
	const times: number[] = [];
	let produced = 0;
	for (let i = 0; i < entry.runs; i++) {
		const start = performance.now();
		produced = run();
		times.push(performance.now() - start);
	}
	times.sort((a, b) => a - b);
	const median = times[Math.floor(times.length / 2)]!;
	const ok = median <= entry.targetMs;
	if (!ok) missed++;
	console.log(
		`${ok ? 'PASS' : 'FAIL'}  ${entry.name}: median ${median.toFixed(0)} ms, best ${times[0]!.toFixed(0)} ms ` +
			`(target ${entry.targetMs} ms; ${produced.toLocaleString('en-GB')} obligations)`
	);
}

// Whole-system entry: one measured run (it builds its own 1,500-case database and browser).
if (wanted('First sync of a 1,500-case team')) {
	const target = 10_000;
	const { ms, rows } = await firstSyncOfTeam(1_500);
	const ok = ms <= target;
	if (!ok) missed++;
	console.log(
		`${ok ? 'PASS' : 'FAIL'}  First sync of a 1,500-case team in Chromium: ${ms.toFixed(0)} ms ` +
			`(target ${target} ms; ${rows.toLocaleString('en-GB')} rows stored on the device)`
	);
}

// The caseworker's home with about 150 cases (a team of 900 shared by six caseworkers).
if (wanted('Caseload of a caseworker')) {
	const { openMs, searchMs, rows } = await caseloadOfCaseworker(900, 5);
	const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
	// Opening includes loading the app itself; a keystroke should answer within a frame or two.
	for (const [what, list, target] of [
		['open (reload until every row is shown)', openMs, 1_000],
		['narrow by a search (input to painted frame)', searchMs, 100]
	] as const) {
		const ok = median(list) <= target;
		if (!ok) missed++;
		console.log(
			`${ok ? 'PASS' : 'FAIL'}  Caseload of ${rows} cases, ${what}: median ${median(list).toFixed(0)} ms, ` +
				`best ${Math.min(...list).toFixed(0)} ms (target ${target} ms)`
		);
	}
}

// The supervisor's overdue list for a team of 1,500 cases (issue 7): from the start of the team's
// read from the device's IndexedDB, once a reload's sync has ended, to the first frame painted with
// the list (the app's own User Timing); and, for information, from the start of the reload.
if (wanted("Supervisor's overdue list, 1,500 cases")) {
	const target = 300;
	const r = await overdueListOfTeam(1_500, 5);
	const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
	const spread = (list: number[]) =>
		`median ${median(list).toFixed(0)} ms, best ${Math.min(...list).toFixed(0)} ms, ` +
		`worst ${Math.max(...list).toFixed(0)} ms`;
	const ok = median(r.readToPaintMs) <= target;
	if (!ok) missed++;
	console.log(
		`${ok ? 'PASS' : 'FAIL'}  Supervisor's overdue list, 1,500 cases, team read from the device to the list painted ` +
			`(after a reload's sync): ${spread(r.readToPaintMs)} (target ${target} ms; ` +
			`${r.listed.toLocaleString('en-GB')} overdue or due soon, first ${r.rows} drawn; ` +
			`${r.cases.toLocaleString('en-GB')} cases on the device)`
	);
	console.log(
		`INFO  Supervisor's overdue list, 1,500 cases, reload to the list painted (app start, sync, read): ` +
			`${spread(r.loadMs)} (no target)`
	);
}

// The victim's portal: small (issue 6: under 80 kB of JavaScript, gzipped, per page) and usable on
// a slow phone (4x slower CPU, Slow 4G network, no cache: every page loaded as if for the first time).
if (wanted('Victim portal')) {
	const budget = 80 * 1024;
	for (const { path, jsGzipBytes, loadMs } of await victimPortal()) {
		const ok = jsGzipBytes <= budget;
		if (!ok) missed++;
		console.log(
			`${ok ? 'PASS' : 'FAIL'}  Victim portal ${path}: ${(jsGzipBytes / 1024).toFixed(1)} kB of JavaScript gzipped ` +
				`(budget 80 kB); usable after ${loadMs.toFixed(0)} ms on a slow phone`
		);
	}
}

// Lighthouse 12 on the caseworker's caseload, signed in with the caseload on the device (issue 8).
// The thresholds apply to Lighthouse's default, mobile run (a mid-range phone on slow 4G with a 4x
// slower CPU, simulated): the stricter measure, and Lighthouse's default. Nothing documented says
// caseworkers use only laptops, so the desktop preset is reported for information only. Scores
// vary from run to run (most with the machine's load: the CPU time Lighthouse sees is scaled up
// 4x), so the mobile scores judged are those of the run with the median performance score of five.
if (wanted('Lighthouse, caseload page')) {
	const thresholds: Record<Category, number> = {
		performance: 0.9,
		accessibility: 1,
		'best-practices': 0.95
	};
	const runs = await lighthouseOfCaseload(5, 1);
	for (const [i, run] of runs.entries())
		console.log(
			`INFO  Lighthouse run ${i + 1} (${run.preset}): ` +
				CATEGORIES.map((c) => `${c} ${run.scores[c].toFixed(2)}`).join(', ') +
				`; benchmarkIndex ${run.benchmarkIndex.toFixed(0)}, load average ${run.load.average.toFixed(1)} ` +
				`on ${run.load.cpus} CPUs${run.warnings.map((w) => `; warning: ${w}`).join('')}`
		);
	const mobile = runs
		.filter((r) => r.preset === 'mobile')
		.sort((a, b) => a.scores.performance - b.scores.performance);
	const judged = mobile[Math.floor(mobile.length / 2)]!;
	for (const category of CATEGORIES) {
		const score = judged.scores[category];
		const ok = score >= thresholds[category];
		if (!ok) missed++;
		console.log(
			`${ok ? 'PASS' : 'FAIL'}  Lighthouse, caseload page (mobile, median of ${mobile.length}), ${category}: ` +
				`${score.toFixed(2)} (threshold ${thresholds[category]})`
		);
		if (!ok) for (const audit of judged.shortfalls[category]) console.log(`        - ${audit}`);
	}
	console.log(`INFO  Lighthouse reports: ${runs.map((r) => r.reportPath).join(' ')}`);
}

process.exit(missed ? 1 : 0);
