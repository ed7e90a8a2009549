import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterYield, Slices, stepByStep, yieldToBrowser } from './slices';

/** Whether `promise` settles within a few turns of the microtask queue (no task in between). */
async function settlesAtOnce(promise: Promise<unknown>): Promise<boolean> {
	let settled = false;
	void promise.then(() => (settled = true));
	for (let i = 0; i < 10; i++) await Promise.resolve();
	return settled;
}

describe('work in slices', () => {
	afterEach(() => {
		vi.useRealTimers();
		vi.unstubAllGlobals();
	});

	it('carries on at once while a slice has time left, and lets the browser in once it has used it', async () => {
		vi.useFakeTimers({ toFake: ['performance', 'setTimeout'] });
		vi.stubGlobal('scheduler', undefined);
		const slices = new Slices(8);
		vi.advanceTimersByTime(7);
		expect(slices.due).toBe(false);
		expect(await settlesAtOnce(slices.next())).toBe(true);

		vi.advanceTimersByTime(1);
		expect(slices.due).toBe(true);
		const next = slices.next();
		expect(await settlesAtOnce(next)).toBe(false); // waits for a task of its own
		await vi.advanceTimersByTimeAsync(0);
		await next;
		expect(slices.due).toBe(false); // a new slice starts after the yield
	});

	it("uses the browser's scheduler.yield() where there is one", async () => {
		const yieldFn = vi.fn(() => Promise.resolve());
		vi.stubGlobal('scheduler', { yield: yieldFn });
		await yieldToBrowser();
		expect(yieldFn).toHaveBeenCalledOnce();
	});

	it('runs the next part after the browser has had its turn, unless stopped first', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout'] });
		vi.stubGlobal('scheduler', undefined);
		const parts: string[] = [];
		afterYield(() => parts.push('drawn'));
		const stop = afterYield(() => parts.push('stopped one'));
		stop();
		expect(parts).toEqual([]);
		await vi.advanceTimersByTimeAsync(0);
		expect(parts).toEqual(['drawn']);
	});

	it('runs each step in a task of its own, and once stopped runs no more and undoes those that ran', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout'] });
		vi.stubGlobal('scheduler', undefined);
		const log: string[] = [];
		const stop = stepByStep([
			() => {
				log.push('first');
				return () => log.push('first undone');
			},
			() => void log.push('second'),
			() => void log.push('third')
		]);
		expect(log).toEqual([]); // nothing before the browser's turn
		await vi.runOnlyPendingTimersAsync();
		expect(log).toEqual(['first']); // one step per task
		await vi.runOnlyPendingTimersAsync();
		expect(log).toEqual(['first', 'second']);
		stop();
		await vi.runOnlyPendingTimersAsync();
		expect(log).toEqual(['first', 'second', 'first undone']);
	});
});
