import { getContext, setContext } from 'svelte';
import type { HubDatabase } from './db';
import type { DeviceChannel, DeviceMessage } from './device-channel';
import { IdleTimer, browserClock, type Clock } from './idle-timer';
import { hashSecret, StoredSecret, verifySecret } from './local-secret';
import {
	DEFAULT_IDLE_MINUTES,
	hasLockRecord,
	lockAtStart,
	readLockRecord,
	writeLockRecord
} from './lock-state';
import { tryUnlock, type LocalSecrets, type ServerAnswer, type UnlockOutcome } from './unlock';

const KEY = Symbol('device-lock');
/** Input is shared with other tabs (and stored) at most this often. */
const SHARE_EVERY_MS = 5_000;
/**
 * What counts as the person being there. Not `scroll`: the page scrolls by itself too (scroll
 * anchoring when the sync status above changes height), which would keep an unattended device
 * from ever locking; a person scrolls with the wheel, touch or keys, all counted.
 */
const INPUT_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'touchstart', 'wheel', 'input'];

/**
 * The idle lock of a staff device (ARCHITECTURE.md, "Device safety"): after the user's idle time
 * with no input in any of their tabs, every tab hides its page behind the lock screen until the
 * PIN or password is given. Made once by the staff shell and shared by context.
 */
export class DeviceLock {
	locked = $state(false);
	idleMinutes = $state(DEFAULT_IDLE_MINUTES);
	#timer: IdleTimer;
	#lastShared = 0;

	constructor(
		readonly userId: string,
		private readonly db: HubDatabase,
		readonly channel: DeviceChannel,
		justSignedIn: boolean,
		private readonly clock: Clock = browserClock
	) {
		const start = lockAtStart(
			readLockRecord(userId),
			clock.now(),
			justSignedIn,
			hasLockRecord(userId)
		);
		this.locked = start.locked;
		this.idleMinutes = start.idleMinutes;
		this.#timer = new IdleTimer({
			idleMs: start.idleMinutes * 60_000,
			lastActive: start.lastActive,
			clock,
			onIdle: () => this.lock()
		});
	}

	start(): () => void {
		const onInput = () => this.#input();
		const onVisible = () => {
			if (document.visibilityState === 'visible') this.#timer.check();
		};
		for (const type of INPUT_EVENTS)
			window.addEventListener(type, onInput, { capture: true, passive: true });
		document.addEventListener('visibilitychange', onVisible);
		const unlisten = this.channel.listen((m) => this.#heard(m));
		this.#save();
		if (!this.locked) this.#timer.start();
		return () => {
			for (const type of INPUT_EVENTS) window.removeEventListener(type, onInput, { capture: true });
			document.removeEventListener('visibilitychange', onVisible);
			unlisten();
			this.#timer.stop();
		};
	}

	lock() {
		if (this.locked) return;
		this.locked = true;
		this.#timer.stop();
		this.#save();
		this.channel.post({ type: 'locked', userId: this.userId });
	}

	/** Checks the PIN or password; unlocks every tab of this user when it is right. */
	async unlock(input: string): Promise<UnlockOutcome> {
		const outcome = await tryUnlock(input, {
			online: () => navigator.onLine,
			askServer,
			read: () => this.secrets(),
			setFailures: async (n) => void (await this.db.meta.put({ key: 'unlockFailures', value: n })),
			remember: (password) => void this.rememberPassword(password),
			verify: verifySecret
		});
		if (outcome.ok) {
			const at = this.clock.now();
			this.#unlocked(at);
			this.channel.post({ type: 'unlocked', userId: this.userId, at });
		}
		return outcome;
	}

	/** The hashes and wrong-try count kept in the user's database. */
	async secrets(): Promise<LocalSecrets> {
		const [password, pin, failures] = await this.db.meta.bulkGet([
			'passwordCheck',
			'pinCheck',
			'unlockFailures'
		]);
		const secret = (m: typeof password) => {
			const parsed = StoredSecret.safeParse(m?.value);
			return parsed.success ? parsed.data : null;
		};
		return {
			password: secret(password),
			pin: secret(pin),
			failures: failures?.key === 'unlockFailures' ? failures.value : 0
		};
	}

	/** A slow hash of the password, for unlocking with no signal. Made off the main thread. */
	async rememberPassword(password: string) {
		await this.keepPasswordCheck(await hashSecret(password));
	}

	async keepPasswordCheck(check: StoredSecret) {
		await this.db.meta.put({ key: 'passwordCheck', value: check });
	}

	async setPin(pin: string) {
		const check = await hashSecret(pin);
		await this.db.transaction('rw', this.db.meta, async () => {
			await this.db.meta.put({ key: 'pinCheck', value: check });
			await this.db.meta.put({ key: 'unlockFailures', value: 0 });
		});
	}

	async removePin() {
		await this.db.meta.delete('pinCheck');
	}

	setIdleMinutes(minutes: number) {
		this.idleMinutes = minutes;
		this.#timer.setIdleMs(minutes * 60_000);
		this.#save();
		this.channel.post({ type: 'lock-settings', userId: this.userId });
	}

	/** For the context of the component tree below the staff shell. */
	provide() {
		setContext(KEY, this);
		return this;
	}

	#input() {
		if (this.locked) return;
		const now = this.clock.now();
		this.#timer.activity(now);
		if (now - this.#lastShared < SHARE_EVERY_MS) return;
		this.#lastShared = now;
		this.#save();
		this.channel.post({ type: 'activity', userId: this.userId, at: now });
	}

	#heard(m: DeviceMessage) {
		if (m.userId !== this.userId) return;
		if (m.type === 'activity' && !this.locked) this.#timer.activity(m.at);
		else if (m.type === 'locked' && !this.locked) {
			this.locked = true;
			this.#timer.stop();
		} else if (m.type === 'unlocked' && this.locked) this.#unlocked(m.at);
		else if (m.type === 'lock-settings') {
			const minutes = readLockRecord(this.userId)?.idleMinutes;
			if (minutes) {
				this.idleMinutes = minutes;
				this.#timer.setIdleMs(minutes * 60_000);
			}
		}
	}

	#unlocked(at: number) {
		this.locked = false;
		this.#timer.activity(at);
		this.#timer.start();
		this.#save();
	}

	#save() {
		writeLockRecord(this.userId, {
			locked: this.locked,
			lastActive: this.#timer.lastActive,
			idleMinutes: this.idleMinutes
		});
	}
}

export function useLock(): DeviceLock {
	const lock = getContext<DeviceLock | undefined>(KEY);
	if (!lock) throw new Error('useLock() needs the staff shell above it');
	return lock;
}

/** `POST /api/unlock`. Anything but a clear yes or no lets the device check instead. */
async function askServer(password: string): Promise<ServerAnswer> {
	let response: Response;
	try {
		response = await fetch('/api/unlock', {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			body: JSON.stringify({ password }),
			credentials: 'same-origin',
			cache: 'no-store'
		});
	} catch {
		return { kind: 'unavailable' };
	}
	if (response.ok) return { kind: 'ok' };
	if (response.status === 400 || response.status === 429) {
		const body = (await response.json().catch(() => null)) as { message?: unknown } | null;
		if (typeof body?.message === 'string') return { kind: 'refused', message: body.message };
	}
	return { kind: 'unavailable' };
}
