/**
 * When an idle device locks (ARCHITECTURE.md, "Device safety"), with time and timers passed in so
 * the rule can be tested without waiting: the lock falls due `idleMs` after the last input seen
 * in any tab. A timer is set for that moment and, when it fires, the rule is checked again
 * (another tab may have reported input since), so a late or early timer never locks too soon.
 */
export type Clock = {
	now(): number;
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(id: unknown): void;
};

export const browserClock: Clock = {
	now: () => Date.now(),
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>)
};

/** Whether a device last used at `lastActive` should be locked at `now`. */
export const idleFor = (lastActive: number, idleMs: number, now: number) =>
	now - lastActive >= idleMs;

export class IdleTimer {
	#lastActive: number;
	#idleMs: number;
	#timer: unknown = null;
	#running = false;

	constructor(
		private readonly o: {
			idleMs: number;
			lastActive: number;
			clock: Clock;
			onIdle: () => void;
		}
	) {
		this.#idleMs = o.idleMs;
		this.#lastActive = o.lastActive;
	}

	get lastActive() {
		return this.#lastActive;
	}

	get idleMs() {
		return this.#idleMs;
	}

	/** Input at `at` (here or in another tab). An older time than one already seen changes nothing. */
	activity(at = this.o.clock.now()) {
		if (at <= this.#lastActive) return;
		this.#lastActive = at;
		if (this.#running) this.#schedule();
	}

	setIdleMs(ms: number) {
		this.#idleMs = ms;
		if (this.#running) this.#schedule();
	}

	/** Starts watching; locks at once if the time has already passed. */
	start() {
		this.#running = true;
		this.#schedule();
	}

	stop() {
		this.#running = false;
		this.#clear();
	}

	/** Checks now, as when the page becomes visible again after its timers were held back. */
	check() {
		if (!this.#running) return;
		if (idleFor(this.#lastActive, this.#idleMs, this.o.clock.now())) {
			this.stop();
			this.o.onIdle();
		} else this.#schedule();
	}

	#clear() {
		if (this.#timer !== null) this.o.clock.clearTimeout(this.#timer);
		this.#timer = null;
	}

	#schedule() {
		this.#clear();
		const wait = this.#lastActive + this.#idleMs - this.o.clock.now();
		if (wait <= 0) {
			this.check();
			return;
		}
		this.#timer = this.o.clock.setTimeout(() => {
			this.#timer = null;
			this.check();
		}, wait);
	}
}
