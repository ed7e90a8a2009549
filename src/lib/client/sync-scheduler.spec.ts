import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { openHubDatabase } from './db';
import { SyncScheduler, type SyncState } from './sync-scheduler';
import type { Transport } from './sync-engine';

const emptyPull = {
	status: 200,
	body: {
		cursor: { v: -1, t: 0, id: '00000000-0000-0000-0000-000000000000' },
		hasMore: false,
		changes: {},
		scope: null,
		total: null
	}
};

function harness(transport: Partial<Transport>, env: Record<string, unknown> = {}) {
	const states: SyncState[] = [];
	const timers: { cb: () => void; ms: number }[] = [];
	let n = 0;
	const scheduler = new SyncScheduler({
		db: openHubDatabase(`scheduler-${++n}-${Math.random()}`),
		userId: 'u',
		transport: {
			push: () => Promise.resolve({ status: 200, body: { ackSeq: 0, results: [] } }),
			pull: () => Promise.resolve(emptyPull),
			...transport
		},
		onState: (s) => states.push(s),
		env: {
			locks: null,
			channel: () => null,
			random: () => 0.5,
			setTimeout: (cb, ms) => timers.push({ cb, ms }),
			clearTimeout: () => {},
			isOnline: () => true,
			...env
		}
	});
	return { scheduler, states, timers };
}

describe('sync scheduling', () => {
	it('backs off exponentially with jitter, up to five minutes', () => {
		const { scheduler } = harness({});
		expect([1, 2, 3, 4].map((f) => scheduler.backoff(f))).toEqual([1000, 2000, 4000, 8000]);
		expect(scheduler.backoff(20)).toBe(300_000);
	});

	it('schedules a retry after a network failure and says so', async () => {
		const { scheduler, states, timers } = harness({
			pull: () => Promise.reject(Object.assign(new Error('Cannot reach the server.'), {}))
		});
		await scheduler.request();
		expect(states.at(-1)).toMatchObject({ kind: 'failed', message: 'Cannot reach the server.' });
		expect(timers.map((t) => t.ms)).toEqual([1000]);
	});

	it('pauses on an ended session and does not retry until resumed', async () => {
		let calls = 0;
		const { scheduler, states, timers } = harness({
			pull: () => (calls++, Promise.resolve({ status: 401, body: { message: 'Sign in' } }))
		});
		await scheduler.request();
		expect(states.at(-1)?.kind).toBe('signed-out');
		await scheduler.request();
		expect(calls).toBe(1);
		expect(timers).toHaveLength(0);
	});

	it('folds requests made during a sync into one more round', async () => {
		let calls = 0;
		let release!: () => void;
		const gate = new Promise<void>((r) => (release = r));
		const { scheduler } = harness({
			pull: async () => {
				calls++;
				if (calls === 1) await gate;
				return emptyPull;
			}
		});
		const first = scheduler.request();
		void scheduler.request();
		void scheduler.request();
		release();
		await first;
		// Three requests, one already running: exactly one more round follows.
		await vi.waitFor(() => expect(calls).toBe(2));
		await scheduler.request();
		expect(calls).toBe(3);
	});

	it('does not try while the browser is offline, and says changes are kept', async () => {
		let calls = 0;
		const { scheduler, states } = harness(
			{ pull: () => (calls++, Promise.resolve(emptyPull)) },
			{ isOnline: () => false }
		);
		await scheduler.request();
		expect(calls).toBe(0);
		expect(states.at(-1)).toMatchObject({
			kind: 'failed',
			message: expect.stringMatching(/offline/) as unknown
		});
	});
});
