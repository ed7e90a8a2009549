/**
 * The sync protocol over plain HTTP, spoken the way a device speaks it (src/lib/client/sync-engine.ts)
 * but without a browser: for benches that play one device or hundreds of them against the built
 * server. Sign-in goes through the real form action, so each session costs one argon2 check.
 */
import {
	newId,
	PullResponse,
	PushResponse,
	type PullCursor,
	type PushedMutation,
	type RecordContactArgs
} from '../../src/lib/domain';

/** A signed-in caseworker: the cookie and Origin header every sync request carries. */
export type SyncSession = {
	/** Where requests go: loopback IPv4, which the built server listens on. */
	base: string;
	headers: Record<string, string>;
};

/** Where a device's pulls have got to, and the case ids it holds (the scope hash tells the server). */
export type PullPosition = {
	cursor: PullCursor | null;
	scopeHash: string | null;
	caseIds: string[];
};

/** The page size the app's own client asks for (pullChanges). */
export const PULL_LIMIT = 10_000;

/** Signs in through the sign-in form, as a browser without JavaScript would, and keeps the cookie. */
export async function signInOverHttp(port: string, email: string): Promise<SyncSession> {
	const origin = `http://localhost:${port}`;
	const response = await fetch(`http://127.0.0.1:${port}/sign-in`, {
		method: 'POST',
		// The server checks a form post's Origin against its own (CSRF).
		headers: {
			origin,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ email, password: 'demo-password' }),
		redirect: 'manual'
	});
	const cookie = response.headers
		.getSetCookie()
		.map((c) => c.split(';')[0]!)
		.find((c) => c.startsWith('session='));
	if (response.status !== 303 || !cookie)
		throw new Error(`Signing in as ${email} failed: the server answered ${response.status}`);
	return {
		base: `http://127.0.0.1:${port}`,
		headers: { origin, cookie, 'content-type': 'application/json' }
	};
}

/** One sync request: its status, parsed body and round-trip time. */
export async function post(
	session: SyncSession,
	path: '/api/sync/pull' | '/api/sync/push',
	body: unknown
): Promise<{ status: number; body: unknown; ms: number }> {
	const started = performance.now();
	const response = await fetch(session.base + path, {
		method: 'POST',
		headers: session.headers,
		body: JSON.stringify(body)
	});
	const parsed: unknown = await response.json().catch(() => null);
	return { status: response.status, body: parsed, ms: performance.now() - started };
}

/**
 * Pulls every page after `from`, as the app's client does: the position after the last page, the
 * rows received by table, and the time from the first request to the last answer.
 */
export async function pullAll(
	session: SyncSession,
	from: PullPosition
): Promise<{ to: PullPosition; rows: Record<string, { id: string }[]>; ms: number }> {
	const started = performance.now();
	const rows: Record<string, { id: string }[]> = {};
	let position = from;
	for (;;) {
		const answer = await post(session, '/api/sync/pull', {
			cursor: position.cursor,
			scopeHash: position.scopeHash,
			limit: PULL_LIMIT
		});
		const page = PullResponse.safeParse(answer.body);
		if (answer.status !== 200 || !page.success)
			throw new Error(`A pull failed: the server answered ${answer.status}`);
		for (const [table, list] of Object.entries(page.data.changes))
			(rows[table] ??= []).push(...list);
		position = {
			cursor: page.data.cursor,
			scopeHash: page.data.scope?.hash ?? position.scopeHash,
			caseIds: page.data.scope?.caseIds ?? position.caseIds
		};
		if (!page.data.hasMore) return { to: position, rows, ms: performance.now() - started };
	}
}

/** Pushes one batch; every mutation must be applied (a refusal here is a bench or server fault). */
export async function pushBatch(
	session: SyncSession,
	clientId: string,
	mutations: PushedMutation[]
): Promise<{ ms: number }> {
	const answer = await post(session, '/api/sync/push', { clientId, mutations });
	const parsed = PushResponse.safeParse(answer.body);
	if (answer.status !== 200 || !parsed.success)
		throw new Error(`A push failed: the server answered ${answer.status}`);
	const refused = parsed.data.results.filter((r) => r.status !== 'applied');
	if (refused.length > 0 || parsed.data.ackSeq !== mutations.at(-1)!.seq)
		throw new Error(
			`A push was not fully applied: ${refused.length} refused (${refused[0]?.reason ?? 'ack short'})`
		);
	return { ms: answer.ms };
}

/**
 * A contact recorded on one of the caseworker's own cases: the change caseworkers make most, and
 * one the server always accepts from the assigned caseworker (contacts are insert-only).
 */
export function contactMutation(seq: number, caseId: string): PushedMutation {
	const at = new Date().toISOString();
	const args: RecordContactArgs = {
		id: newId(),
		caseId,
		occurredAt: at,
		channel: 'phone',
		direction: 'outbound',
		outcome: 'reached',
		summary: 'Bench: called the victim to give an update on the case.',
		informedObligations: [],
		amendsContactId: null,
		recordedAt: at
	};
	return { seq, id: newId(), name: 'contact.record', args };
}
