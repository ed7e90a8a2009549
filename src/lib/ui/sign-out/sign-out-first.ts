import { goto } from '$app/navigation';
import { resolve } from '$app/paths';
import type { ROLES } from '$lib/domain/roles';
import { dropPasswordCheck, settleOwedSignOut } from '$lib/client/device-settle';

/** Asked of the staff shell when the header's "Sign out" is pressed. */
export const SIGN_OUT_EVENT = 'victim-care-hub:sign-out';

/**
 * On the header's sign-out form (progressive enhancement). Without JavaScript the form posts to
 * `/sign-out` as before (no change can be waiting to sync without JavaScript). With it, the staff
 * shell is asked first (it answers by cancelling the event: it shows the sign-out on its lock
 * screen when locked, or opens the sign-out page); otherwise the sign-out page is opened here.
 * The page checks for unsynced changes, clears the device, then ends the session.
 *
 * The root layout imports this file directly, not the folder's index: the victim's portal shares
 * that layout and must not load the sign-out page's code (Dexie, the domain).
 */
export function signOutFirst(form: HTMLFormElement) {
	const onSubmit = (event: SubmitEvent) => {
		event.preventDefault();
		const asked = new CustomEvent(SIGN_OUT_EVENT, { cancelable: true });
		if (window.dispatchEvent(asked))
			void goto(resolve('/signing-out'), { state: { signOut: true } });
	};
	form.addEventListener('submit', onSubmit);
	return { destroy: () => form.removeEventListener('submit', onSubmit) };
}

let listening = false;

/**
 * On every page (root layout): a sign-out still owed to the server is sent as soon as the browser
 * is online, and the sign-in page's hand-over (`sign-in-handover.ts`) is dropped unless a staff
 * member is signed in.
 */
export function settleDevice(role: (typeof ROLES)[number] | undefined) {
	if (role !== 'caseworker' && role !== 'supervisor') dropPasswordCheck();
	void settleOwedSignOut();
	if (listening) return;
	listening = true;
	window.addEventListener('online', () => void settleOwedSignOut());
}
