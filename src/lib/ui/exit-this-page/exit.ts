/**
 * "Exit a page quickly" (GOV.UK Design System pattern): leave for a neutral site at once and end
 * the session behind us. The page is replaced (not added to history), so Back does not return.
 */
export const NEUTRAL_SITE = 'https://www.bbc.co.uk/weather';

/** Within this long, three presses of Shift on its own leave the page. */
export const SHIFT_WINDOW_MS = 5_000;

export function exitNow(location: Pick<Location, 'replace'> = window.location) {
	// The service worker drops every kept page (the sign-out below would too, if it reaches it).
	navigator.serviceWorker?.controller?.postMessage({ type: 'forget' });
	// Ends the session server-side; `keepalive` lets the request finish after the page has gone.
	void fetch('/sign-out', {
		method: 'POST',
		body: new FormData(),
		credentials: 'same-origin',
		keepalive: true
	}).catch(() => undefined);
	location.replace(NEUTRAL_SITE);
}

/**
 * Counts presses of Shift on its own (not Shift held for a capital letter). Returns true when the
 * third such press comes within the window of the first.
 */
export class ShiftCounter {
	private presses: number[] = [];
	private shiftDown = false;
	private usedAsModifier = false;

	keydown(key: string) {
		if (key === 'Shift') {
			this.shiftDown = true;
			this.usedAsModifier = false;
			return;
		}
		// Shift held for another key (a capital letter) is typing, not a signal; any other key
		// between presses starts the count again.
		if (this.shiftDown) this.usedAsModifier = true;
		this.presses = [];
	}

	keyup(key: string, at: number): boolean {
		if (key !== 'Shift') return false;
		this.shiftDown = false;
		if (this.usedAsModifier) return false;
		this.presses = [...this.presses.filter((t) => at - t < SHIFT_WINDOW_MS), at];
		if (this.presses.length < 3) return false;
		this.presses = [];
		return true;
	}
}
