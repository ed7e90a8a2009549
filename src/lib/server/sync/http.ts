import { error, json, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { fieldErrors, unstorableTextAt, type Actor } from '$lib/domain';
import { BadSyncRequest } from './errors';

/**
 * SvelteKit's CSRF check covers form posts only, so JSON endpoints check for themselves: the body
 * must be JSON and the request must come from this site (architecture.md, pitfalls).
 */
export async function readJson<T extends z.ZodType>(
	event: RequestEvent,
	schema: T
): Promise<z.infer<T>> {
	const contentType = event.request.headers.get('content-type') ?? '';
	if (!contentType.toLowerCase().startsWith('application/json'))
		error(415, 'Send the request body as JSON (content-type: application/json).');
	const origin = event.request.headers.get('origin');
	if (origin !== event.url.origin) error(403, 'Cross-site requests are not allowed.');
	let body: unknown;
	try {
		body = await event.request.json();
	} catch {
		error(400, 'The request body is not valid JSON.');
	}
	const unstorable = unstorableTextAt(body);
	if (unstorable !== null)
		error(
			400,
			`The request is not valid: ${unstorable}: contains a character that cannot be kept (a NUL or broken Unicode).`
		);
	const parsed = schema.safeParse(body);
	if (!parsed.success) {
		const problems = fieldErrors(parsed.error);
		error(
			400,
			`The request is not valid: ${Object.entries(problems)
				.map(([k, v]) => `${k}: ${v}`)
				.join('; ')}`
		);
	}
	return parsed.data;
}

/**
 * A form post to an endpoint (not a form action, which SvelteKit checks itself): anything but a
 * form is a 415 that says so, and a body that cannot be read as one a 400, never a server error.
 */
export async function readForm(request: Request): Promise<FormData> {
	const contentType = (request.headers.get('content-type') ?? '').toLowerCase();
	if (
		!contentType.startsWith('application/x-www-form-urlencoded') &&
		!contentType.startsWith('multipart/form-data')
	)
		error(
			415,
			'Send the form as a form (application/x-www-form-urlencoded or multipart/form-data).'
		);
	try {
		return await request.formData();
	} catch {
		error(400, 'The form could not be read.');
	}
}

/** The signed-in caller, from the session only. The hook has already refused signed-out requests. */
export function actorOf(event: RequestEvent): Actor {
	const user = event.locals.user;
	if (!user) error(401, 'Sign in to continue');
	return { id: user.id, role: user.role, teamId: user.teamId, victimId: user.victimId };
}

export function syncJson(body: unknown) {
	return json(body, { headers: { 'cache-control': 'no-store' } });
}

/** Turns a protocol refusal into its 4xx; anything else stays a server error. */
export async function answering<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (e) {
		if (e instanceof BadSyncRequest) error(e.status, e.message);
		throw e;
	}
}
