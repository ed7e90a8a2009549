import type { HubDatabase } from './db';
import {
	AuthRequiredError,
	SyncFailedError,
	syncOnce,
	type SyncProgress,
	type Transport
} from './sync-engine';

export type SyncState =
	| { kind: 'idle' }
	| { kind: 'syncing'; progress: SyncProgress | null }
	| { kind: 'failed'; message: string; retryAt: number | null }
	| { kind: 'signed-out'; message: string };

export type SchedulerOptions = {
	db: HubDatabase;
	/** A relaxed-durability connection for writing pulled pages (see `syncOnce`). */
	pageDb?: HubDatabase;
	userId: string;
	transport: Transport;
	onState: (state: SyncState) => void;
	/** Browser hooks, replaceable in tests. */
	env?: Partial<SchedulerEnv>;
	intervalMs?: number;
};

type SchedulerEnv = {
	locks: { request: (name: string, cb: () => Promise<void>) => Promise<void> } | null;
	channel: (name: string) => {
		postMessage(m: unknown): void;
		onmessage: ((e: MessageEvent) => void) | null;
		close(): void;
	} | null;
	random: () => number;
	setTimeout: (cb: () => void, ms: number) => unknown;
	clearTimeout: (id: unknown) => void;
	isOnline: () => boolean;
};

const MAX_BACKOFF_MS = 5 * 60_000;

/**
 * Decides when to sync: at start, after a local change, when the browser comes online or the tab
 * regains focus, every minute, and after a failure with exponential backoff and jitter. One tab
 * syncs at a time (a Web Lock per user); other tabs' changes nudge it over a BroadcastChannel.
 */
export class SyncScheduler {
	#o: SchedulerOptions;
	#env: SchedulerEnv;
	#channel: ReturnType<SchedulerEnv['channel']>;
	#timer: unknown = null;
	#interval: ReturnType<typeof setInterval> | null = null;
	#failures = 0;
	#running: Promise<void> | null = null;
	#again = false;
	#paused = false;
	#stopped = false;

	constructor(options: SchedulerOptions) {
		this.#o = options;
		const g = globalThis as unknown as {
			navigator?: Navigator;
			BroadcastChannel?: typeof BroadcastChannel;
		};
		this.#env = {
			locks: g.navigator?.locks
				? { request: (name, cb) => g.navigator!.locks.request(name, cb) }
				: null,
			channel: (name) => (g.BroadcastChannel ? new g.BroadcastChannel(name) : null),
			random: Math.random,
			setTimeout: (cb, ms) => setTimeout(cb, ms),
			clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
			isOnline: () => g.navigator?.onLine ?? true,
			...options.env
		};
		this.#channel = this.#env.channel(`sync:${options.userId}`);
		if (this.#channel) this.#channel.onmessage = () => void this.request();
	}

	start() {
		this.#interval = setInterval(() => void this.request(), this.#o.intervalMs ?? 60_000);
		void this.request();
	}

	stop() {
		this.#stopped = true;
		if (this.#interval) clearInterval(this.#interval);
		if (this.#timer) this.#env.clearTimeout(this.#timer);
		this.#channel?.close();
	}

	/** A local change was written: sync soon, and tell the other tabs. */
	changed() {
		this.#channel?.postMessage('changed');
		void this.request();
	}

	/** After signing in again: sync resumes. */
	resume() {
		this.#paused = false;
		void this.request();
	}

	/** Ask for a sync; calls while one runs are folded into one more round. */
	request(): Promise<void> {
		if (this.#stopped || this.#paused) return Promise.resolve();
		if (!this.#env.isOnline()) {
			this.#o.onState({
				kind: 'failed',
				message:
					'You are offline. Changes are saved on this device and will sync when you are back online.',
				retryAt: null
			});
			return Promise.resolve();
		}
		if (this.#running) {
			this.#again = true;
			return this.#running;
		}
		this.#running = this.#run().finally(() => {
			this.#running = null;
			if (this.#again) {
				this.#again = false;
				void this.request();
			}
		});
		return this.#running;
	}

	async #run() {
		if (this.#timer) {
			this.#env.clearTimeout(this.#timer);
			this.#timer = null;
		}
		const work = async () => {
			this.#o.onState({ kind: 'syncing', progress: null });
			await syncOnce(
				this.#o.db,
				this.#o.transport,
				(progress) => this.#o.onState({ kind: 'syncing', progress }),
				this.#o.pageDb
			);
		};
		try {
			if (this.#env.locks) await this.#env.locks.request(`sync:${this.#o.userId}`, work);
			else await work();
			this.#failures = 0;
			this.#o.onState({ kind: 'idle' });
		} catch (error) {
			if (error instanceof AuthRequiredError) {
				this.#paused = true;
				this.#o.onState({ kind: 'signed-out', message: error.message });
				return;
			}
			const retryable = !(error instanceof SyncFailedError) || error.retryable;
			const message = error instanceof Error ? error.message : String(error);
			if (!retryable) {
				this.#o.onState({ kind: 'failed', message, retryAt: null });
				return;
			}
			this.#failures++;
			const delay = this.backoff(this.#failures);
			this.#timer = this.#env.setTimeout(() => void this.request(), delay);
			this.#o.onState({ kind: 'failed', message, retryAt: Date.now() + delay });
		}
	}

	/** 1 s, 2 s, 4 s … capped at 5 minutes, each scaled by a random 50–150% so devices do not retry in step. */
	backoff(failures: number): number {
		const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, failures - 1));
		return Math.round(base * (0.5 + this.#env.random()));
	}
}
