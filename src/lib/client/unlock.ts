import type { StoredSecret } from './local-secret';

/**
 * Lifting the idle lock (ARCHITECTURE.md, "Device safety"). Online, the password is checked by
 * the server (`POST /api/unlock`, counted in the sign-in throttle). With no signal — or when the
 * server cannot be reached or the session has ended — the PIN or the password is checked against
 * the slow hashes kept in the user's own database. Wrong tries on the device are counted there
 * (a reload does not reset them): after `PIN_TRIES` the PIN stops working and only the password
 * will do; after `DEVICE_TRIES` in all, only the server can unlock.
 */
export const PIN_TRIES = 5;
export const DEVICE_TRIES = 15;
export const MIN_PIN_LENGTH = 6;

export type ServerAnswer =
	| { kind: 'ok' }
	/** Wrong password, or too many: the server's message. */
	| { kind: 'refused'; message: string }
	/** No answer, a server error or a session that has ended: the device checks instead. */
	| { kind: 'unavailable' };

export type LocalSecrets = {
	password: StoredSecret | null;
	pin: StoredSecret | null;
	failures: number;
};

export type UnlockDeps = {
	online(): boolean;
	askServer(password: string): Promise<ServerAnswer>;
	read(): Promise<LocalSecrets>;
	setFailures(failures: number): Promise<void>;
	/** After the server accepted the password: keep a fresh hash of it for offline unlocking. */
	remember(password: string): void;
	verify(secret: string, stored: StoredSecret): Promise<boolean>;
};

export type UnlockOutcome = { ok: true } | { ok: false; message: string };

/** What the lock screen asks for, from what the device can check. */
export function asksFor(online: boolean, secrets: LocalSecrets | null): 'password' | 'pin' {
	if (online || !secrets) return 'password';
	return secrets.pin && secrets.failures < PIN_TRIES ? 'pin' : 'password';
}

const tries = (n: number) => `${n} more wrong ${n === 1 ? 'try' : 'tries'}`;

export async function tryUnlock(input: string, deps: UnlockDeps): Promise<UnlockOutcome> {
	if (!input) return { ok: false, message: 'Enter your PIN or password.' };
	if (deps.online()) {
		const answer = await deps.askServer(input);
		if (answer.kind === 'ok') {
			await deps.setFailures(0);
			deps.remember(input);
			return { ok: true };
		}
		if (answer.kind === 'refused') return { ok: false, message: answer.message };
	}
	return unlockOnDevice(input, deps);
}

async function unlockOnDevice(input: string, deps: UnlockDeps): Promise<UnlockOutcome> {
	const { password, pin, failures } = await deps.read();
	if (failures >= DEVICE_TRIES)
		return {
			ok: false,
			message:
				'Too many wrong tries on this device. Connect to the internet, then enter your password to unlock.'
		};
	const pinWorks = pin !== null && failures < PIN_TRIES;
	if (!password && !pinWorks)
		return {
			ok: false,
			message: pin
				? 'Your PIN has stopped working after 5 wrong tries, and this device cannot check your password with no signal. Connect to the internet to unlock.'
				: 'This device cannot check your password with no signal. Connect to the internet to unlock.'
		};
	const matches =
		(pinWorks && /^\d+$/.test(input) && (await deps.verify(input, pin))) ||
		(password !== null && (await deps.verify(input, password)));
	if (matches) {
		await deps.setFailures(0);
		return { ok: true };
	}
	const now = failures + 1;
	await deps.setFailures(now);
	if (now >= DEVICE_TRIES)
		return {
			ok: false,
			message:
				'That is not right. After too many wrong tries, this device must be online to unlock: connect to the internet, then enter your password.'
		};
	const untilOnline = `After ${tries(DEVICE_TRIES - now)}, this device must be online to unlock.`;
	if (pin && now < PIN_TRIES)
		return {
			ok: false,
			message: `That PIN or password is not right. After ${tries(PIN_TRIES - now)}, your PIN will stop working.`
		};
	if (pin && now === PIN_TRIES)
		return {
			ok: false,
			message: `That PIN or password is not right. Your PIN has stopped working: enter your password. ${untilOnline}`
		};
	return { ok: false, message: `That password is not right. ${untilOnline}` };
}

/** A new PIN, checked: the error for the field, or null. */
export function pinProblem(
	pin: string,
	again: string
): { field: 'pin' | 'again'; message: string } | null {
	if (!pin) return { field: 'pin', message: 'Enter a PIN of at least 6 digits' };
	if (!/^\d+$/.test(pin)) return { field: 'pin', message: 'A PIN must be digits only, 0 to 9' };
	if (pin.length < MIN_PIN_LENGTH)
		return { field: 'pin', message: 'Enter a PIN of at least 6 digits' };
	if (easyToGuess(pin))
		return {
			field: 'pin',
			message: 'Choose a PIN that is harder to guess than one digit repeated or a run like 123456'
		};
	if (again !== pin)
		return { field: 'again', message: 'The two PINs are not the same: type it again' };
	return null;
}

/** One digit repeated, or a run up or down (123456, 987654). */
function easyToGuess(pin: string): boolean {
	const steps = new Set<number>();
	for (let i = 1; i < pin.length; i++) steps.add((Number(pin[i]) - Number(pin[i - 1]) + 10) % 10);
	return steps.size === 1 && [0, 1, 9].includes([...steps][0]!);
}
