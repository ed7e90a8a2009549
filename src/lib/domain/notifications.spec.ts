import { describe, expect, it } from 'vitest';
import { aVictim } from '../../test-data/factories';
import {
	deliveryPlan,
	nextSafeMoment,
	notificationStateLabel,
	notificationStateWords,
	notificationSubject
} from './notifications';
import type { SafeContact } from './victim';

const prefs = (o: Partial<SafeContact> = {}): SafeContact => ({
	...aVictim().safeContact,
	safeTimes: [],
	...o
});
const ACCOUNT = 'jo@example.test';

describe('where a message to the victim goes (deliveryPlan)', () => {
	it('goes by email to the address in their preferences when they chose email', () => {
		expect(
			deliveryPlan(prefs({ preferredChannel: 'email', email: 'safe@example.test' }), ACCOUNT)
		).toEqual({ channel: 'email', recipient: 'safe@example.test' });
	});

	it('uses the address they sign in with when their preferences give none', () => {
		expect(deliveryPlan(prefs({ preferredChannel: 'email', email: undefined }), ACCOUNT)).toEqual({
			channel: 'email',
			recipient: ACCOUNT
		});
	});

	it('goes by text to their number when they chose text messages', () => {
		expect(
			deliveryPlan(prefs({ preferredChannel: 'sms', phone: '07700 900123' }), ACCOUNT)
		).toEqual({ channel: 'sms', recipient: '07700 900123' });
	});

	it.each([
		['phone', 'Prefers phone calls: tell them yourself.'],
		['letter', 'Prefers letters: tell them yourself.'],
		['in-person', 'Prefers to be told in person: tell them yourself.'],
		['video', 'Prefers video calls: tell them yourself.']
	] as const)('leaves it to a person when they prefer %s', (channel, reason) => {
		expect(deliveryPlan(prefs({ preferredChannel: channel }), ACCOUNT)).toEqual({
			channel: 'none',
			reason
		});
	});

	it('never texts a number on the never-use list, however it is written', () => {
		const plan = deliveryPlan(
			prefs({
				preferredChannel: 'sms',
				phone: '07700 900123',
				neverUse: [{ kind: 'phone', value: '+44 7700 900 123' }]
			}),
			ACCOUNT
		);
		expect(plan).toEqual({
			channel: 'none',
			reason: 'Their number is on the never-use list: tell them yourself.'
		});
	});

	it('never emails an address on the never-use list, whatever its case', () => {
		const plan = deliveryPlan(
			prefs({
				preferredChannel: 'email',
				email: undefined,
				neverUse: [{ kind: 'email', value: 'JO@example.test ' }]
			}),
			ACCOUNT
		);
		expect(plan).toMatchObject({ channel: 'none' });
	});

	it('is not put off by a never-use entry of another kind', () => {
		const plan = deliveryPlan(
			prefs({
				preferredChannel: 'email',
				email: '07700900123@example.test',
				neverUse: [{ kind: 'phone', value: '07700900123@example.test' }]
			}),
			ACCOUNT
		);
		expect(plan).toEqual({ channel: 'email', recipient: '07700900123@example.test' });
	});
});

describe('a text waits for a safe time (nextSafeMoment)', () => {
	const weekdays = [
		{ days: ['mon', 'tue', 'wed', 'thu', 'fri'] as const, from: '09:30', to: '12:00' }
	].map((t) => ({ ...t, days: [...t.days] }));

	it('is now when they gave no safe times', () => {
		const at = new Date('2026-11-21T23:00:00.000Z');
		expect(nextSafeMoment([], at)).toEqual(at);
	});

	it('is now inside a safe time', () => {
		const at = new Date('2026-11-23T10:00:00.000Z'); // Monday 10:00 GMT
		expect(nextSafeMoment(weekdays, at)).toEqual(at);
	});

	it('is the start of the day’s safe time, in London time (GMT in winter)', () => {
		expect(nextSafeMoment(weekdays, new Date('2026-11-23T07:00:00.000Z'))).toEqual(
			new Date('2026-11-23T09:30:00.000Z')
		);
	});

	it('is the start of the day’s safe time, in London time (BST in summer)', () => {
		expect(nextSafeMoment(weekdays, new Date('2026-06-15T06:00:00.000Z'))).toEqual(
			new Date('2026-06-15T08:30:00.000Z')
		);
	});

	it('after Friday’s safe time, is Monday morning', () => {
		// Friday 27 Nov 2026 at 18:00 → Monday 30 Nov at 09:30.
		expect(nextSafeMoment(weekdays, new Date('2026-11-27T18:00:00.000Z'))).toEqual(
			new Date('2026-11-30T09:30:00.000Z')
		);
	});

	it('picks the earliest of several windows, and a window’s end is not inside it', () => {
		const windows = [
			{ days: ['mon' as const], from: '17:30', to: '20:00' },
			{ days: ['mon' as const], from: '12:00', to: '13:00' }
		];
		expect(nextSafeMoment(windows, new Date('2026-11-23T11:00:00.000Z'))).toEqual(
			new Date('2026-11-23T12:00:00.000Z')
		);
		expect(nextSafeMoment(windows, new Date('2026-11-23T13:00:00.000Z'))).toEqual(
			new Date('2026-11-23T17:30:00.000Z')
		);
	});

	it('near midnight uses the London date, not the UTC one', () => {
		// 23:30 UTC on Sunday 14 June 2026 is 00:30 BST on Monday 15 June: Monday's window applies.
		expect(nextSafeMoment(weekdays, new Date('2026-06-14T23:30:00.000Z'))).toEqual(
			new Date('2026-06-15T08:30:00.000Z')
		);
	});
});

describe('a message in the caseworker’s words', () => {
	const base = {
		channel: 'sms' as const,
		recipient: '07700 900123',
		attempts: 0,
		lastError: null,
		nextAttemptAt: null,
		sentAt: null
	};

	it('says a message waiting for a retry is waiting, with the next try and the last error', () => {
		const n = {
			...base,
			status: 'pending' as const,
			attempts: 2,
			lastError: 'GOV.UK Notify answered 500: Internal server error',
			nextAttemptAt: '2026-11-23T10:05:00.000Z'
		};
		expect(notificationStateLabel(n)).toBe('Waiting to retry');
		expect(notificationStateWords(n)).toBe(
			'Not delivered yet by text message to 07700 900123 (2 tries): GOV.UK Notify answered 500: Internal server error. Next try Mon 23 Nov 2026, 10:05am.'
		);
	});

	it('does not call a message undelivered when nobody knows whether it was', () => {
		const n = {
			...base,
			channel: 'email' as const,
			recipient: 'jo@example.test',
			status: 'failed' as const,
			attempts: 1,
			lastError:
				'Not known whether it was delivered: check with the victim. (Sending was interrupted.)'
		};
		expect(notificationStateLabel(n)).toBe('Failed');
		expect(notificationStateWords(n)).toBe(
			'By email to jo@example.test: Not known whether it was delivered: check with the victim. (Sending was interrupted.)'
		);
	});

	it('says why a message was not sent', () => {
		const n = {
			...base,
			channel: 'none' as const,
			recipient: null,
			status: 'not-sent' as const,
			lastError: 'Prefers phone calls: tell them yourself.'
		};
		expect(notificationStateLabel(n)).toBe('Not sent');
		expect(notificationStateWords(n)).toBe('Prefers phone calls: tell them yourself.');
	});

	it('names the hearing for staff: its type and date, or what changed', () => {
		expect(
			notificationSubject('listed', 'trial', [
				{ field: 'courtId', from: null, to: 'croydon-crown' },
				{ field: 'startsAt', from: null, to: '2027-02-01T10:00:00.000Z' }
			])
		).toBe('Trial listed for Mon 1 Feb 2027, 10:00am');
		expect(
			notificationSubject('changed', 'trial', [
				{ field: 'type', from: 'trial', to: 'sentencing' },
				{ field: 'state', from: 'listed', to: 'adjourned' }
			])
		).toBe('Trial: type to sentencing, state to Adjourned');
	});
});
