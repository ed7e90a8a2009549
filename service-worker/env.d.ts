/** SvelteKit's module for service workers (its own types need the DOM library, which this worker is typed without). */
declare module '$service-worker' {
	/** The app's version: changes with each build. */
	export const version: string;
}
