import { getContext, setContext } from 'svelte';
import { askAgainToKeep, keepDeviceStorage, type Persistence } from './storage';

const KEY = Symbol('device-storage');

/**
 * Whether the browser keeps the hub's data on this device, for the status bar's notice and the
 * device page. Made once by the staff shell, which asks the browser when it starts.
 */
export class DeviceStorage {
	/** `null` until the browser has answered. */
	persistence: Persistence | null = $state(null);

	async start() {
		this.persistence = await keepDeviceStorage();
	}

	async askAgain() {
		this.persistence = await askAgainToKeep();
	}

	provide() {
		setContext(KEY, this);
		return this;
	}
}

export function useDeviceStorage(): DeviceStorage {
	const storage = getContext<DeviceStorage | undefined>(KEY);
	if (!storage) throw new Error('useDeviceStorage() needs the staff shell above it');
	return storage;
}
