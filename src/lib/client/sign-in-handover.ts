import { HANDOVER_KEY as KEY } from './device-settle';
import { StoredSecret, hashSecret } from './local-secret';

/**
 * The sign-in page hands the staff page that opens next a slow hash of the password just typed
 * (never the password), through this tab's sessionStorage, read once and removed. The staff page
 * keeps it in the user's own database, so the idle lock can be lifted with no signal.
 */
/** Older than this, it was not for the page opening now. */
const FRESH_MS = 5 * 60_000;

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
const session = (): Store | null => (typeof sessionStorage === 'undefined' ? null : sessionStorage);

/** On the sign-in page, as the form is sent: starts hashing (off the main thread). */
export function startPasswordCheck(password: string): Promise<StoredSecret | null> {
	if (!password || typeof crypto === 'undefined' || !crypto.subtle) return Promise.resolve(null);
	return hashSecret(password).catch(() => null);
}

/**
 * Once the server has accepted the password. Left even with no hash (hashing failed): it also
 * tells the staff page that the user has just signed in, so it opens unlocked.
 */
export function handOverPasswordCheck(
	check: StoredSecret | null,
	storage = session(),
	now = Date.now()
) {
	try {
		storage?.setItem(KEY, JSON.stringify({ check, at: now }));
	} catch {
		// Storage full or refused: offline unlocking will need a PIN or an online unlock first.
	}
}

/**
 * On the staff page: `null` unless a sign-in in this tab just now left a handover; then the hash,
 * if there is one. Removed whatever it holds.
 */
export function takePasswordCheck(
	storage = session(),
	now = Date.now()
): { check: StoredSecret | null } | null {
	const raw = storage?.getItem(KEY);
	if (!raw) return null;
	storage?.removeItem(KEY);
	try {
		const value = JSON.parse(raw) as { check?: unknown; at?: unknown };
		const fresh =
			typeof value.at === 'number' && now - value.at < FRESH_MS && value.at <= now + 1000;
		if (!fresh) return null;
		const parsed = StoredSecret.safeParse(value.check);
		return { check: parsed.success ? parsed.data : null };
	} catch {
		return null;
	}
}
