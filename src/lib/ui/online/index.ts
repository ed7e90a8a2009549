/**
 * Calls `onChange` at once with whether the browser is online, then on every change, and
 * `onReturn` each time the connection comes back after being lost; returns the function that
 * stops listening (for `onMount`).
 */
export function watchOnline(
	onChange: (online: boolean) => void,
	onReturn?: () => void
): () => void {
	let online = navigator.onLine;
	onChange(online);
	const on = () => {
		const cameBack = !online;
		online = true;
		onChange(true);
		if (cameBack) onReturn?.();
	};
	const off = () => {
		online = false;
		onChange(false);
	};
	window.addEventListener('online', on);
	window.addEventListener('offline', off);
	return () => {
		window.removeEventListener('online', on);
		window.removeEventListener('offline', off);
	};
}
