import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '$lib/server/db/schema';
import { fuzz, openWorld, snapshot, TARGETS, type World } from '../test-data/bad-input';
import { invoke } from '../test-data/route-harness';

/**
 * Bad input at every endpoint, form action and sync mutation kind (issue 10, item 2): never a 5xx,
 * a refusal is a 4xx that says what was wrong, and a refusal writes nothing. A few cases of each
 * here; `npm run test:soak` runs `bad-input.soak.spec.ts`, thousands of them.
 */

const RUNS = Number(process.env.FUZZ_RUNS_PER_TARGET ?? 25);

describe('bad input', () => {
	let world: World;
	beforeAll(async () => {
		world = await openWorld();
	});
	afterAll(async () => {
		await world.handle.close();
	});

	for (const target of TARGETS)
		it(`${target.name} (${target.kind} ${target.routeId}): never a 5xx, a clear 4xx, nothing written`, async () => {
			await fuzz(world, target, RUNS);
		});
});

/** What the fuzzer found, kept as plain examples so each stays fixed. */
describe('bad input the fuzzer found', () => {
	let world: World;
	beforeAll(async () => {
		world = await openWorld();
	});
	afterAll(async () => {
		await world.handle.close();
	});

	const push = (mutation: Record<string, unknown>, clientId = uuidv7()) =>
		invoke('/api/sync/push', 'POST', world.caseworker, {
			method: 'POST',
			path: '/api/sync/push',
			json: { clientId, mutations: [{ seq: 1, id: uuidv7(), ...mutation }] }
		});

	it('refuses broken Unicode in a pushed change with a 400 naming where it is, and writes nothing', async () => {
		const before = await snapshot(world.handle.db);
		const answer = await push({ name: 'contact.record', args: { summary: 'a\uD800b' } });
		expect(answer.status).toBe(400);
		expect(JSON.parse(answer.text)).toEqual({
			message: expect.stringContaining('mutations.0.args.summary') as unknown
		});
		expect(await snapshot(world.handle.db)).toEqual(before);
	});

	it('refuses a NUL character in a JSON key with a 400', async () => {
		const answer = await push({ name: 'contact.record', args: { 'a\u0000': 1 } });
		expect(answer.status).toBe(400);
		expect(answer.text).toContain('cannot be kept');
	});

	it('refuses a pushed change with no arguments with a 400 that says so', async () => {
		const answer = await push({ name: 'hearing.acknowledge', args: null });
		expect(answer.status).toBe(400);
		expect(answer.text).toContain("Send the mutation's arguments (args)");
	});

	it('does not register a new device whose first push is refused because changes are missing', async () => {
		const clientId = uuidv7();
		const answer = await invoke('/api/sync/push', 'POST', world.caseworker, {
			method: 'POST',
			path: '/api/sync/push',
			json: { clientId, mutations: [{ seq: 5, id: uuidv7(), name: 'contact.record', args: {} }] }
		});
		expect(answer.status).toBe(409);
		expect(
			await world.handle.db.select().from(s.syncClients).where(eq(s.syncClients.id, clientId))
		).toEqual([]);
	});

	it('answers a language choice sent as JSON with a 415 that says to send a form', async () => {
		const answer = await invoke('/(victim)/your-case/language', 'POST', world.victim, {
			method: 'POST',
			path: '/your-case/language',
			json: { locale: 'pl' }
		});
		expect(answer.status).toBe(415);
		expect(answer.text).toContain('Send the form as a form');
	});
});
