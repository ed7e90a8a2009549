/**
 * The sync server's own benches (issue 9), against the built server on PGlite (its embedded
 * database) and on PostgreSQL (a bench database made for the run and dropped after it):
 *
 * - incremental sync: one device pushes 1, 10 or 100 changes in one request, then pulls what
 *   they became from where it was before the push;
 * - the server under load: tens to hundreds of simulated devices (autocannon connections on
 *   loopback), each looping pull → push of one change → pull for a bounded time.
 *
 * Devices sign in through the real form (argon2), so each demo caseworker signs in once and the
 * simulated devices share those sessions, each with its own client id and sequence numbers: many
 * devices of few people, which is also what the server sees of people who work on several.
 */
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { newId, type PushedMutation } from '../../src/lib/domain';
import { DEMO_STAFF } from '../../src/lib/server/seed/names';
import { withBenchServer } from './first-sync';
import type { Figure, Target } from './report';
import {
	contactMutation,
	pullAll,
	PULL_LIMIT,
	pushBatch,
	signInOverHttp,
	type PullPosition,
	type SyncSession
} from './sync-client';

export type Engine = 'PGlite' | 'PostgreSQL';
export const ENGINES: Engine[] = ['PGlite', 'PostgreSQL'];
export const ENGINES_IN_WORDS =
	'PGlite (embedded in the server, without planner statistics, as the app runs it) and ' +
	'PostgreSQL (a bench database, statistics gathered after seeding, as autovacuum would)';

/** The PostgreSQL server benches make their database on (as the storage tests do). */
const POSTGRES_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh, empty PostgreSQL database for `work`, dropped afterwards whatever happens. */
async function withBenchDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
	const admin = postgres(POSTGRES_URL, { max: 1, connect_timeout: 5, onnotice: () => {} });
	const name = `vch_bench_load_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
	try {
		await admin.unsafe(`create database ${name}`);
		const url = new URL(POSTGRES_URL);
		url.pathname = `/${name}`;
		return await work(url.toString());
	} finally {
		await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
		await admin.end({ timeout: 5 });
	}
}

/**
 * The bench's server: its port, its process id when it can be told (Linux), for its memory, and
 * its PostgreSQL database (null on PGlite), for checking what it stored.
 */
export type BenchServer = { port: string; pid: number | null; databaseUrl: string | null };

/** The built server on a fresh database of the engine, seeded with `cases` demo cases in `teams`. */
export function withServerOn<T>(
	engine: Engine,
	cases: number,
	teams: number,
	work: (server: BenchServer) => Promise<T>
): Promise<T> {
	const ready = async (port: string, databaseUrl: string | null) =>
		work({ port, pid: await untilAnswering(port), databaseUrl });
	if (engine === 'PGlite') return withBenchServer(cases, (port) => ready(port, null), { teams });
	return withBenchDatabase((databaseUrl) =>
		withBenchServer(
			cases,
			async (port) => {
				await gatherStatistics(databaseUrl);
				return ready(port, databaseUrl);
			},
			{ databaseUrl, teams }
		)
	);
}

/**
 * Waits up to two minutes for the server to answer (`withBenchServer` stops waiting after twenty
 * seconds, and on a busy machine the embedded database can take longer to open), and makes sure
 * what answers is this bench's server, not another program that had the port first.
 */
async function untilAnswering(port: string): Promise<number | null> {
	const deadline = Date.now() + 120_000;
	while (Date.now() < deadline) {
		const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
			(r) => r.ok,
			() => false
		);
		if (ok) {
			const pid = childListeningOn(port);
			if (pid === null && existsSync('/proc/net/tcp'))
				throw new Error(`Port ${port} is another program's: the bench's server could not listen`);
			return pid;
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`The server on port ${port} did not answer within two minutes`);
}

/** The child of this process that listens on `port`, from Linux's /proc (null elsewhere). */
function childListeningOn(port: string): number | null {
	const hexPort = `:${Number(port).toString(16).toUpperCase().padStart(4, '0')}`;
	const listening = new Set<string>();
	for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
		if (!existsSync(table)) continue;
		for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
			// sl, local address, remote address, state (0A: listening), …, inode (the tenth field)
			const fields = line.trim().split(/\s+/);
			if (fields[1]?.endsWith(hexPort) && fields[3] === '0A')
				listening.add(`socket:[${fields[9]}]`);
		}
	}
	if (listening.size === 0 || !existsSync('/proc/self')) return null;
	for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
		try {
			const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
			if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== process.pid) continue;
			for (const fd of readdirSync(`/proc/${pid}/fd`))
				if (listening.has(readlinkSync(`/proc/${pid}/fd/${fd}`))) return Number(pid);
		} catch {
			// The process ended while being read: not the server, which is still answering.
		}
	}
	return null;
}

/**
 * Plans as a database in service has them: PostgreSQL's autovacuum gathers statistics about a
 * minute after a bulk load such as the seed, and without them the planner reads whole tables
 * (contacts, rights records) for every pull. The embedded database has no autovacuum, and the
 * app never runs ANALYZE, so PGlite is measured as it really runs: without statistics.
 */
async function gatherStatistics(databaseUrl: string) {
	const sql = postgres(databaseUrl, { max: 1, connect_timeout: 5, onnotice: () => {} });
	try {
		await sql`analyze`;
	} finally {
		await sql.end({ timeout: 5 });
	}
}

/** The demo caseworkers' sign-ins: six staff a team, the first team's without a team suffix. */
export function caseworkerEmails(teams: number): string[] {
	const emails: string[] = [];
	for (let t = 0; t < teams; t++)
		for (const person of DEMO_STAFF)
			if (person.role === 'caseworker')
				emails.push(t === 0 ? person.email : person.email.replace('@', `.team${t + 1}@`));
	return emails;
}

/** The value at quantile `q` of sorted values (nearest rank, as `summarise` takes its p95). */
export function quantile(sorted: number[], q: number): number {
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** A process's resident memory in MB (for PGlite it includes the database, which runs inside it). */
export function residentMB(pid: number | null): number | null {
	if (pid === null) return null;
	try {
		const kB = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
		return kB ? Math.round(Number(kB) / 1024) : null;
	} catch {
		return null;
	}
}

/** An engine that could not be measured (PostgreSQL unreachable, a failed run): said, not lost. */
export function notMeasuredOn(entry: string, engine: Engine, error: unknown): Figure {
	// fetch says only "fetch failed"; its cause says why (refused, reset, timed out).
	const cause =
		error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
	const why = error instanceof Error ? error.message.split('\n')[0]! + cause : String(error);
	return { entry, name: `${engine}: every figure`, unit: 'ms', samples: [], notMeasured: why };
}

// ——— Incremental sync ———

export type IncrementalRuns = {
	mutations: number;
	pushMs: number[];
	pullMs: number[];
	/** How many cases the device holds. */
	cases: number;
};

/**
 * One caseworker's device, its data already pulled: for each batch size, `runs` times (after one
 * untimed warm-up), a push of that many new contacts in one request, then a pull from the
 * position before the push, which must bring back exactly those contacts.
 */
export function incrementalSync(
	engine: Engine,
	options: { cases: number; sizes: number[]; runs: number }
): Promise<IncrementalRuns[]> {
	return withServerOn(engine, options.cases, 1, async ({ port }) => {
		const session = await signInOverHttp(port, 'caseworker@demo.test');
		let position = (await pullAll(session, { cursor: null, scopeHash: null, caseIds: [] })).to;
		if (position.caseIds.length === 0) throw new Error('The caseworker has no cases to work on');
		const clientId = newId();
		let seq = 0;
		const out: IncrementalRuns[] = [];
		for (const size of options.sizes) {
			const runs: IncrementalRuns = {
				mutations: size,
				pushMs: [],
				pullMs: [],
				cases: position.caseIds.length
			};
			for (let run = 0; run <= options.runs; run++) {
				const batch: PushedMutation[] = [];
				for (let i = 0; i < size; i++) {
					seq++;
					batch.push(contactMutation(seq, position.caseIds[seq % position.caseIds.length]!));
				}
				const push = await pushBatch(session, clientId, batch);
				const pull = await pullAll(session, position);
				const contacts = new Set((pull.rows.contacts ?? []).map((r) => r.id));
				const missing = batch.filter((m) => !contacts.has((m.args as { id: string }).id));
				if (missing.length > 0 || contacts.size !== size)
					throw new Error(
						`The pull after pushing ${size} contacts brought back ${contacts.size} contacts`
					);
				position = pull.to;
				if (run === 0) continue;
				runs.pushMs.push(push.ms);
				runs.pullMs.push(pull.ms);
			}
			out.push(runs);
		}
		return out;
	});
}

export function incrementalFigures(entry: string, engine: Engine, runs: IncrementalRuns[]) {
	const figures: Figure[] = [];
	for (const r of runs)
		figures.push(
			{
				entry,
				name: `${engine}: push of ${r.mutations} contact${r.mutations === 1 ? '' : 's'} in one request`,
				series: `Incremental sync, ${engine}: push`,
				dataset: { mutations: r.mutations },
				unit: 'ms',
				samples: r.pushMs,
				note: `the device holds ${r.cases} cases`
			},
			{
				entry,
				name: `${engine}: pull of the resulting changes`,
				series: `Incremental sync, ${engine}: pull`,
				dataset: { mutations: r.mutations },
				unit: 'ms',
				samples: r.pullMs
			}
		);
	return figures;
}

// ——— The server under load ———

type Kind = 'pull' | 'push';
const KINDS: Kind[] = ['pull', 'push'];

/** What the simulated devices saw during one run. */
type Tally = {
	/** Round-trip time of every answered request, by kind. */
	ms: Record<Kind, number[]>;
	/** Answers other than 2xx, by status. */
	statuses: Map<number, number>;
	/** Requests that got no answer (timeouts, connection errors). */
	unanswered: number;
	/** Mutations the server answered but did not apply (each should have been). */
	refused: number;
	/** 2xx answers whose body was not a sync answer. */
	unreadable: number;
	applied: number;
};

type PullAnswer = { cursor?: unknown; scope?: { caseIds?: unknown; hash?: unknown } | null };
type PushAnswer = { ackSeq?: unknown; results?: { status?: unknown }[] };

function parsed<T>(body: string): T | null {
	try {
		return JSON.parse(body) as T;
	} catch {
		return null;
	}
}

/**
 * One simulated device, as autocannon requests: pull → push of one contact → pull, over and over.
 * Its state (cursor, sequence numbers, a change not yet acknowledged) lives here, since autocannon
 * resets a connection's context each time its list of requests starts again.
 */
class SimulatedDevice {
	private readonly clientId = newId();
	private seq = 0;
	/** Sent again, as the app's outbox would, until the server acknowledges it. */
	private unacknowledged: PushedMutation | null = null;
	private nextCase: number;
	/** Which kind of request is in flight: autocannon allows one at a time per connection. */
	inFlight: Kind = 'pull';

	constructor(
		private readonly session: SyncSession,
		private position: PullPosition,
		private readonly tally: Tally
	) {
		this.nextCase = Math.floor(Math.random() * position.caseIds.length);
	}

	requests(): autocannon.Request[] {
		const pull: autocannon.Request = {
			method: 'POST',
			path: '/api/sync/pull',
			setupRequest: (request) => {
				this.inFlight = 'pull';
				const { cursor, scopeHash } = this.position;
				const body = JSON.stringify({ cursor, scopeHash, limit: PULL_LIMIT });
				return this.carrying(request, body);
			},
			onResponse: (status, body) => this.pulled(status, body)
		};
		const push: autocannon.Request = {
			method: 'POST',
			path: '/api/sync/push',
			setupRequest: (request) => {
				this.inFlight = 'push';
				this.unacknowledged ??= contactMutation(++this.seq, this.nextCaseId());
				const body = JSON.stringify({ clientId: this.clientId, mutations: [this.unacknowledged] });
				return this.carrying(request, body);
			},
			onResponse: (status, body) => this.pushed(status, body)
		};
		return [pull, push, pull];
	}

	/** A copy of the session's headers: autocannon writes each body's length into the object given. */
	private carrying(request: autocannon.Request, body: string): autocannon.Request {
		return { ...request, headers: { ...this.session.headers }, body };
	}

	private nextCaseId(): string {
		const { caseIds } = this.position;
		return caseIds[this.nextCase++ % caseIds.length]!;
	}

	private failed(status: number): boolean {
		if (status >= 200 && status < 300) return false;
		this.tally.statuses.set(status, (this.tally.statuses.get(status) ?? 0) + 1);
		return true;
	}

	private pulled(status: number, body: string) {
		if (this.failed(status)) return;
		const answer = parsed<PullAnswer>(body);
		if (!answer || typeof answer.cursor !== 'object' || answer.cursor === null) {
			this.tally.unreadable++;
			return;
		}
		const scope = answer.scope;
		this.position = {
			cursor: answer.cursor as PullPosition['cursor'],
			scopeHash: typeof scope?.hash === 'string' ? scope.hash : this.position.scopeHash,
			caseIds: Array.isArray(scope?.caseIds) ? (scope.caseIds as string[]) : this.position.caseIds
		};
	}

	private pushed(status: number, body: string) {
		if (this.failed(status)) return;
		const answer = parsed<PushAnswer>(body);
		const result = answer?.results?.[0];
		if (!answer || typeof answer.ackSeq !== 'number' || !result) {
			this.tally.unreadable++;
			return;
		}
		if (result.status === 'applied') this.tally.applied++;
		else this.tally.refused++;
		if (answer.ackSeq >= this.unacknowledged!.seq) this.unacknowledged = null;
	}
}

export type LoadRun = {
	clients: number;
	seconds: number;
	/** Answered requests of both kinds per second. */
	throughput: number;
	/** Round-trip times by kind, sorted. */
	ms: Record<Kind, number[]>;
	errors: number;
	/** What the errors were, in words. */
	errorsText: string;
	applied: number;
	rssBeforeMB: number | null;
	rssAfterMB: number | null;
};

/**
 * Each client count in turn against one server: `clients` simulated devices for `seconds`, each
 * starting from its caseworker's current position (caught up before each run, so the first pull
 * of a run does not fetch the previous run's changes).
 */
export function serverUnderLoad(
	engine: Engine,
	options: { cases: number; teams: number; clientCounts: number[]; seconds: number }
): Promise<LoadRun[]> {
	return withServerOn(engine, options.cases, options.teams, async (server) => {
		const start: PullPosition = { cursor: null, scopeHash: null, caseIds: [] };
		const caseworkers = await Promise.all(
			caseworkerEmails(options.teams).map(async (email) => ({
				session: await signInOverHttp(server.port, email),
				position: start
			}))
		);
		const catchUp = () =>
			Promise.all(
				caseworkers.map(async (c) => {
					c.position = (await pullAll(c.session, c.position)).to;
				})
			);
		const out: LoadRun[] = [];
		for (const clients of options.clientCounts) {
			await catchUp();
			out.push(await loadRun(server, caseworkers, clients, options.seconds));
		}
		// Let the last run's requests still in the server finish before it is stopped.
		await catchUp();
		return out;
	});
}

async function loadRun(
	server: BenchServer,
	caseworkers: { session: SyncSession; position: PullPosition }[],
	clients: number,
	seconds: number
): Promise<LoadRun> {
	const tally: Tally = {
		ms: { pull: [], push: [] },
		statuses: new Map(),
		unanswered: 0,
		refused: 0,
		unreadable: 0,
		applied: 0
	};
	const rssBeforeMB = residentMB(server.pid);
	let made = 0;
	const result = await new Promise<autocannon.Result>((resolve, reject) => {
		const options: autocannon.Options = {
			url: `http://127.0.0.1:${server.port}`,
			connections: clients,
			pipelining: 1,
			duration: seconds,
			// Seconds without an answer before a request counts as failed (autocannon's default).
			timeout: 10,
			setupClient: (client) => {
				const { session, position } = caseworkers[made++ % caseworkers.length]!;
				const device = new SimulatedDevice(session, position, tally);
				client.setRequests(device.requests());
				client.on('response', (_status: number, _bytes: number, ms: number) =>
					tally.ms[device.inFlight].push(ms)
				);
			}
		};
		const instance = autocannon(options, (error: unknown, done) =>
			error ? reject(new Error('autocannon failed', { cause: error })) : resolve(done)
		);
		instance.on('reqError', () => tally.unanswered++);
	});
	const rssAfterMB = residentMB(server.pid);

	const answered = tally.ms.pull.length + tally.ms.push.length;
	const problems = [
		...[...tally.statuses].map(([status, n]) => `${n} answered ${status}`),
		tally.unanswered && `${tally.unanswered} unanswered (timeout or connection error)`,
		tally.refused && `${tally.refused} mutations refused`,
		tally.unreadable && `${tally.unreadable} unreadable answers`
	].filter(Boolean);
	const errors =
		[...tally.statuses.values()].reduce((a, b) => a + b, 0) +
		tally.unanswered +
		tally.refused +
		tally.unreadable;
	return {
		clients,
		seconds: result.duration,
		throughput: answered / result.duration,
		ms: { pull: tally.ms.pull.sort((a, b) => a - b), push: tally.ms.push.sort((a, b) => a - b) },
		errors,
		errorsText: problems.length > 0 ? problems.join(', ') : 'none',
		applied: tally.applied,
		rssBeforeMB,
		rssAfterMB
	};
}

const PERCENTILES = [50, 95, 99] as const;

/** Throughput, p50/p95/p99 by kind (each from every request of the run) and errors, by client count. */
export function loadFigures(
	entry: string,
	engine: Engine,
	runs: LoadRun[],
	targets: { p95Ms: Target; at: { engine: Engine; clients: number } }
): Figure[] {
	const figures: Figure[] = [];
	for (const r of runs) {
		const dataset = { clients: r.clients };
		const memory =
			r.rssBeforeMB !== null && r.rssAfterMB !== null
				? `; server RSS ${r.rssBeforeMB} MB before, ${r.rssAfterMB} MB after`
				: '';
		figures.push({
			entry,
			name: `${engine}: throughput, ${r.clients} clients`,
			series: `Load, ${engine}: throughput`,
			dataset,
			unit: 'req/s',
			samples: [r.throughput],
			note:
				`${r.ms.pull.length} pulls and ${r.ms.push.length} pushes answered in ${r.seconds} s, ` +
				`${r.applied} contacts applied${memory}`
		});
		for (const kind of KINDS)
			for (const p of PERCENTILES) {
				const sorted = r.ms[kind];
				const targeted =
					p === 95 && engine === targets.at.engine && r.clients === targets.at.clients;
				figures.push({
					entry,
					name: `${engine}: ${kind} p${p}, ${r.clients} clients`,
					series: `Load, ${engine}: ${kind} p${p}`,
					dataset,
					unit: 'ms',
					samples: sorted.length > 0 ? [quantile(sorted, p / 100)] : [],
					notMeasured: sorted.length > 0 ? undefined : `no ${kind} was answered`,
					target: targeted ? targets.p95Ms : undefined,
					note: `of ${sorted.length} ${kind === 'push' ? 'pushes' : 'pulls'}`
				});
			}
		figures.push({
			entry,
			name: `${engine}: errors, ${r.clients} clients`,
			dataset,
			unit: 'count',
			samples: [r.errors],
			target: { max: 0 },
			note: r.errorsText
		});
	}
	return figures;
}
