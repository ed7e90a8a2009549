import { getContext, setContext } from 'svelte';
import { openHubDatabase, type HubDatabase } from './db';
import { fetchTransport } from './sync-engine';
import { SyncScheduler, type SyncState } from './sync-scheduler';
import { sealStoredValues } from './vault';

const KEY = Symbol('hub');

/** Background Sync is in Chromium only, and not in TypeScript's DOM library. */
type WithBackgroundSync = ServiceWorkerRegistration & {
	sync: { register(tag: string): Promise<void> };
};
const hasBackgroundSync = (r: ServiceWorkerRegistration | undefined): r is WithBackgroundSync =>
	r !== undefined && 'sync' in r;

/**
 * The signed-in user's device state: their database, the sync scheduler and what the status bar
 * shows. Made once by the layout and shared by context.
 */
export class Hub {
	readonly db: HubDatabase;
	/** Same database, relaxed durability: only for writing pulled pages, which can be pulled again. */
	readonly pageDb: HubDatabase;
	readonly scheduler: SyncScheduler;
	state: SyncState = $state({ kind: 'idle' });
	online = $state(true);
	/** Another tab upgraded the database: this page's code is older, so it stops and asks for a reload. */
	upgradedElsewhere = $state(false);

	#listDb: HubDatabase | null = null;

	/**
	 * Same database, for the pages that list many cases (the caseload, the team): a connection of
	 * its own whose live-query cache hands out the rows it read as they are (frozen) instead of a
	 * deep copy of every row on each read, which for a caseload's ~5,000 rows is a long task on a
	 * phone. Only for reads whose rows are parsed into new records; opened when first used.
	 */
	get listDb(): HubDatabase {
		this.#listDb ??= openHubDatabase(this.userId, { cache: 'immutable' });
		return this.#listDb;
	}

	constructor(readonly userId: string) {
		this.db = openHubDatabase(userId);
		this.pageDb = openHubDatabase(userId, { chromeTransactionDurability: 'relaxed' });
		this.scheduler = new SyncScheduler({
			db: this.db,
			pageDb: this.pageDb,
			userId,
			transport: fetchTransport(),
			onState: (s) => {
				this.state = s;
				if (s.kind === 'failed') void this.#syncInBackground();
			}
		});
	}

	/**
	 * Could not sync (no signal, or the server is down): where the browser has Background Sync, ask
	 * it to wake the service worker when the connection returns, even if every tab is closed by
	 * then. The worker sends this same outbox with the same push (service-worker/sw.ts).
	 */
	async #syncInBackground() {
		if (!('serviceWorker' in navigator)) return;
		const registration = await navigator.serviceWorker.getRegistration();
		if (!hasBackgroundSync(registration) || (await this.db.outbox.count()) === 0) return;
		await registration.sync.register(`outbox:${this.userId}`).catch(() => {});
	}

	start() {
		this.online = navigator.onLine;
		const online = () => {
			this.online = true;
			void this.scheduler.request();
		};
		const offline = () => {
			this.online = false;
			this.state = {
				kind: 'failed',
				message:
					'You are offline. Changes are saved on this device and will sync when you are back online.',
				retryAt: null
			};
		};
		const focus = () => void this.scheduler.request();
		window.addEventListener('online', online);
		window.addEventListener('offline', offline);
		window.addEventListener('focus', focus);
		const closedElsewhere = () => {
			if (this.db.closedElsewhere !== 'upgraded' && this.pageDb.closedElsewhere !== 'upgraded')
				return;
			this.upgradedElsewhere = true;
			this.scheduler.stop();
		};
		const unsubscribe = [
			this.db.onClosedElsewhere(closedElsewhere),
			this.pageDb.onClosedElsewhere(closedElsewhere)
		];
		this.scheduler.start();
		// Values kept in plain before the device encrypted them are sealed once (vault.ts).
		sealStoredValues(this.db).catch((e: unknown) =>
			console.error('Could not seal stored values', e)
		);
		this.#stop = () => {
			window.removeEventListener('online', online);
			window.removeEventListener('offline', offline);
			window.removeEventListener('focus', focus);
			for (const u of unsubscribe) u();
			this.scheduler.stop();
			this.#closeAll();
		};
		return () => this.stop();
	}

	#stop: (() => void) | null = null;

	/** Stops syncing and closes the database (so it can be deleted at sign-out). Once only. */
	stop() {
		const stop = this.#stop;
		this.#stop = null;
		stop?.();
		this.#closeAll();
	}

	#closeAll() {
		this.db.close();
		this.pageDb.close();
		this.#listDb?.close();
	}

	/** For the context of the component tree below the layout. */
	provide() {
		setContext(KEY, this);
		return this;
	}
}

export function useHub(): Hub {
	const hub = getContext<Hub | undefined>(KEY);
	if (!hub) throw new Error('useHub() needs a signed-in staff layout above it');
	return hub;
}
