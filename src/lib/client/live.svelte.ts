import { liveQuery } from 'dexie';

/**
 * A Dexie `liveQuery` as Svelte 5 state: re-runs when anything it read changes, in this tab or
 * another (Dexie broadcasts writes between tabs), and stops with the component that made it.
 */
export class Live<T> {
	current: T | undefined = $state(undefined);
	error: Error | null = $state(null);
	loaded = $state(false);

	constructor(query: () => T | Promise<T>) {
		$effect(() => {
			const subscription = liveQuery(query).subscribe({
				next: (value) => {
					this.current = value;
					this.loaded = true;
					this.error = null;
				},
				error: (e: unknown) => {
					this.error = e instanceof Error ? e : new Error(String(e));
				}
			});
			return () => subscription.unsubscribe();
		});
	}
}
