/**
 * The load soak (issue 10, item 6): many devices syncing against the built server on PostgreSQL
 * for minutes, as people work — a change now and then, a sync every one to three seconds — to show
 * correctness and stability under load, not speed (the bench measures that, closed-loop):
 *
 * - zero errors: every request answered 2xx within 30 s, every change applied;
 * - zero lost: every change the server acknowledged is in its database, logged once;
 * - memory stable: the server's resident memory over the last fifth of the run is not above the
 *   second fifth's by more than SOAK_MEMORY_GROWTH (default 25 %) plus 16 MB of noise.
 *
 * `npm run build` first. Set by environment: SOAK_CLIENTS (200), SOAK_SECONDS (300), SOAK_CASES
 * (1,000), SOAK_TEAMS (4), SOAK_THINK_MS ("1000-3000"). Writes bench/results/soak-load.json and
 * exits 1 if a check fails. Devices share their caseworker's session, each with its own client
 * id and sequence numbers (as `scripts/bench/load.ts` does).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import postgres from 'postgres';
import {
	newId,
	PushResponse,
	type CreateReferralArgs,
	type PushedMutation
} from '../../src/lib/domain';
import { caseworkerEmails, quantile, residentMB, withServerOn } from '../bench/load';
import {
	contactMutation,
	post,
	pullAll,
	signInOverHttp,
	type PullPosition,
	type SyncSession
} from '../bench/sync-client';

const CLIENTS = Number(process.env.SOAK_CLIENTS ?? 200);
const SECONDS = Number(process.env.SOAK_SECONDS ?? 300);
const CASES = Number(process.env.SOAK_CASES ?? 1000);
const TEAMS = Number(process.env.SOAK_TEAMS ?? 4);
const [THINK_MIN, THINK_MAX] = (process.env.SOAK_THINK_MS ?? '1000-3000')
	.split('-')
	.map(Number) as [number, number];
const MEMORY_GROWTH = Number(process.env.SOAK_MEMORY_GROWTH ?? 0.25);
const MEMORY_NOISE_MB = 16;
const REQUEST_TIMEOUT_MS = 30_000;
const RESULTS = 'bench/results/soak-load.json';

type Tally = {
	requests: number;
	ms: { push: number[]; pull: number[] };
	/** Each failure in words, counted. */
	errors: Map<string, number>;
	/** Mutation id → what it wrote (contact or referral id), once the server acknowledged it applied. */
	acknowledged: Map<string, { table: 'contacts' | 'referrals'; id: string }>;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function fail(tally: Tally, what: string) {
	tally.errors.set(what, (tally.errors.get(what) ?? 0) + 1);
}

/** A request that gives up after 30 s: a hung server is an error here, not a stuck soak. */
function timed<T>(work: Promise<T>): Promise<T> {
	return Promise.race([
		work,
		sleep(REQUEST_TIMEOUT_MS).then(() => {
			throw new Error(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`);
		})
	]);
}

/** A referral to general support with the victim's consent: the other change staff make often. */
function referralMutation(seq: number, caseId: string): PushedMutation {
	const args: CreateReferralArgs = {
		id: newId(),
		caseId,
		serviceId: 'general-victim-support',
		consent: 'given',
		at: new Date().toISOString(),
		reason: ''
	};
	return { seq, id: newId(), name: 'referral.create', args };
}

/** One device: an outbox of changes it keeps sending until acknowledged, and a pull position. */
class Device {
	private readonly clientId = newId();
	private seq = 0;
	private outbox: PushedMutation[] = [];

	constructor(
		private readonly session: SyncSession,
		private position: PullPosition,
		private readonly tally: Tally
	) {}

	get clientIdForCheck() {
		return this.clientId;
	}

	/** Now and then a change: mostly a contact, sometimes a referral, sometimes nothing. */
	private work() {
		const { caseIds } = this.position;
		if (caseIds.length === 0) return;
		const roll = Math.random();
		const caseId = caseIds[Math.floor(Math.random() * caseIds.length)]!;
		if (roll < 0.6) this.outbox.push(contactMutation(++this.seq, caseId));
		else if (roll < 0.75) this.outbox.push(referralMutation(++this.seq, caseId));
	}

	async syncOnce(makeChanges: boolean) {
		if (makeChanges) this.work();
		if (this.outbox.length > 0) {
			const sent = this.outbox.slice(0, 100);
			try {
				this.tally.requests++;
				const answer = await timed(
					post(this.session, '/api/sync/push', { clientId: this.clientId, mutations: sent })
				);
				this.tally.ms.push.push(answer.ms);
				const parsed = PushResponse.safeParse(answer.body);
				if (answer.status !== 200 || !parsed.success) {
					fail(this.tally, `push answered ${answer.status}`);
					return;
				}
				for (const r of parsed.data.results) {
					const m = sent.find((x) => x.seq === r.seq)!;
					if (r.status !== 'applied') fail(this.tally, `a change was ${r.status}: ${r.reason}`);
					else
						this.tally.acknowledged.set(m.id, {
							table: m.name === 'contact.record' ? 'contacts' : 'referrals',
							id: (m.args as { id: string }).id
						});
				}
				this.outbox = this.outbox.filter((m) => m.seq > parsed.data.ackSeq);
			} catch (error) {
				fail(this.tally, `push failed: ${(error as Error).message}`);
				return;
			}
		}
		try {
			this.tally.requests++;
			const started = performance.now();
			this.position = (await timed(pullAll(this.session, this.position))).to;
			this.tally.ms.pull.push(performance.now() - started);
		} catch (error) {
			fail(this.tally, `pull failed: ${(error as Error).message}`);
		}
	}

	get waiting() {
		return this.outbox.length;
	}
}

type Sample = { atS: number; rssMB: number };

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted.length === 0 ? NaN : quantile(sorted, 0.5);
}

async function main() {
	const started = new Date();
	const result = await withServerOn('PostgreSQL', CASES, TEAMS, async (server) => {
		const tally: Tally = {
			requests: 0,
			ms: { push: [], pull: [] },
			errors: new Map(),
			acknowledged: new Map()
		};
		const start: PullPosition = { cursor: null, scopeHash: null, caseIds: [] };
		const caseworkers = await Promise.all(
			caseworkerEmails(TEAMS).map(async (email) => {
				const session = await signInOverHttp(server.port, email);
				return { session, position: (await pullAll(session, start)).to };
			})
		);
		const devices = Array.from({ length: CLIENTS }, (_, i) => {
			const { session, position } = caseworkers[i % caseworkers.length]!;
			return new Device(session, position, tally);
		});

		const samples: Sample[] = [];
		const t0 = performance.now();
		const sampler = setInterval(() => {
			const rssMB = residentMB(server.pid);
			if (rssMB !== null) samples.push({ atS: (performance.now() - t0) / 1000, rssMB });
		}, 2_000);
		const deadline = t0 + SECONDS * 1000;
		const think = () => THINK_MIN + Math.random() * (THINK_MAX - THINK_MIN);
		await Promise.all(
			devices.map(async (d) => {
				// Devices start spread over one think time, as people do not all press at once.
				await sleep(Math.random() * think());
				while (performance.now() < deadline) {
					await d.syncOnce(true);
					await sleep(think());
				}
			})
		);
		clearInterval(sampler);
		const rssEndMB = residentMB(server.pid);
		// The load stops; whatever is still waiting on a device is sent, as the app would.
		for (const d of devices) for (let i = 0; i < 3 && d.waiting > 0; i++) await d.syncOnce(false);
		const unsent = devices.reduce((n, d) => n + d.waiting, 0);
		if (unsent > 0) fail(tally, `${unsent} changes never acknowledged`);

		// Every acknowledged change is in the database, and the log holds each once, nothing more.
		const sql = postgres(server.databaseUrl!, { max: 1, onnotice: () => {} });
		let lost = 0;
		let logged = 0;
		try {
			const ids = [...tally.acknowledged.keys()];
			const clientIds = devices.map((d) => d.clientIdForCheck);
			const [log] = await sql<{ n: number }[]>`
				select count(*)::int as n from mutation_log
				where client_id = any(${clientIds}::uuid[]) and status = 'applied'`;
			logged = log!.n;
			const inLog = await sql<{ id: string }[]>`
				select id from mutation_log where id = any(${ids}::uuid[]) and status = 'applied'`;
			const byTable = { contacts: [] as string[], referrals: [] as string[] };
			for (const w of tally.acknowledged.values()) byTable[w.table].push(w.id);
			const [contacts] = await sql<{ n: number }[]>`
				select count(*)::int as n from contacts where id = any(${byTable.contacts}::uuid[])`;
			const [referrals] = await sql<{ n: number }[]>`
				select count(*)::int as n from referrals where id = any(${byTable.referrals}::uuid[])`;
			lost =
				ids.length -
				inLog.length +
				(byTable.contacts.length - contacts!.n) +
				(byTable.referrals.length - referrals!.n);
		} finally {
			await sql.end({ timeout: 5 });
		}

		const fifth = SECONDS / 5;
		const window = (from: number) =>
			median(samples.filter((s) => s.atS >= from && s.atS < from + fifth).map((s) => s.rssMB));
		const rssWarmMB = window(fifth);
		const rssLastMB = window(SECONDS - fifth);
		const memoryLimitMB = rssWarmMB * (1 + MEMORY_GROWTH) + MEMORY_NOISE_MB;
		const errors = [...tally.errors.values()].reduce((a, b) => a + b, 0);
		const all = [...tally.ms.push, ...tally.ms.pull].sort((a, b) => a - b);
		return {
			startedAt: started.toISOString(),
			engine: 'PostgreSQL',
			clients: CLIENTS,
			seconds: SECONDS,
			thinkMs: [THINK_MIN, THINK_MAX],
			cases: CASES,
			teams: TEAMS,
			requests: tally.requests,
			pushes: tally.ms.push.length,
			pulls: tally.ms.pull.length,
			mutationsAcknowledged: tally.acknowledged.size,
			mutationsLoggedApplied: logged,
			errors,
			errorsText: [...tally.errors].map(([what, n]) => `${n} × ${what}`),
			lost,
			p95Ms: {
				all: Math.round(quantile(all, 0.95)),
				push: Math.round(
					quantile(
						[...tally.ms.push].sort((a, b) => a - b),
						0.95
					)
				),
				pull: Math.round(
					quantile(
						[...tally.ms.pull].sort((a, b) => a - b),
						0.95
					)
				)
			},
			rssMB: {
				start: samples[0]?.rssMB ?? null,
				secondFifthMedian: rssWarmMB,
				lastFifthMedian: rssLastMB,
				end: rssEndMB,
				limit: Math.round(memoryLimitMB)
			},
			memoryStable: Number.isFinite(rssLastMB) && rssLastMB <= memoryLimitMB,
			samples
		};
	});

	const { samples: _samples, ...figures } = result;
	console.table({
		clients: figures.clients,
		'duration (s)': figures.seconds,
		requests: figures.requests,
		'mutations acknowledged': figures.mutationsAcknowledged,
		'mutations logged applied': figures.mutationsLoggedApplied,
		errors: figures.errors,
		lost: figures.lost,
		'p95 all (ms)': figures.p95Ms.all,
		'p95 push (ms)': figures.p95Ms.push,
		'p95 pull (ms)': figures.p95Ms.pull,
		'RSS start (MB)': figures.rssMB.start,
		'RSS 2nd fifth median (MB)': figures.rssMB.secondFifthMedian,
		'RSS last fifth median (MB)': figures.rssMB.lastFifthMedian,
		'RSS end (MB)': figures.rssMB.end
	});
	for (const line of figures.errorsText) console.log(`error: ${line}`);
	await mkdir('bench/results', { recursive: true });
	await writeFile(RESULTS, JSON.stringify(result, null, '\t') + '\n');
	console.log(`Written to ${RESULTS}`);

	const failures = [
		figures.errors > 0 && `${figures.errors} errors`,
		figures.lost > 0 && `${figures.lost} acknowledged changes missing from the database`,
		figures.mutationsLoggedApplied !== figures.mutationsAcknowledged &&
			`the log holds ${figures.mutationsLoggedApplied} applied changes from these devices, ` +
				`${figures.mutationsAcknowledged} were acknowledged`,
		!figures.memoryStable &&
			`server memory grew: ${figures.rssMB.lastFifthMedian} MB at the end against ` +
				`${figures.rssMB.secondFifthMedian} MB early on (limit ${figures.rssMB.limit} MB)`
	].filter(Boolean);
	if (failures.length > 0) {
		console.error(`Load soak FAILED: ${failures.join('; ')}`);
		process.exitCode = 1;
	} else console.log('Load soak passed: no errors, nothing lost, memory stable.');
}

await main();
