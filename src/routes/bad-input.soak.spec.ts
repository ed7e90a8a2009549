import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzz, openWorld, TARGETS, type Target, type World } from '../test-data/bad-input';

/**
 * The bad-input soak (`npm run test:soak`): `FUZZ_RUNS` cases in all (10,000 unless set), shared
 * out among the targets: sync push gets a third, since it takes every mutation kind; those that
 * check a password (Argon2, slow on purpose) get 2% each; the rest share what is left. Same
 * checks as `bad-input.spec.ts`: never a 5xx, a clear 4xx, nothing written by a refusal.
 */

const TOTAL = Number(process.env.FUZZ_RUNS ?? 10_000);
const isPush = (t: Target) => t.routeId === '/api/sync/push';
const PUSH_SHARE = Math.ceil(TOTAL / 3);
const HASHING_SHARE = Math.ceil(TOTAL / 50);
const hashing = TARGETS.filter((t) => t.hashes).length;
const EACH_OTHER = Math.ceil(
	(TOTAL - PUSH_SHARE - hashing * HASHING_SHARE) / (TARGETS.length - 1 - hashing)
);
const runsFor = (t: Target) => (isPush(t) ? PUSH_SHARE : t.hashes ? HASHING_SHARE : EACH_OTHER);

describe('bad input, soak', () => {
	let world: World;
	let tried = 0;
	const started = Date.now();
	beforeAll(async () => {
		world = await openWorld();
	});
	afterAll(async () => {
		await world.handle.close();
		console.log(
			`bad-input soak: ${tried} cases in ${Math.round((Date.now() - started) / 1000)} s, no 5xx, no write by a refusal`
		);
	});

	for (const target of TARGETS)
		it(`${target.name} (${target.kind} ${target.routeId})`, { timeout: 3_600_000 }, async () => {
			tried += await fuzz(world, target, runsFor(target));
		});

	it('tried at least as many cases as asked for', () => {
		expect(tried).toBeGreaterThanOrEqual(TOTAL);
	});
});
