/**
 * The little every page does for device safety (ARCHITECTURE.md, "Device safety"), the victim's
 * portal included, so it imports nothing: a sign-out made with no signal is sent to the server
 * once online, and the sign-in page's hand-over to a staff page never lingers anywhere else.
 */

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
const local = (): Store | null => (typeof localStorage === 'undefined' ? null : localStorage);
const session = (): Store | null => (typeof sessionStorage === 'undefined' ? null : sessionStorage);

/** sessionStorage: a slow hash of the password just typed at sign-in (`sign-in-handover.ts`). */
export const HANDOVER_KEY = 'victim-care-hub:password-check';

export function dropPasswordCheck(storage = session()) {
	storage?.removeItem(HANDOVER_KEY);
}

/** Ends the session on the server (the same POST as the form). False if it could not be reached. */
export async function endServerSession(fetchImpl: typeof fetch = fetch): Promise<boolean> {
	try {
		const response = await fetchImpl('/sign-out', {
			method: 'POST',
			body: new URLSearchParams(),
			credentials: 'same-origin',
			cache: 'no-store',
			redirect: 'manual'
		});
		return response.type === 'opaqueredirect' || (response.status >= 200 && response.status < 400);
	} catch {
		return false;
	}
}

/**
 * Signed out with no signal: the device is cleared, and this flag (no personal data) says the
 * server is still to be told. Sent when the browser is next online on any page of the app.
 */
const OWED_KEY = 'victim-care-hub:sign-out-owed';
export const markSignOutOwed = (storage = local()) => storage?.setItem(OWED_KEY, '1');
export const signOutOwed = (storage = local()) => storage?.getItem(OWED_KEY) === '1';
export const clearSignOutOwed = (storage = local()) => storage?.removeItem(OWED_KEY);

/** Sends a sign-out still owed, if any and if online; true when none is owed any more. */
export async function settleOwedSignOut(
	storage = local(),
	fetchImpl: typeof fetch = fetch,
	online = () => navigator.onLine
): Promise<boolean> {
	if (!signOutOwed(storage)) return true;
	if (!online() || !(await endServerSession(fetchImpl))) return false;
	clearSignOutOwed(storage);
	return true;
}
