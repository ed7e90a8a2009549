/**
 * Calls `onChange` at once with whether the browser is online, then on every change; returns the
 * function that stops listening (for `onMount`).
 */
export function watchOnline(onChange: (online: boolean) => void): () => void {
	onChange(navigator.onLine);
	const on = () => onChange(true);
	const off = () => onChange(false);
	window.addEventListener('online', on);
	window.addEventListener('offline', off);
	return () => {
		window.removeEventListener('online', on);
		window.removeEventListener('offline', off);
	};
}
