/**
 * A new version of the app, found by the browser: the service worker installs it and it waits
 * (it does not take over by itself, see service-worker/sw.ts). The person chooses "Update now";
 * the switch then waits for any sync in flight, in any tab or in the service worker, by taking the
 * same Web Lock every sync takes, and reloads the page once the new version is in charge. The
 * outbox is in IndexedDB, which an update never touches.
 */
export type UpdatePhase =
	/** Nothing new, or no service worker (development, or a browser without one). */
	| 'none'
	/** A new version is ready. */
	| 'ready'
	/** "Update now" was chosen; a sync is still running. */
	| 'finishing-sync'
	/** No sync in flight: the new version is taking over and the page will reload. */
	| 'updating'
	/** Another tab switched to the new version: this one should be reloaded when convenient. */
	| 'updated-elsewhere';

const CHECK_EVERY_MS = 60 * 60_000;

export class AppUpdate {
	phase: UpdatePhase = $state('none');
	#waiting: ServiceWorker | null = null;
	#choseUpdate = false;

	constructor(private readonly userId: string) {}

	/** Starts watching; returns the function that stops (for `onMount`). */
	start(): () => void {
		const sw = navigator.serviceWorker;
		if (!sw) return () => {};
		let registration: ServiceWorkerRegistration | undefined;
		const found = (worker: ServiceWorker | null) => {
			// With no controller this is the first install, which takes charge by itself.
			if (!worker || !sw.controller) return;
			this.#waiting = worker;
			if (this.phase === 'none') this.phase = 'ready';
		};
		const track = (installing: ServiceWorker | null | undefined) =>
			installing?.addEventListener('statechange', () => {
				if (installing.state === 'installed') found(installing);
			});
		const onUpdateFound = () => track(registration?.installing);
		// On a first visit the worker takes charge of the page once it is installed: that is not an
		// update, and says nothing (only a change of an existing controller is one).
		let controlled = sw.controller !== null;
		const onControllerChange = () => {
			if (!controlled) {
				controlled = true;
				return;
			}
			if (this.#choseUpdate) location.reload();
			else this.phase = 'updated-elsewhere';
		};
		const check = () => void registration?.update().catch(() => {});
		sw.addEventListener('controllerchange', onControllerChange);
		void sw.getRegistration().then((r) => {
			registration = r;
			if (!r) return;
			found(r.waiting);
			// One may already be installing: its `updatefound` came before this listener.
			track(r.installing);
			r.addEventListener('updatefound', onUpdateFound);
		});
		const timer = setInterval(check, CHECK_EVERY_MS);
		window.addEventListener('online', check);
		return () => {
			clearInterval(timer);
			window.removeEventListener('online', check);
			sw.removeEventListener('controllerchange', onControllerChange);
			registration?.removeEventListener('updatefound', onUpdateFound);
		};
	}

	/** Switches once no sync is in flight; the page reloads when the new version is in charge. */
	async updateNow(): Promise<void> {
		const waiting = this.#waiting;
		if (!waiting || this.#choseUpdate) return;
		this.#choseUpdate = true;
		this.phase = 'finishing-sync';
		// Inside the lock no sync runs, in any tab or in the service worker. The new version takes
		// over once it is told to; the page reloads on `controllerchange` (see `start`). The lock is
		// not held until then: the old worker may itself be waiting for it to send the outbox, and
		// it cannot hand over while it waits. A sync that starts in between is safe to cut short
		// (the push is idempotent, and nothing leaves the outbox unacknowledged).
		const switchOver = () => {
			this.phase = 'updating';
			waiting.postMessage({ type: 'skip-waiting' });
			return Promise.resolve();
		};
		if (navigator.locks) await navigator.locks.request(`sync:${this.userId}`, switchOver);
		else await switchOver();
	}
}
