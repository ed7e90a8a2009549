import { expect, request, test, type APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD, DEMO_USERS } from './helpers';

/** An API client signed in as `email`, sending this site's Origin as a browser would. */
async function signedIn(baseURL: string, email: string) {
	const api = await request.newContext({
		baseURL,
		extraHTTPHeaders: { origin: baseURL }
	});
	const response = await api.post('/sign-in', {
		form: { email, password: DEMO_PASSWORD },
		// A browser's form post: with JSON acceptable, SvelteKit answers an action in JSON instead.
		headers: { accept: 'text/html' },
		maxRedirects: 0
	});
	expect(response.status()).toBe(303);
	return api;
}
const json = (api: APIRequestContext, path: string, data: unknown) => api.post(path, { data });
const uuid = () => crypto.randomUUID();

test.describe('sync endpoints refuse what they must', () => {
	test('a signed-out caller: 401', async ({ request, baseURL }) => {
		const response = await request.post('/api/sync/pull', {
			data: { cursor: null },
			headers: { origin: baseURL! }
		});
		expect(response.status()).toBe(401);
	});

	test('a body that is not JSON, another site, malformed JSON, a schema violation', async ({
		baseURL
	}) => {
		const api = await signedIn(baseURL!, DEMO_USERS.caseworker.email);
		const form = await api.post('/api/sync/pull', { form: { cursor: 'x' } });
		expect(form.status()).toBe(415);
		expect(await form.text()).toContain('application/json');

		const crossSite = await api.post('/api/sync/pull', {
			data: { cursor: null },
			headers: { origin: 'https://evil.example' }
		});
		expect(crossSite.status()).toBe(403);

		const broken = await api.post('/api/sync/pull', {
			data: Buffer.from('{oops'),
			headers: { 'content-type': 'application/json' }
		});
		expect(broken.status()).toBe(400);
		expect(await broken.text()).toContain('not valid JSON');

		const wrong = await json(api, '/api/sync/push', {
			clientId: uuid(),
			mutations: [{ seq: 0, id: uuid(), name: 'case.delete', args: {} }]
		});
		expect(wrong.status()).toBe(400);
		const message = ((await wrong.json()) as { message: string }).message;
		expect(message).toContain('mutations.0.seq');
		expect(message).toContain('Unknown mutation');
		await api.dispose();
	});

	test('a gap in sequence numbers: 409, and another user’s client: 403', async ({ baseURL }) => {
		const alex = await signedIn(baseURL!, DEMO_USERS.caseworker.email);
		const clientId = uuid();
		const gap = await json(alex, '/api/sync/push', {
			clientId,
			mutations: [{ seq: 5, id: uuid(), name: 'contact.record', args: {} }]
		});
		expect(gap.status()).toBe(409);
		expect(((await gap.json()) as { message: string }).message).toContain(
			'next expected sequence number is 1'
		);

		const first = await json(alex, '/api/sync/push', {
			clientId,
			mutations: [{ seq: 1, id: uuid(), name: 'contact.record', args: {} }]
		});
		expect(first.status()).toBe(200);
		expect(((await first.json()) as { results: { status: string }[] }).results[0]!.status).toBe(
			'rejected'
		);

		const priya = await signedIn(baseURL!, DEMO_USERS.caseworker2.email);
		const stolen = await json(priya, '/api/sync/push', {
			clientId,
			mutations: [{ seq: 2, id: uuid(), name: 'contact.record', args: {} }]
		});
		expect(stolen.status()).toBe(403);
		await alex.dispose();
		await priya.dispose();
	});
});

test('a device may not push as a victim’s portal client', async ({ baseURL }) => {
	const api = await signedIn(baseURL!, DEMO_USERS.caseworker.email);
	const response = await json(api, '/api/sync/push', {
		clientId: '2b1f0c3e-5d6a-8f00-a123-4567890abcde',
		mutations: [{ seq: 1, id: uuid(), name: 'contact.record', args: {} }]
	});
	expect(response.status()).toBe(400);
	expect(await response.text()).toContain('That client id is reserved');
	await api.dispose();
});

test('a first pull gives the caller’s scope and is never cached', async ({ baseURL }) => {
	const api = await signedIn(baseURL!, DEMO_USERS.caseworker.email);
	const response = await json(api, '/api/sync/pull', { cursor: null, limit: 100 });
	expect(response.status()).toBe(200);
	expect(response.headers()['cache-control']).toBe('no-store');
	const body = (await response.json()) as {
		scope: { caseIds: string[] };
		hasMore: boolean;
		total: number;
	};
	expect(body.scope.caseIds.length).toBeGreaterThan(30);
	expect(body.hasMore).toBe(true);
	expect(body.total).toBeGreaterThan(1000);
	await api.dispose();
});
