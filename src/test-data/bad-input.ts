import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { expect } from 'vitest';
import {
	ENHANCED_RIGHTS_ACTIONS,
	EnhancedRightsGroup,
	HearingChangeSource,
	HearingType,
	LONDON_COURTS,
	MUTATION_NAMES,
	RightStatus,
	type MutationName
} from '$lib/domain';
import type { SessionUser } from '$lib/server/auth/session';
import { setDatabase, type Database, type DatabaseHandle } from '$lib/server/db';
import * as s from '$lib/server/db/schema';
import { seedDemoData } from '$lib/server/seed/seed';
import { freshDatabase } from './databases';
import { invoke, type Answer, type Call } from './route-harness';

/**
 * Bad-input fuzzing (issue 10, item 2): fast-check makes malformed, oversized, wrongly typed,
 * unicode-heavy and deeply nested input for every endpoint, form action and sync mutation, sends
 * it through the route harness (the real handlers, as SvelteKit calls them), and checks that the
 * answer is never a 5xx, that a refusal is a 4xx whose body says what was wrong, and that a
 * refusal wrote nothing. `bad-input.spec.ts` runs a few cases of each; the soak, thousands.
 */

const NOW = new Date('2026-11-21T10:00:00.000Z');

/* ---------------------------------------------------------------------------------------------- */
/* Hostile values                                                                                   */

/** Strings that have broken servers: control characters, broken UTF-16, markup, SQL, huge. */
const NASTY = [
	'',
	' ',
	'\u0000',
	'a\u0000b',
	'\uD800',
	'\uDC00x',
	'\u202Eevil',
	'\uFEFF',
	'𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🏳️‍🌈 ﷽',
	'<script>alert(1)</script>',
	"'; drop table cases; --",
	'../../etc/passwd',
	'null',
	'undefined',
	'NaN',
	'-0',
	'1e999',
	'2026-02-30T25:61:00Z',
	'0190d000-0000-7000-8000-00000000000g',
	'__proto__',
	'constructor'
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
	fc.constantFrom(...NASTY),
	fc.string({ unit: 'binary', maxLength: 40 }),
	fc.string({ unit: 'grapheme', maxLength: 40 }),
	fc.string({ maxLength: 40 }),
	// Oversized: past every length limit the schemas set.
	fc.integer({ min: 2_001, max: 120_000 }).map((n) => 'x'.repeat(n))
);

const hostileNumber = fc.oneof(
	fc.integer(),
	fc.constantFrom(0, -1, 1.5, Number.MAX_SAFE_INTEGER + 2, -Number.MAX_VALUE, 1e308),
	fc.double({ noNaN: true, noDefaultInfinity: true })
);

/** Nested arrays and objects thousands deep: a recursive parser or a jsonb column may choke. */
const deeplyNested = fc
	.tuple(fc.integer({ min: 50, max: 3_000 }), fc.boolean())
	.map(([depth, arrays]) => {
		let v: unknown = 'bottom';
		for (let i = 0; i < depth; i++) v = arrays ? [v] : { a: v };
		return v;
	});

export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
	value: fc.oneof(
		{ depthSize: 'small', maxDepth: 3 },
		hostileString,
		hostileNumber,
		fc.boolean(),
		fc.constant(null),
		fc.array(tie('value'), { maxLength: 4 }),
		fc.dictionary(hostileString, tie('value'), { maxKeys: 4 })
	)
})).value;

const anyValue = fc.oneof(hostileValue, deeplyNested);

/** A valid object with one thing wrong: a field changed, removed, or a stranger added. */
function mutate(base: Record<string, unknown>): fc.Arbitrary<unknown> {
	const keys = Object.keys(base);
	return fc.oneof(
		fc.tuple(fc.constantFrom(...keys), anyValue).map(([k, v]) => ({ ...base, [k]: v })),
		fc.constantFrom(...keys).map((k) => {
			const { [k]: _dropped, ...rest } = base;
			return rest;
		}),
		fc.tuple(hostileString, anyValue).map(([k, v]) => ({ ...base, [k]: v })),
		fc.tuple(fc.constantFrom(...keys), fc.constantFrom(...keys)).map(([a, b]) => ({
			...base,
			[a]: base[b]
		})),
		anyValue
	);
}

/* ---------------------------------------------------------------------------------------------- */
/* The world the inputs are aimed at                                                                */

export type World = {
	handle: DatabaseHandle;
	caseworker: SessionUser;
	supervisor: SessionUser;
	victim: SessionUser;
	ids: {
		caseId: string;
		victimId: string;
		hearingId: string;
		hearingChangeId: string;
		referralId: string;
		serviceId: string;
		otherCaseworkerId: string;
	};
};

const sessionUser = (u: typeof s.users.$inferSelect): SessionUser => ({
	id: u.id,
	email: u.email,
	displayName: u.displayName,
	role: u.role,
	teamId: u.teamId,
	victimId: u.victimId
});

/** A small demo dataset; the demo victim's case is the one every input aims at. */
export async function openWorld(): Promise<World> {
	const handle = await freshDatabase('pglite');
	await seedDemoData(handle.db, { seed: 5, cases: 12, teams: 1, now: NOW });
	setDatabase(handle);
	const db = handle.db;
	const user = async (email: string) =>
		sessionUser((await db.select().from(s.users).where(eq(s.users.email, email)))[0]!);
	const victim = await user('victim@demo.test');
	const [c] = await db.select().from(s.cases).where(eq(s.cases.victimId, victim.victimId!));
	const [cw] = await db.select().from(s.users).where(eq(s.users.id, c!.assignedCaseworkerId));
	const [other] = await db.select().from(s.users).where(eq(s.users.email, 'caseworker2@demo.test'));
	const [hearing] = await db.select().from(s.hearings).where(eq(s.hearings.caseId, c!.id)).limit(1);
	const [change] = await db
		.select()
		.from(s.hearingChanges)
		.where(eq(s.hearingChanges.caseId, c!.id))
		.limit(1);
	const [referral] = await db.select().from(s.referrals).limit(1);
	const [service] = await db.select().from(s.supportServices).limit(1);
	return {
		handle,
		caseworker: sessionUser(cw!),
		supervisor: await user('supervisor@demo.test'),
		victim,
		ids: {
			caseId: c!.id,
			victimId: victim.victimId!,
			hearingId: hearing!.id,
			hearingChangeId: change!.id,
			referralId: referral!.id,
			serviceId: service!.id,
			otherCaseworkerId: other!.id
		}
	};
}

/** Every mutation kind, as a device would send it correctly: the fuzzer breaks one thing. */
function validArgs(w: World, name: MutationName): Record<string, unknown> {
	const at = '2026-11-20T10:00:00.000Z';
	const { caseId, victimId, hearingId, hearingChangeId, referralId, serviceId } = w.ids;
	switch (name) {
		case 'contact.record':
			return {
				id: uuidv7(),
				caseId,
				occurredAt: at,
				channel: 'phone',
				direction: 'outbound',
				outcome: 'reached',
				summary: 'Told them the new trial date.',
				informedObligations: [],
				amendsContactId: null,
				recordedAt: at
			};
		case 'hearing.add':
			return {
				id: uuidv7(),
				caseId,
				changeId: uuidv7(),
				courtId: LONDON_COURTS[0]!.id,
				courtroom: '3',
				type: HearingType.options[0],
				startsAt: '2027-01-10T10:00:00.000Z',
				source: HearingChangeSource.options[0],
				receivedAt: at
			};
		case 'hearing.update':
			return {
				hearingId,
				baseVersion: 0,
				changeId: uuidv7(),
				values: { courtroom: '4' },
				reason: 'The court moved it.',
				source: HearingChangeSource.options[0],
				receivedAt: at
			};
		case 'hearing.acknowledge':
			return { caseId, hearingChangeId, acknowledgementId: uuidv7(), acknowledgedAt: at };
		case 'victim.update':
			return {
				victimId,
				caseId,
				baseVersion: 0,
				changeId: uuidv7(),
				values: { interpreterNeeded: true },
				changedAt: at
			};
		case 'victim.enhancedRights':
			return {
				victimId,
				caseId,
				action: ENHANCED_RIGHTS_ACTIONS[0],
				group: EnhancedRightsGroup.options[0],
				reason: 'Persistently targeted.',
				at
			};
		case 'referral.create':
			return { id: uuidv7(), caseId, serviceId, consent: 'given', at, reason: '', notes: 'n' };
		case 'referral.move':
			return { referralId, to: 'made', at, reason: '' };
		case 'right.update':
			return {
				id: uuidv7(),
				caseId,
				rightNumber: 1,
				status: RightStatus.options[0],
				evidence: '',
				detail: null,
				baseVersion: 0,
				at
			};
		case 'conflict.resolve':
			return { conflictId: uuidv7(), keep: 'server', changeId: uuidv7() };
	}
}

/* ---------------------------------------------------------------------------------------------- */
/* Targets                                                                                          */

export type Target = {
	name: string;
	routeId: string;
	kind: string;
	user: (w: World) => SessionUser | null;
	input: (w: World) => fc.Arbitrary<Call>;
	/** Checks a password (Argon2, slow on purpose): the soak gives it fewer cases. */
	hashes?: true;
};

const JSON_CONTENT = { 'content-type': 'application/json' };

/** A JSON body: a mutated valid one, any value at all, or text that is not JSON. */
function jsonBody(method: string, path: string, valid: fc.Arbitrary<Record<string, unknown>>) {
	return fc.oneof(
		valid.chain(mutate).map((json): Call => ({ method, path, json })),
		anyValue.map((json): Call => ({ method, path, json })),
		hostileString.map((rawJson): Call => ({ method, path, rawJson, headers: JSON_CONTENT })),
		fc
			.tuple(valid, fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', ''))
			.map(([json, type]): Call => ({ method, path, json, headers: { 'content-type': type } }))
	);
}

/** A form: the expected fields with hostile values, some missing, some repeated, some strange. */
function formBody(method: string, path: string, fields: readonly string[]) {
	return fc
		.tuple(
			fc.dictionary(fc.constantFrom(...fields), hostileString, { maxKeys: fields.length }),
			fc.dictionary(hostileString, hostileString, { maxKeys: 2 })
		)
		.map(([known, extra]): Call => ({ method, path, form: { ...extra, ...known } }));
}

/** An id in a path: a real one, or anything that could be typed there. */
const pathId = (real: string) =>
	fc.oneof(
		fc.constant(real),
		fc.uuid(),
		hostileString.map((v) => {
			try {
				return encodeURIComponent(v.slice(0, 2_000)) || 'x';
			} catch {
				// Broken UTF-16 cannot be put in a URL; SvelteKit refuses a malformed one before routing.
				return 'x%00y';
			}
		})
	);

export const TARGETS: Target[] = [
	{
		name: 'sync push, every mutation kind',
		routeId: '/api/sync/push',
		kind: 'POST',
		user: (w) => w.caseworker,
		input: (w) =>
			fc.oneof(
				// A well-formed envelope around a broken mutation of each kind.
				fc.tuple(fc.constantFrom(...MUTATION_NAMES), fc.boolean()).chain(([name, asVictim]) =>
					mutate(validArgs(w, name)).map((args): Call => ({
						method: 'POST',
						path: '/api/sync/push',
						json: { clientId: uuidv7(), mutations: [{ seq: 1, id: uuidv7(), name, args }] },
						headers: asVictim ? { 'x-fuzz-as': 'victim' } : {}
					}))
				),
				// A new client's first push that does not start at 1: changes are missing.
				fc.oneof(fc.integer({ min: 2, max: 2 ** 31 }), hostileNumber).map((seq): Call => ({
					method: 'POST',
					path: '/api/sync/push',
					json: {
						clientId: uuidv7(),
						mutations: [
							{ seq, id: uuidv7(), name: 'contact.record', args: validArgs(w, 'contact.record') }
						]
					}
				})),
				jsonBody(
					'POST',
					'/api/sync/push',
					fc.constant({
						clientId: uuidv7(),
						mutations: [
							{ seq: 1, id: uuidv7(), name: 'contact.record', args: validArgs(w, 'contact.record') }
						]
					})
				)
			)
	},
	{
		name: 'sync pull',
		routeId: '/api/sync/pull',
		kind: 'POST',
		user: (w) => w.caseworker,
		input: () =>
			jsonBody('POST', '/api/sync/pull', fc.constant({ cursor: null, limit: 50, scopeHash: null }))
	},
	{
		name: 'reassign a case',
		routeId: '/api/cases/[id]/assignment',
		kind: 'POST',
		user: (w) => w.supervisor,
		input: (w) =>
			pathId(w.ids.caseId).chain((id) =>
				jsonBody(
					'POST',
					`/api/cases/${id}/assignment`,
					fc.constant({ toCaseworkerId: w.ids.otherCaseworkerId, reason: 'Going on leave' })
				)
			)
	},
	{
		name: 'invite the victim',
		routeId: '/api/cases/[id]/victim-access',
		kind: 'POST',
		user: (w) => w.caseworker,
		input: (w) =>
			pathId(w.ids.caseId).chain((id) =>
				jsonBody(
					'POST',
					`/api/cases/${id}/victim-access`,
					fc.constant({ email: 'someone@example.test' })
				)
			)
	},
	{
		name: "revoke the victim's access",
		routeId: '/api/cases/[id]/victim-access',
		kind: 'DELETE',
		user: (w) => w.caseworker,
		input: (w) =>
			pathId(w.ids.caseId).chain((id) =>
				// Never a valid `{}`: revoking the demo victim would leave the portal targets nobody.
				jsonBody('DELETE', `/api/cases/${id}/victim-access`, fc.constant({ x: 1 })).filter(
					(c) => !(c.json !== undefined && isEmptyObject(c.json) && !c.headers)
				)
			)
	},
	{
		name: "the victim's access",
		routeId: '/api/cases/[id]/victim-access',
		kind: 'GET',
		user: (w) => w.caseworker,
		input: (w) =>
			pathId(w.ids.caseId).map((id) => ({ method: 'GET', path: `/api/cases/${id}/victim-access` }))
	},
	{
		name: 'messages to the victim',
		routeId: '/api/cases/[id]/notifications',
		kind: 'GET',
		user: (w) => w.caseworker,
		input: (w) =>
			pathId(w.ids.caseId).map((id) => ({ method: 'GET', path: `/api/cases/${id}/notifications` }))
	},
	{
		name: 'views of cases, for the audit trail',
		routeId: '/api/sync/views',
		kind: 'POST',
		user: (w) => w.caseworker,
		input: (w) =>
			jsonBody(
				'POST',
				'/api/sync/views',
				fc.constant({
					views: [{ id: uuidv7(), caseId: w.ids.caseId, viewedAt: '2026-11-20T10:00:00.000Z' }]
				})
			)
	},
	{
		name: "a case's audit trail",
		routeId: '/api/cases/[id]/audit',
		kind: 'GET',
		user: (w) => w.supervisor,
		input: (w) =>
			pathId(w.ids.caseId).map((id) => ({ method: 'GET', path: `/api/cases/${id}/audit` }))
	},
	{
		name: 'unlock',
		hashes: true,
		routeId: '/api/unlock',
		kind: 'POST',
		user: (w) => w.caseworker,
		input: () => jsonBody('POST', '/api/unlock', fc.constant({ password: 'demo-password' }))
	},
	{
		name: 'calendar file',
		routeId: '/(victim)/your-case/calendar/[hearingId]',
		kind: 'GET',
		user: (w) => w.victim,
		input: (w) =>
			pathId(w.ids.hearingId).map((id) => ({ method: 'GET', path: `/your-case/calendar/${id}` }))
	},
	{
		name: 'portal language',
		routeId: '/(victim)/your-case/language',
		kind: 'POST',
		user: (w) => w.victim,
		input: () =>
			fc.oneof(
				formBody('POST', '/your-case/language', ['locale', 'from']),
				jsonBody('POST', '/your-case/language', fc.constant({ locale: 'en' }))
			)
	},
	{
		name: 'sign in',
		hashes: true,
		routeId: '/sign-in',
		kind: 'action:default',
		user: () => null,
		input: () => formBody('POST', '/sign-in', ['email', 'password', 'sharedDevice'])
	},
	{
		name: 'set up: code',
		hashes: true,
		routeId: '/set-up',
		kind: 'action:code',
		user: () => null,
		input: () => formBody('POST', '/set-up?/code', ['code'])
	},
	{
		name: 'set up: password',
		hashes: true,
		routeId: '/set-up',
		kind: 'action:password',
		user: () => null,
		input: () => formBody('POST', '/set-up?/password', ['code', 'password', 'confirm'])
	},
	{
		name: 'portal: I have seen this',
		routeId: '/(victim)/your-case',
		kind: 'action:seen',
		user: (w) => w.victim,
		input: () => formBody('POST', '/your-case?/seen', ['change'])
	},
	{
		name: 'portal: how we contact you',
		routeId: '/(victim)/your-case/contact',
		kind: 'action:default',
		user: (w) => w.victim,
		input: () =>
			formBody('POST', '/your-case/contact', [
				'channel',
				'phone',
				'email',
				'from',
				'to',
				'days',
				'voicemail',
				'voicemailMessage',
				'baseVersion',
				'shown'
			])
	}
];

const isEmptyObject = (v: unknown) =>
	typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;

/* ---------------------------------------------------------------------------------------------- */
/* The checks                                                                                       */

/** Tables a refused request may still write: the sign-in throttle counts wrong passwords. */
const MAY_WRITE_WHEN_REFUSED = new Set(['sign_in_throttle', 'sessions']);
/** A push answers 200 and records each refused mutation with its reason: only these change. */
const SYNC_BOOKKEEPING = new Set(['mutation_log', 'sync_clients', 'sync_state']);

/** Row counts (and the highest row version) of every table: cheap, and any write changes it. */
export async function snapshot(db: Database): Promise<Record<string, string>> {
	const tables = rowsOf<{ table_name: string; versioned: boolean }>(
		await db.execute(
			sql`select table_name, bool_or(column_name = 'version') as versioned
				from information_schema.columns where table_schema = 'public'
				group by table_name order by table_name`
		)
	).filter((t) => !MAY_WRITE_WHEN_REFUSED.has(t.table_name));
	const parts = tables.map((t) =>
		t.versioned
			? `'${t.table_name}', (select count(*) || '/' || coalesce(max(version), 0) from "${t.table_name}")`
			: `'${t.table_name}', (select count(*)::text from "${t.table_name}")`
	);
	const [row] = rowsOf<{ s: Record<string, string> | string }>(
		await db.execute(sql.raw(`select json_build_object(${parts.join(', ')}) as s`))
	);
	const snap = row!.s;
	return typeof snap === 'string' ? (JSON.parse(snap) as Record<string, string>) : snap;
}

/** PGlite answers `{ rows }`, postgres.js an array of rows. */
function rowsOf<T>(result: unknown): T[] {
	return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

const without = (snap: Record<string, string>, skip: Set<string>) =>
	Object.fromEntries(Object.entries(snap).filter(([k]) => !skip.has(k)));

/** What a refusal says: a JSON `message`, or a form's `errors`/`outcome` for the page to show. */
function explanation(answer: Answer): string | null {
	try {
		const body = JSON.parse(answer.text) as Record<string, unknown> | null;
		if (typeof body?.message === 'string' && body.message.trim()) return body.message;
		const errors = body?.errors as Record<string, unknown> | undefined;
		const first = errors && Object.values(errors).find((v) => typeof v === 'string' && v.trim());
		if (typeof first === 'string') return first;
		if (typeof body?.outcome === 'string') return body.outcome;
		if (typeof body?.seenFailed === 'string') return 'not seen';
	} catch {
		// Not JSON: no explanation a page could show.
	}
	return null;
}

/** Runs `runs` generated inputs at `target`, checking each answer and the database after it. */
export async function fuzz(w: World, target: Target, runs: number, seed?: number) {
	const db = w.handle.db;
	let tried = 0;
	const outcome = await fc.check(
		fc.asyncProperty(target.input(w), async (call) => {
			tried++;
			const asVictim = call.headers?.['x-fuzz-as'] === 'victim';
			const user = asVictim ? w.victim : target.user(w);
			const before = await snapshot(db);
			let answer: Answer;
			try {
				answer = await invoke(target.routeId, target.kind, user, call);
			} catch (e) {
				const detail = e instanceof Error ? `${e.message} / ${String(e.cause)}` : String(e);
				throw new Error(`would answer 500: ${detail.slice(0, 600)}`);
			}
			const after = await snapshot(db);
			expect(answer.status, `${target.name}: ${answer.text.slice(0, 300)}`).toBeLessThan(500);
			if (answer.status >= 400) {
				expect(explanation(answer), `${target.name}: ${answer.text.slice(0, 300)}`).not.toBeNull();
				expect(after, `${target.name}: a refused request wrote`).toEqual(before);
			}
			// A push answers 200 with each mutation's outcome: a rejected one changes no record.
			if (target.routeId === '/api/sync/push' && answer.status === 200) {
				const { results } = JSON.parse(answer.text) as {
					results: { status: string; reason: string | null }[];
				};
				for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeTruthy();
				if (results.every((r) => r.status === 'rejected'))
					expect(without(after, SYNC_BOOKKEEPING)).toEqual(without(before, SYNC_BOOKKEEPING));
			}
		}),
		{ numRuns: runs, seed, endOnFailure: true }
	);
	if (outcome.failed) {
		// The input itself can be 100 kB of one letter: say enough to recognise it, and the seed.
		const input = JSON.stringify(outcome.counterexample).replace(
			/(.)\1{40,}/gu,
			(run, c: string) => `${c}…×${run.length}`
		);
		const cause =
			outcome.errorInstance instanceof Error
				? outcome.errorInstance.message
				: String(outcome.errorInstance);
		throw new Error(
			`${target.name} failed (seed ${outcome.seed}, path ${outcome.counterexamplePath}):\n${cause.slice(0, 1_500)}\ninput: ${input.slice(0, 1_500)}`
		);
	}
	return tried;
}
