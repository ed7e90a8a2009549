/**
 * The access-control matrix (issue 10, item 1): for every server entry point under `src/routes` —
 * page, server load, form action, endpoint method — what each kind of caller gets when they reach
 * for one case ("case A") that belongs to caseworker A, in team A, whose victim is victim A.
 *
 * `src/routes/access-matrix.spec.ts` walks `src/routes` and fails when an entry point has no rule
 * here (or a rule names one that no longer exists), then runs every cell in-process against a
 * database with two teams; `tests/access-control.spec.ts` runs the cells against the built server.
 * Plain data and one pure function, with no imports, so both Vitest and Playwright can read it.
 */

/** Who calls. B's are strangers to case A: another team's caseworker and supervisor, another victim. */
export const ROLES = [
	'signedOut',
	'caseworkerA',
	'caseworkerB',
	'supervisorB',
	'victimA',
	'victimB'
] as const;
export type Role = (typeof ROLES)[number];

/**
 * What the caller gets:
 * - `own`: the record is theirs; answered (not 401/403/404, never 5xx). The positive control that
 *   shows the cell can tell a refusal from an answer.
 * - `open`: answered, never 5xx, and nothing of case A is in the body (public routes, and routes
 *   that answer only with the caller's own records, like sync pull).
 * - `forbidden`: 403 from the role guard, before any handler runs; nothing of case A in the body.
 * - `hidden`: case A is outside the caller's scope: 403 or 404 (a portal form answers 400), and
 *   nothing of case A in the body.
 * - `rejected`: a sync push (or views request) answered 200 with every mutation (view) refused,
 *   each with a reason.
 * - `sign-in`: signed out: a page is redirected (303) to `/sign-in`; an endpoint, form post or
 *   data request answers 401.
 */
export type Outcome = 'own' | 'open' | 'forbidden' | 'hidden' | 'rejected' | 'sign-in';

/**
 * How to call the entry point. Placeholders in the path and bodies are filled in by the runner:
 * `{caseA}`, `{hearingA}`, `{hearingChangeA}`, `{victimA}`, `{caseworkerOfTeamB}`, `{password}`,
 * and `{new}` (a fresh UUIDv7 each time it appears).
 */
export type Call = {
	method: 'GET' | 'POST' | 'DELETE';
	path: string;
	/** A JSON body (sent as `application/json`, same origin). */
	json?: unknown;
	/** A form body (a SvelteKit form action, `?/name` in the path for a named action). */
	form?: Record<string, string>;
	/** A server load, reached over the network as SvelteKit's `__data.json` for the page. */
	data?: true;
	/** A sync pull: follow the cursor to the end, so every row the caller would get is checked. */
	allPages?: true;
};

export type Rule = { call: Call; expect: Record<Role, Outcome> };

/** The kinds of entry point a route file gives, as the matrix names them after the route id. */
export type EntryKind = 'page' | 'load' | 'layout-load' | `action:${string}` | HttpMethod;
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const everyone = (outcome: Outcome): Record<Role, Outcome> => ({
	signedOut: outcome,
	caseworkerA: outcome,
	caseworkerB: outcome,
	supervisorB: outcome,
	victimA: outcome,
	victimB: outcome
});

/** A public page that, signed in, shows the caller's own name: victim A's is case A's victim's. */
const SIGNED_IN_VICTIM_A: Record<Role, Outcome> = { ...everyone('open'), victimA: 'own' };

/** A page every caseworker and supervisor may open (it draws itself from the device). */
const STAFF_PAGE: Record<Role, Outcome> = {
	signedOut: 'sign-in',
	caseworkerA: 'open',
	caseworkerB: 'open',
	supervisorB: 'open',
	victimA: 'forbidden',
	victimB: 'forbidden'
};

const SUPERVISOR_PAGE: Record<Role, Outcome> = {
	...STAFF_PAGE,
	caseworkerA: 'forbidden',
	caseworkerB: 'forbidden'
};

/** A portal page: a victim sees their own case only; victim B's portal shows nothing of A's. */
const PORTAL: Record<Role, Outcome> = {
	signedOut: 'sign-in',
	caseworkerA: 'forbidden',
	caseworkerB: 'forbidden',
	supervisorB: 'forbidden',
	victimA: 'own',
	victimB: 'open'
};

/** An online staff endpoint about one case: only those who hold it see it. */
const CASE_ENDPOINT: Record<Role, Outcome> = {
	signedOut: 'sign-in',
	caseworkerA: 'own',
	caseworkerB: 'hidden',
	supervisorB: 'hidden',
	victimA: 'forbidden',
	victimB: 'forbidden'
};

/** A contact recorded on case A, as a device would push it. */
const CONTACT_ON_CASE_A = {
	id: '{new}',
	caseId: '{caseA}',
	occurredAt: '2026-11-20T10:00:00.000Z',
	channel: 'phone',
	direction: 'outbound',
	outcome: 'reached',
	summary: 'Told them the new trial date.',
	informedObligations: [],
	amendsContactId: null,
	recordedAt: '2026-11-20T10:05:00.000Z'
};

export const ACCESS_MATRIX: Record<string, Rule> = {
	'/ load': { call: { method: 'GET', path: '/' }, expect: everyone('open') },

	'/sign-in page': { call: { method: 'GET', path: '/sign-in' }, expect: everyone('open') },
	'/sign-in load': {
		call: { method: 'GET', path: '/sign-in', data: true },
		expect: everyone('open')
	},
	'/sign-in action:default': {
		call: {
			method: 'POST',
			path: '/sign-in',
			form: { email: 'nobody@example.test', password: 'not the password' }
		},
		expect: everyone('open')
	},
	'/sign-out load': { call: { method: 'GET', path: '/sign-out' }, expect: everyone('open') },
	'/sign-out action:default': {
		call: { method: 'POST', path: '/sign-out', form: {} },
		expect: everyone('open')
	},
	// A signed-in victim who opens it sees their own name in the header: theirs, not case A's leak.
	'/set-up page': { call: { method: 'GET', path: '/set-up' }, expect: SIGNED_IN_VICTIM_A },
	'/set-up load': {
		call: { method: 'GET', path: '/set-up', data: true },
		expect: everyone('open')
	},
	'/set-up action:code': {
		call: { method: 'POST', path: '/set-up?/code', form: { code: 'AAAA-BBBB-CCCC' } },
		expect: SIGNED_IN_VICTIM_A
	},
	'/set-up action:password': {
		call: {
			method: 'POST',
			path: '/set-up?/password',
			form: { code: 'AAAA-BBBB-CCCC', password: 'four words I remember', confirm: 'x' }
		},
		expect: SIGNED_IN_VICTIM_A
	},
	'/exit GET': { call: { method: 'GET', path: '/exit' }, expect: everyone('open') },

	'/api/health GET': { call: { method: 'GET', path: '/api/health' }, expect: everyone('open') },
	// Who is signed in and their own team's names: never another team's people or any case.
	'/api/me GET': {
		call: { method: 'GET', path: '/api/me' },
		expect: { ...everyone('open'), victimA: 'own' }
	},

	'/(caseworker)/caseload page': {
		call: { method: 'GET', path: '/caseload' },
		expect: { ...STAFF_PAGE, supervisorB: 'forbidden' }
	},
	// The page is the app shell: the case itself comes from the device, which holds only the
	// caller's scope (sync pull below), so a stranger gets the shell and no case.
	'/(staff)/cases/[id] page': {
		call: { method: 'GET', path: '/cases/{caseA}' },
		expect: { ...STAFF_PAGE, caseworkerA: 'own' }
	},
	'/(staff)/device page': { call: { method: 'GET', path: '/device' }, expect: STAFF_PAGE },
	'/(staff)/signing-out page': {
		call: { method: 'GET', path: '/signing-out' },
		expect: STAFF_PAGE
	},
	// The development outbox lists only messages to the caller's own team's victims.
	'/(staff)/demo/outbox page': {
		call: { method: 'GET', path: '/demo/outbox' },
		expect: { ...STAFF_PAGE, caseworkerA: 'own' }
	},
	'/(staff)/demo/outbox load': {
		call: { method: 'GET', path: '/demo/outbox', data: true },
		expect: { ...STAFF_PAGE, caseworkerA: 'own' }
	},

	'/(supervisor)/team page': { call: { method: 'GET', path: '/team' }, expect: SUPERVISOR_PAGE },
	'/(supervisor)/team/compliance page': {
		call: { method: 'GET', path: '/team/compliance' },
		expect: SUPERVISOR_PAGE
	},
	'/(supervisor)/team/to-resolve page': {
		call: { method: 'GET', path: '/team/to-resolve' },
		expect: SUPERVISOR_PAGE
	},
	'/(supervisor)/team/workload page': {
		call: { method: 'GET', path: '/team/workload' },
		expect: SUPERVISOR_PAGE
	},

	// The page draws the trail it asks `/api/cases/[id]/audit` for (below): a supervisor of another
	// team gets the page and no trail.
	'/(supervisor)/cases/[id]/audit page': {
		call: { method: 'GET', path: '/cases/{caseA}/audit' },
		expect: SUPERVISOR_PAGE
	},
	// Who read or changed case A: its team's supervisor only (there is no supervisor A here, so
	// every cell is a refusal; the audit's own tests read it as that supervisor).
	'/api/cases/[id]/audit GET': {
		call: { method: 'GET', path: '/api/cases/{caseA}/audit' },
		expect: { ...CASE_ENDPOINT, caseworkerA: 'forbidden', caseworkerB: 'forbidden' }
	},

	'/(victim) layout-load': {
		call: { method: 'GET', path: '/your-case', data: true },
		expect: PORTAL
	},
	'/(victim)/your-case page': { call: { method: 'GET', path: '/your-case' }, expect: PORTAL },
	'/(victim)/your-case/rights page': {
		call: { method: 'GET', path: '/your-case/rights' },
		expect: PORTAL
	},
	'/(victim)/your-case/support page': {
		call: { method: 'GET', path: '/your-case/support' },
		expect: PORTAL
	},
	'/(victim)/your-case/contact page': {
		call: { method: 'GET', path: '/your-case/contact' },
		expect: PORTAL
	},
	'/(victim)/your-case/contact load': {
		call: { method: 'GET', path: '/your-case/contact', data: true },
		expect: PORTAL
	},
	// "I have seen this" naming a change to case A's hearing: only victim A may say it.
	'/(victim)/your-case action:seen': {
		call: { method: 'POST', path: '/your-case?/seen', form: { change: '{hearingChangeA}' } },
		expect: { ...PORTAL, victimB: 'hidden' }
	},
	// The form names no case or victim: it changes the caller's own choices. A channel no one
	// offers, so no cell changes anything.
	'/(victim)/your-case/contact action:default': {
		call: {
			method: 'POST',
			path: '/your-case/contact',
			form: { channel: 'carrier-pigeon', baseVersion: '0' }
		},
		expect: PORTAL
	},
	'/(victim)/your-case/calendar/[hearingId] GET': {
		call: { method: 'GET', path: '/your-case/calendar/{hearingA}' },
		expect: { ...PORTAL, victimB: 'hidden' }
	},
	// A victim's copy of their own information: victim B's holds nothing of case A.
	'/(victim)/your-case/export GET': {
		call: { method: 'GET', path: '/your-case/export' },
		expect: PORTAL
	},
	'/(victim)/your-case/language POST': {
		call: {
			method: 'POST',
			path: '/your-case/language',
			form: { locale: 'en', from: '/your-case' }
		},
		expect: PORTAL
	},

	'/api/cases/[id]/assignment POST': {
		call: {
			method: 'POST',
			path: '/api/cases/{caseA}/assignment',
			json: { toCaseworkerId: '{caseworkerOfTeamB}', reason: 'Going on leave' }
		},
		expect: { ...CASE_ENDPOINT, caseworkerA: 'forbidden', caseworkerB: 'forbidden' }
	},
	'/api/cases/[id]/notifications GET': {
		call: { method: 'GET', path: '/api/cases/{caseA}/notifications' },
		expect: CASE_ENDPOINT
	},
	'/api/cases/[id]/victim-access GET': {
		call: { method: 'GET', path: '/api/cases/{caseA}/victim-access' },
		expect: CASE_ENDPOINT
	},
	'/api/cases/[id]/victim-access POST': {
		call: {
			method: 'POST',
			path: '/api/cases/{caseA}/victim-access',
			json: { email: 'not-victim-a@example.test' }
		},
		expect: CASE_ENDPOINT
	},
	'/api/cases/[id]/victim-access DELETE': {
		call: { method: 'DELETE', path: '/api/cases/{caseA}/victim-access', json: {} },
		expect: CASE_ENDPOINT
	},

	// Pull answers with the caller's scope only: case A's rows reach caseworker A and victim A.
	'/api/sync/pull POST': {
		call: {
			method: 'POST',
			path: '/api/sync/pull',
			json: { cursor: null, limit: 5000 },
			allPages: true
		},
		expect: { ...everyone('open'), signedOut: 'sign-in', caseworkerA: 'own', victimA: 'own' }
	},
	// A contact recorded on case A: applied for its caseworker, refused with a reason for anyone else.
	'/api/sync/push POST': {
		call: {
			method: 'POST',
			path: '/api/sync/push',
			json: {
				clientId: '{new}',
				mutations: [{ seq: 1, id: '{new}', name: 'contact.record', args: CONTACT_ON_CASE_A }]
			}
		},
		expect: { ...everyone('rejected'), signedOut: 'sign-in', caseworkerA: 'own' }
	},
	// A view of case A sent for the audit trail: recorded for its caseworker, refused with a
	// reason for anyone who cannot see it (victims' reads are not audited).
	'/api/sync/views POST': {
		call: {
			method: 'POST',
			path: '/api/sync/views',
			json: { views: [{ id: '{new}', caseId: '{caseA}', viewedAt: '2026-11-20T10:00:00.000Z' }] }
		},
		expect: { ...everyone('rejected'), signedOut: 'sign-in', caseworkerA: 'own' }
	},
	'/api/team/refused-changes GET': {
		call: { method: 'GET', path: '/api/team/refused-changes' },
		expect: SUPERVISOR_PAGE
	},
	'/api/unlock POST': {
		call: { method: 'POST', path: '/api/unlock', json: { password: '{password}' } },
		expect: { ...STAFF_PAGE, caseworkerA: 'open' }
	}
};

/** An answer, however it came (in-process or over HTTP); a redirect's target in `location`. */
export type Answer = { status: number; location: string | null; text: string };

/**
 * What is wrong with the answers to one cell, or null when they are as the matrix says.
 * `needles` are strings that are case A's alone; those the request itself carried are not
 * counted (a form may echo back the id it was sent). A sync pull gives one answer per page.
 */
export function judge(
	outcome: Outcome,
	call: Call,
	answers: Answer[],
	needles: string[],
	sent: string
): string | null {
	const [first] = answers as [Answer];
	const { status } = first;
	if (answers.some((a) => a.status >= 500)) return `answered ${status}`;
	const refused = [401, 403, 404].includes(status);
	if (outcome === 'own') return refused ? `refused with ${status}` : null;
	const leaks = needles.filter((n) => !sent.includes(n) && answers.some((a) => a.text.includes(n)));
	if (leaks.length) return `the body holds case A's ${leaks.join(', ')}`;
	switch (outcome) {
		case 'open':
			return refused ? `refused with ${status}` : null;
		case 'forbidden':
			return status === 403 ? null : `answered ${status}, not 403`;
		case 'hidden': {
			const ok = [403, 404].includes(status) || (call.form !== undefined && status === 400);
			return ok ? null : `answered ${status}, not 403 or 404`;
		}
		case 'rejected': {
			if (status !== 200) return `answered ${status}`;
			// A push answers each mutation; a views request lists what it recorded and refused.
			const body = JSON.parse(first.text) as {
				results?: { status: string; reason: string | null }[];
				recorded?: string[];
				refused?: { reason: string }[];
			};
			const settled = body.results
				? body.results.every((r) => r.status === 'rejected' && !!r.reason)
				: body.recorded?.length === 0 &&
					!!body.refused?.length &&
					body.refused.every((r) => !!r.reason);
			return settled ? null : `not every change was refused with a reason: ${first.text}`;
		}
		case 'sign-in': {
			const page = call.method === 'GET' && !call.path.startsWith('/api/');
			if (page)
				return status === 303 && first.location?.startsWith('/sign-in')
					? null
					: `answered ${status}`;
			return status === 401 ? null : `answered ${status}, not 401`;
		}
	}
}
