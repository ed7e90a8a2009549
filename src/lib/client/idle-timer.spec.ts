import { describe, expect, it } from 'vitest';
import { IdleTimer, idleFor, type Clock } from './idle-timer';
import { DEFAULT_IDLE_MINUTES, lockAtStart } from './lock-state';

const MINUTE = 60_000;

/** A clock the test moves by hand: timers fire when time passes their moment, in order. */
function fakeClock(start = 1_000_000) {
	let now = start;
	let nextId = 0;
	const timers = new Map<number, { at: number; cb: () => void }>();
	const clock: Clock = {
		now: () => now,
		setTimeout: (cb, ms) => {
			timers.set(++nextId, { at: now + ms, cb });
			return nextId;
		},
		clearTimeout: (id) => void timers.delete(id as number)
	};
	const advance = (ms: number) => {
		const until = now + ms;
		for (;;) {
			const due = [...timers.entries()]
				.filter(([, t]) => t.at <= until)
				.sort((a, b) => a[1].at - b[1].at)[0];
			if (!due) break;
			timers.delete(due[0]);
			now = due[1].at;
			due[1].cb();
		}
		now = until;
	};
	return { clock, advance, pending: () => timers.size, jump: (ms: number) => (now += ms) };
}

function timer(idleMinutes = 15) {
	const c = fakeClock();
	let locks = 0;
	const t = new IdleTimer({
		idleMs: idleMinutes * MINUTE,
		lastActive: c.clock.now(),
		clock: c.clock,
		onIdle: () => locks++
	});
	return { ...c, t, locks: () => locks };
}

describe('the idle timer', () => {
	it('locks once the idle time has passed with no input, and not a moment before', () => {
		const { t, advance, locks } = timer();
		t.start();
		advance(15 * MINUTE - 1);
		expect(locks()).toBe(0);
		advance(1);
		expect(locks()).toBe(1);
		advance(60 * MINUTE);
		expect(locks()).toBe(1); // stopped: locking again is the unlock's business
	});

	it('starts the idle time again at each input', () => {
		const { t, advance, locks } = timer();
		t.start();
		advance(10 * MINUTE);
		t.activity();
		advance(10 * MINUTE);
		expect(locks()).toBe(0);
		advance(5 * MINUTE);
		expect(locks()).toBe(1);
	});

	it('counts input reported by another tab, and ignores a report older than what it has seen', () => {
		const { t, advance, locks, clock } = timer();
		t.start();
		advance(14 * MINUTE);
		t.activity(clock.now()); // another tab at 14 minutes
		t.activity(clock.now() - 13 * MINUTE); // a late, older message
		expect(t.lastActive).toBe(clock.now());
		advance(14 * MINUTE);
		expect(locks()).toBe(0);
		advance(MINUTE);
		expect(locks()).toBe(1);
	});

	it('applies a new idle time at once, from the last input', () => {
		const { t, advance, locks } = timer(15);
		t.start();
		advance(6 * MINUTE);
		t.setIdleMs(5 * MINUTE);
		expect(locks()).toBe(1); // already idle for longer than 5 minutes
		const other = timer(15);
		other.t.start();
		other.advance(2 * MINUTE);
		other.t.setIdleMs(30 * MINUTE);
		other.advance(27 * MINUTE);
		expect(other.locks()).toBe(0);
		other.advance(MINUTE);
		expect(other.locks()).toBe(1);
	});

	it('checks the time itself when asked (a page whose timers were held back in the background)', () => {
		const { t, jump, locks } = timer();
		t.start();
		jump(20 * MINUTE); // time passed, the timer has not fired
		t.check();
		expect(locks()).toBe(1);
	});

	it('does nothing once stopped', () => {
		const { t, advance, locks, pending } = timer();
		t.start();
		t.stop();
		expect(pending()).toBe(0);
		advance(60 * MINUTE);
		t.check();
		expect(locks()).toBe(0);
	});

	it('idleFor is the rule: at or past the idle time', () => {
		expect(idleFor(0, 10, 9)).toBe(false);
		expect(idleFor(0, 10, 10)).toBe(true);
	});
});

describe('how a staff page opens', () => {
	const now = 50 * MINUTE;
	it('opens unlocked just after signing in, whatever was stored', () => {
		expect(lockAtStart({ locked: true, lastActive: 0, idleMinutes: 5 }, now, true, true)).toEqual({
			locked: false,
			lastActive: now,
			idleMinutes: 5
		});
	});

	it('opens locked when it was locked, or when the user has been away longer than their idle time', () => {
		expect(
			lockAtStart({ locked: true, lastActive: now, idleMinutes: 15 }, now, false, true).locked
		).toBe(true);
		expect(
			lockAtStart(
				{ locked: false, lastActive: now - 15 * MINUTE, idleMinutes: 15 },
				now,
				false,
				true
			).locked
		).toBe(true);
		expect(
			lockAtStart(
				{ locked: false, lastActive: now - 14 * MINUTE, idleMinutes: 15 },
				now,
				false,
				true
			)
		).toEqual({ locked: false, lastActive: now - 14 * MINUTE, idleMinutes: 15 });
	});

	it('with nothing stored, opens unlocked with the default idle time; with something unreadable, locked', () => {
		expect(lockAtStart(null, now, false, false)).toEqual({
			locked: false,
			lastActive: now,
			idleMinutes: DEFAULT_IDLE_MINUTES
		});
		expect(lockAtStart(null, now, false, true).locked).toBe(true);
		expect(DEFAULT_IDLE_MINUTES).toBe(15);
	});
});
