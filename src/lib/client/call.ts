import { z } from 'zod';

/**
 * What came of asking the server something online: its answer, parsed at the boundary like every
 * other input; no signal (or no answer at all); or a refusal with its message and, where the server
 * gave them, an error per field.
 */
export type Outcome<T> =
	| { kind: 'ok'; value: T }
	| { kind: 'offline' }
	| { kind: 'refused'; message: string; fields: Record<string, string> };

const Problem = z.object({
	message: z.string(),
	errors: z.record(z.string(), z.string()).optional()
});

export const SERVER_TROUBLE =
	'Sorry, something went wrong on our side. Try again in a few minutes.';

/** A JSON request to one of the hub's own endpoints (same site, never cached). */
export async function callJson<T>(
	url: string,
	schema: z.ZodType<T>,
	init: { method: 'GET' | 'POST' | 'DELETE'; body?: unknown } = { method: 'GET' }
): Promise<Outcome<T>> {
	if (!navigator.onLine) return { kind: 'offline' };
	let response: Response;
	try {
		response = await fetch(url, {
			method: init.method,
			headers: {
				accept: 'application/json',
				...(init.body === undefined ? {} : { 'content-type': 'application/json' })
			},
			body: init.body === undefined ? undefined : JSON.stringify(init.body),
			credentials: 'same-origin',
			cache: 'no-store'
		});
	} catch {
		return { kind: 'offline' };
	}
	const body: unknown = await response.json().catch(() => null);
	if (response.ok) {
		const parsed = schema.safeParse(body);
		return parsed.success
			? { kind: 'ok', value: parsed.data }
			: { kind: 'refused', message: SERVER_TROUBLE, fields: {} };
	}
	if (response.status === 401)
		return {
			kind: 'refused',
			message: 'You have been signed out. Sign in again, then try again.',
			fields: {}
		};
	const problem = Problem.safeParse(body);
	return problem.success
		? { kind: 'refused', message: problem.data.message, fields: problem.data.errors ?? {} }
		: { kind: 'refused', message: SERVER_TROUBLE, fields: {} };
}
