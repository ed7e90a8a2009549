import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD, DEMO_USERS, VICTIM_PASSWORD } from './helpers';
import { ACCESS_MATRIX, judge, type Answer, type Call, type Role } from './security/access-matrix';

/**
 * The access-control matrix (`security/access-matrix.ts`) against the built server, over HTTP,
 * as each kind of caller, each reaching for Jo Bennett's case (case A, caseworker@demo.test's).
 * The demo data has one team, so here caseworker B is a caseworker of the same team with their
 * own caseload (what decides a caseworker's scope); the supervisor of another team, and team
 * scoping itself, are run in-process by `src/routes/access-matrix.spec.ts` on two teams.
 * A cell that would change case A (its own caseworker or victim writing to it) is not sent here:
 * other tests use Jo's case, and those cells run in-process too.
 */

/** Ends the caller's session: sent last, after every other cell. */
const LAST = ['/sign-out action:default', '/exit GET'];
/** Caseworker 6's cases are nobody else's in the e2e tests: one of their victims becomes victim B. */
const VICTIM_B_CASEWORKER = 'caseworker6@demo.test';

let baseURL: string;
const ids: Record<string, string> = { password: DEMO_PASSWORD };
let needles: string[] = [];
let victimB: { email: string; password: string };

async function signedIn(email: string, password = DEMO_PASSWORD): Promise<APIRequestContext> {
	const api = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
	const response = await api.post('/sign-in', {
		form: { email, password },
		headers: { accept: 'text/html' },
		maxRedirects: 0
	});
	expect(response.status()).toBe(303);
	return api;
}

type Pulled = Record<string, Record<string, unknown>[]>;
async function pullAll(api: APIRequestContext): Promise<Pulled> {
	const rows: Pulled = {};
	let cursor: unknown = null;
	for (;;) {
		const response = await api.post('/api/sync/pull', { data: { cursor, limit: 5000 } });
		expect(response.status()).toBe(200);
		const page = (await response.json()) as {
			changes: Pulled;
			cursor: unknown;
			hasMore: boolean;
		};
		for (const [table, list] of Object.entries(page.changes))
			rows[table] = [...(rows[table] ?? []), ...list];
		if (!page.hasMore) return rows;
		cursor = page.cursor;
	}
}

const fill = <T>(value: T): T =>
	JSON.parse(
		JSON.stringify(value).replace(/\{(\w+)\}/g, (_, name: string) =>
			name === 'new' ? crypto.randomUUID() : (ids[name] ?? `{${name}}`)
		)
	) as T;

/** One HTTP request for a cell; a data request's redirect or error read as its status. */
async function send(api: APIRequestContext, call: Call): Promise<Answer> {
	const path = call.data ? `${call.path.replace(/\/$/, '')}/__data.json` : call.path;
	const response = await api.fetch(path, {
		method: call.method,
		maxRedirects: 0,
		...(call.json !== undefined ? { data: call.json } : {}),
		...(call.form ? { form: call.form, headers: { accept: 'text/html' } } : {})
	});
	const text = await response.text();
	const answer: Answer = {
		status: response.status(),
		location: response.headers().location ?? null,
		text
	};
	if (call.data && answer.status === 200) {
		const body = JSON.parse(text) as { type?: string; location?: string; status?: number };
		if (body.type === 'redirect')
			return { ...answer, status: 303, location: body.location ?? null };
		if (body.type === 'error' && body.status) return { ...answer, status: body.status };
	}
	return answer;
}

async function answers(api: APIRequestContext, call: Call): Promise<Answer[]> {
	const filled = fill(call);
	const out = [await send(api, filled)];
	while (call.allPages && out.at(-1)!.status === 200) {
		const page = JSON.parse(out.at(-1)!.text) as { hasMore: boolean; cursor: unknown };
		if (!page.hasMore) break;
		out.push(
			await send(api, { ...filled, json: { ...(filled.json as object), cursor: page.cursor } })
		);
	}
	return out;
}

test.beforeAll(async ({ playwright }) => {
	test.setTimeout(90_000);
	baseURL = test.info().project.use.baseURL!;

	// Case A: Jo Bennett's, as her caseworker's device holds it.
	const alex = await signedIn(DEMO_USERS.caseworker.email);
	const rows = await pullAll(alex);
	const jo = rows.victims!.find((v) => v.givenName === 'Jo' && v.familyName === 'Bennett')!;
	const caseA = rows.cases!.find((c) => c.victimId === jo.id)!;
	const hearing = rows.hearings!.find((h) => h.caseId === caseA.id)!;
	const change = rows.hearingChanges!.find((c) => c.caseId === caseA.id)!;
	const me = (await (await alex.get('/api/me')).json()) as {
		colleagues: { id: string; role: string }[];
	};
	Object.assign(ids, {
		caseA: caseA.id as string,
		victimA: jo.id as string,
		hearingA: hearing.id as string,
		hearingChangeA: change.id as string,
		caseworkerOfTeamB: me.colleagues.find((c) => c.role === 'caseworker')!.id
	});
	needles = [
		ids.caseA!,
		ids.victimA!,
		ids.hearingA!,
		ids.hearingChangeA!,
		caseA.crimeReference as string,
		'Jo Bennett'
	];
	await alex.dispose();

	// Victim B: invited by caseworker 6 and set up through the forms, as a victim would.
	const leila = await signedIn(VICTIM_B_CASEWORKER);
	const theirs = (await pullAll(leila)).cases!.map((c) => c.id as string).sort();
	victimB = { email: `access-matrix-${Date.now()}@demo.test`, password: VICTIM_PASSWORD };
	let code: string | undefined;
	for (const caseId of theirs.reverse()) {
		const invite = await leila.post(`/api/cases/${caseId}/victim-access`, {
			data: { email: victimB.email }
		});
		if (invite.status() === 201) {
			code = ((await invite.json()) as { code: string }).code;
			break;
		}
	}
	expect(code).toBeDefined();
	await leila.dispose();
	const stranger = await playwright.request.newContext({
		baseURL,
		extraHTTPHeaders: { origin: baseURL }
	});
	const html = { accept: 'text/html' };
	expect(
		(await stranger.post('/set-up?/code', { form: { code: code! }, headers: html })).status()
	).toBe(200);
	const setUp = await stranger.post('/set-up?/password', {
		form: { code: code!, password: victimB.password, confirm: victimB.password },
		headers: html,
		maxRedirects: 0
	});
	expect(setUp.status()).toBe(303);
	await stranger.dispose();
});

const CALLERS: Partial<Record<Role, () => Promise<APIRequestContext>>> = {
	signedOut: () => request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } }),
	caseworkerA: () => signedIn(DEMO_USERS.caseworker.email),
	caseworkerB: () => signedIn(DEMO_USERS.caseworker2.email),
	victimA: () => signedIn(DEMO_USERS.victim.email),
	victimB: () => signedIn(victimB.email, victimB.password)
};

for (const [role, open] of Object.entries(CALLERS) as [Role, () => Promise<APIRequestContext>][])
	test(`every entry point answers ${role} as the access matrix says, with nothing of Jo's case unless it is theirs`, async () => {
		const api = await open();
		const cells = Object.entries(ACCESS_MATRIX).filter(
			([, rule]) => !(rule.expect[role] === 'own' && rule.call.method !== 'GET')
		);
		const ordered = [
			...cells.filter(([key]) => !LAST.includes(key)),
			...cells.filter(([key]) => LAST.includes(key))
		];
		const wrong: string[] = [];
		for (const [key, rule] of ordered) {
			const got = await answers(api, rule.call);
			const problem = judge(
				rule.expect[role],
				rule.call,
				got,
				needles,
				JSON.stringify(fill(rule.call))
			);
			if (problem) wrong.push(`${key} (${rule.expect[role]}): ${problem}`);
		}
		expect(wrong).toEqual([]);
		await api.dispose();
	});
