import { getContext, setContext } from 'svelte';
import { openHubDatabase, type HubDatabase } from './db';
import { fetchTransport } from './sync-engine';
import { SyncScheduler, type SyncState } from './sync-scheduler';
import { sealStoredValues } from './vault';

const KEY = Symbol('hub');

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

	constructor(readonly userId: string) {
		this.db = openHubDatabase(userId);
		this.pageDb = openHubDatabase(userId, { chromeTransactionDurability: 'relaxed' });
		this.scheduler = new SyncScheduler({
			db: this.db,
			pageDb: this.pageDb,
			userId,
			transport: fetchTransport(),
			onState: (s) => (this.state = s)
		});
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
		this.scheduler.start();
		// Values kept in plain before the device encrypted them are sealed once (vault.ts).
		sealStoredValues(this.db).catch((e: unknown) =>
			console.error('Could not seal stored values', e)
		);
		return () => {
			window.removeEventListener('online', online);
			window.removeEventListener('offline', offline);
			window.removeEventListener('focus', focus);
			this.scheduler.stop();
			this.db.close();
			this.pageDb.close();
		};
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
