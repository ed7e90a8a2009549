import { describe, expect, it } from 'vitest';
import { describeChange } from './describe-change';

const id = '0190d000-0000-7000-8000-000000000001';

describe('describeChange: a change in plain words, with what was typed', () => {
	it('says what each kind of change was', () => {
		expect(
			describeChange('contact.record', {
				id,
				caseId: id,
				occurredAt: '2026-12-29T15:30:00.000Z',
				channel: 'phone',
				direction: 'outbound',
				outcome: 'voicemail-left',
				summary: 'Left the agreed callback message.',
				informedObligations: [],
				amendsContactId: null,
				recordedAt: '2026-12-29T15:31:00.000Z'
			})
		).toBe(
			'Contact on Tue 29 Dec 2026, 3:30pm (Phone call, voicemail left): “Left the agreed callback message.”'
		);
		expect(
			describeChange('hearing.update', {
				hearingId: id,
				baseVersion: 3,
				changeId: id,
				values: { startsAt: '2027-06-01T09:00:00.000Z', state: 'relisted' },
				reason: 'Judge unavailable',
				source: 'court-listing',
				receivedAt: '2026-11-20T09:00:00.000Z'
			})
		).toBe(
			'Hearing change: date and time to Tue 1 Jun 2027, 10:00am, state to Relisted (reason: “Judge unavailable”)'
		);
		expect(
			describeChange('victim.update', {
				victimId: id,
				caseId: id,
				baseVersion: 1,
				changeId: id,
				values: {
					preferredChannel: 'sms',
					phone: '07700 900123',
					safeTimes: [{ days: ['mon', 'wed'], from: '09:00', to: '12:00' }],
					voicemailAllowed: false
				},
				changedAt: '2026-11-20T09:00:00.000Z'
			})
		).toBe(
			'Victim’s details: safe way to contact to Text message, phone number to 07700 900123, safe times to contact to Mon, Wed 09:00–12:00, whether a voicemail may be left to no'
		);
		expect(
			describeChange('referral.move', {
				referralId: id,
				to: 'made',
				at: '2026-11-20T09:00:00.000Z'
			})
		).toMatch(/^Referral moved to “/);
	});

	it('says so when a change cannot be read, rather than failing', () => {
		expect(describeChange('contact.record', { summary: 42 })).toBe(
			'A change that could not be read'
		);
		expect(describeChange('no.such.change', {})).toBe('A change that could not be read');
	});
});
