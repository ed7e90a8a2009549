/**
 * Long work on the main thread done in slices, so the page answers taps and keys between them
 * (Lighthouse's Total Blocking Time counts every task over 50 ms; a mid-range phone runs about
 * four times slower than a laptop, so a slice here is kept to a few milliseconds).
 */

/** Milliseconds a slice may run before it lets the browser in. */
export const SLICE_MS = 8;

type Scheduler = { yield?: () => Promise<void> };

/**
 * Lets the browser handle input and paint, then resumes. `scheduler.yield()` where the browser has
 * it (Chromium 129+: the work resumes ahead of other tasks), a new task otherwise.
 *
 * Wrapped in `Promise.resolve`, as Dexie asks of any other promise awaited in a live query's
 * querier, so Dexie keeps its context across it (only await it there after the querier's reads).
 */
export function yieldToBrowser(): Promise<void> {
	const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
	const next = scheduler?.yield
		? scheduler.yield()
		: new Promise<void>((resolve) => setTimeout(resolve, 0));
	return Promise.resolve(next);
}

/**
 * Runs `then` after yielding to the browser, unless the returned function is called first: for
 * an effect that draws a page a part at a time (return it as the effect's cleanup).
 */
export function afterYield(then: () => void): () => void {
	let stopped = false;
	void yieldToBrowser().then(() => {
		if (!stopped) then();
	});
	return () => {
		stopped = true;
	};
}

/**
 * Runs `steps` one task each, yielding to the browser before each, until the returned function
 * is called; that function also runs, last first, the cleanups the steps that ran gave back. For
 * start-up work a page does not need for its first paint.
 */
export function stepByStep(steps: (() => (() => void) | void)[]): () => void {
	const cleanups: (() => void)[] = [];
	let stopped = false;
	void (async () => {
		for (const step of steps) {
			await yieldToBrowser();
			if (stopped) return;
			const cleanup = step();
			if (cleanup) cleanups.push(cleanup);
		}
	})();
	return () => {
		stopped = true;
		for (const cleanup of cleanups.reverse()) cleanup();
	};
}

/** Counts the time of the current slice; `next()` starts a new one once it has run its time. */
export class Slices {
	#since = performance.now();

	constructor(readonly budgetMs = SLICE_MS) {}

	/** Whether the current slice has used its time. */
	get due(): boolean {
		return performance.now() - this.#since >= this.budgetMs;
	}

	/** Yields to the browser if the slice has used its time (call it between units of work). */
	async next(): Promise<void> {
		if (!this.due) return;
		await yieldToBrowser();
		this.#since = performance.now();
	}
}

let collationLoaded = false;

/**
 * Readies the browser to compare text by language (`localeCompare`, to sort people by name): the
 * first comparison a page makes loads the browser's collation data, 10–20 ms on a laptop and four
 * times that on a phone. Done here alone, between two yields, it is not added to a slice of other
 * work. Call it only after a live query's reads (it yields).
 */
export async function readyToSortByName(): Promise<void> {
	if (collationLoaded) return;
	await yieldToBrowser();
	'a'.localeCompare('b');
	collationLoaded = true;
	await yieldToBrowser();
}
