import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from './config';

describe('server configuration', () => {
	it('limits wrong invitation codes to 10 per IP address in 15 minutes by default', () => {
		expect(readConfig({}).setUp).toEqual({ maxFailuresPerIp: 10, windowMs: 15 * 60_000 });
	});

	it('takes other set-up limits from the environment, as for sign-in', () => {
		expect(
			readConfig({ SET_UP_MAX_FAILURES_PER_IP: '3', SET_UP_WINDOW_MINUTES: '60' }).setUp
		).toEqual({ maxFailuresPerIp: 3, windowMs: 60 * 60_000 });
	});

	it('refuses a limit that is not a whole number of at least one, naming it', () => {
		expect(() => readConfig({ SET_UP_MAX_FAILURES_PER_IP: '0' })).toThrow(ConfigError);
		expect(() => readConfig({ SET_UP_WINDOW_MINUTES: 'soon' })).toThrow(/SET_UP_WINDOW_MINUTES/);
	});

	it('injects no fault unless the crash test names its one failpoint, and refuses any other', () => {
		expect(readConfig({}).failpoint).toBeUndefined();
		expect(readConfig({ FAILPOINT: 'exit-after-push-commit' }).failpoint).toBe(
			'exit-after-push-commit'
		);
		expect(() => readConfig({ FAILPOINT: 'exit-always' })).toThrow(/FAILPOINT/);
	});
});
