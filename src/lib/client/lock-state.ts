import { z } from 'zod/mini';
import { idleFor } from './idle-timer';

/**
 * The idle lock's state for one user on this device, in localStorage so a page knows at once,
 * before anything is drawn, whether it opens locked: whether it is locked, when that user last
 * touched any tab, and the idle time they chose. No personal data (the key holds the user's id,
 * as the database name does). Removed with the user's data at sign-out.
 */
export const IDLE_CHOICES = [5, 10, 15, 30] as const;
export const DEFAULT_IDLE_MINUTES = 15;

export const LockRecord = z.object({
	locked: z.boolean(),
	lastActive: z.number(),
	idleMinutes: z.number().check(z.positive())
});
export type LockRecord = z.infer<typeof LockRecord>;

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
const local = (): Store | null => (typeof localStorage === 'undefined' ? null : localStorage);

export const LOCK_KEY_PREFIX = 'victim-care-hub:lock:';
const key = (userId: string) => `${LOCK_KEY_PREFIX}${userId}`;

export function readLockRecord(userId: string, storage: Store | null = local()): LockRecord | null {
	const raw = storage?.getItem(key(userId));
	if (!raw) return null;
	try {
		const parsed = LockRecord.safeParse(JSON.parse(raw));
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}

export function writeLockRecord(userId: string, record: LockRecord, storage = local()) {
	storage?.setItem(key(userId), JSON.stringify(record));
}

export function clearLockRecord(userId: string, storage = local()) {
	storage?.removeItem(key(userId));
}

/**
 * How a staff page opens: unlocked just after signing in (the password was just typed); otherwise
 * locked if it was locked, or if the user has been away longer than their idle time (a tab closed
 * and opened again later must not skip the lock). A record that does not read back opens locked:
 * failing closed costs one unlock.
 */
export function lockAtStart(
	stored: LockRecord | null,
	now: number,
	justSignedIn: boolean,
	hadRecord: boolean
): LockRecord {
	const idleMinutes = stored?.idleMinutes ?? DEFAULT_IDLE_MINUTES;
	if (justSignedIn) return { locked: false, lastActive: now, idleMinutes };
	if (!stored) return { locked: hadRecord, lastActive: now, idleMinutes };
	const locked = stored.locked || idleFor(stored.lastActive, idleMinutes * 60_000, now);
	return { locked, lastActive: stored.lastActive, idleMinutes };
}

/** Whether a raw record exists for the user (read back or not). */
export const hasLockRecord = (userId: string, storage: Store | null = local()) =>
	storage?.getItem(key(userId)) != null;
