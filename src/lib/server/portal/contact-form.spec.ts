import { describe, expect, it } from 'vitest';
import {
	changedChoices,
	formValuesOf,
	readContactForm,
	typedValues,
	type ContactFormValues
} from './contact-form';

const shown: ContactFormValues = {
	channel: 'sms',
	phone: '07700 900234',
	email: '',
	days: ['mon', 'tue'],
	from: '09:00',
	to: '12:00',
	voicemail: 'no',
	voicemailMessage: ''
};

function form(values: Record<string, string | string[]>): FormData {
	const f = new FormData();
	for (const [k, v] of Object.entries(values))
		for (const one of Array.isArray(v) ? v : [v]) f.append(k, one);
	return f;
}

describe('"How we contact you" form', () => {
	it('reads what was typed, trimmed, with every ticked day', () => {
		expect(typedValues(form({ ...shown, phone: '  07700 900234 ', days: ['mon', 'fri'] }))).toEqual(
			{
				...shown,
				days: ['mon', 'fri']
			}
		);
	});

	it('turns valid answers into safe-contact choices', () => {
		const read = readContactForm(shown);
		expect(read).toEqual({
			ok: true,
			choices: {
				preferredChannel: 'sms',
				phone: '07700 900234',
				email: null,
				safeTimes: [{ days: ['mon', 'tue'], from: '09:00', to: '12:00' }],
				voicemailAllowed: false,
				voicemailMessage: null
			}
		});
	});

	it('says which field is wrong, and saves nothing', () => {
		const read = readContactForm({
			...shown,
			channel: 'carrier-pigeon',
			phone: 'call me',
			email: 'not-an-email',
			from: '13:00',
			voicemail: 'yes',
			voicemailMessage: ''
		});
		expect(read).toEqual({
			ok: false,
			errors: {
				channel: 'channel',
				phone: 'phone',
				email: 'email',
				time: 'time',
				voicemailMessage: 'voicemailMessage'
			}
		});
	});

	it('needs the number or address the chosen channel uses', () => {
		expect(readContactForm({ ...shown, phone: '' })).toMatchObject({ errors: { phone: 'phone' } });
		expect(readContactForm({ ...shown, channel: 'email' })).toMatchObject({
			errors: { email: 'email' }
		});
		expect(readContactForm({ ...shown, channel: 'letter', phone: '' }).ok).toBe(true);
	});

	it('reads no days and no times as "any time is safe"', () => {
		const read = readContactForm({ ...shown, days: [], from: '', to: '' });
		expect(read.ok && read.choices.safeTimes).toEqual([]);
		expect(readContactForm({ ...shown, days: [], from: '09:00' }).ok).toBe(false);
		expect(readContactForm({ ...shown, days: ['someday'] }).ok).toBe(false);
	});

	it('sends only the answers the victim changed', () => {
		const after = { ...shown, voicemail: 'yes', voicemailMessage: 'Please call back.' };
		const read = readContactForm(after);
		if (!read.ok) throw new Error('valid');
		expect(changedChoices(shown, after, read.choices)).toEqual({
			voicemailAllowed: true,
			voicemailMessage: 'Please call back.'
		});
		expect(changedChoices(shown, shown, read.choices)).toEqual({});
		const moved = { ...shown, days: ['tue', 'mon'], to: '13:00' };
		const readMoved = readContactForm(moved);
		if (!readMoved.ok) throw new Error('valid');
		expect(changedChoices(shown, moved, readMoved.choices)).toEqual({
			safeTimes: [{ days: ['mon', 'tue'], from: '09:00', to: '13:00' }]
		});
	});

	it('keeps the other safe-time windows, and the voicemail words when voicemail is turned off', () => {
		const others = [{ days: ['sat' as const], from: '10:00', to: '11:00' }];
		const moved = { ...shown, to: '13:00' };
		const read = readContactForm(moved);
		if (!read.ok) throw new Error('valid');
		expect(changedChoices(shown, moved, read.choices, others).safeTimes).toEqual([
			{ days: ['mon', 'tue'], from: '09:00', to: '13:00' },
			...others
		]);
		const withMessage = { ...shown, voicemail: 'yes', voicemailMessage: 'Please call back.' };
		const off = { ...withMessage, voicemail: 'no' };
		const readOff = readContactForm(off);
		if (!readOff.ok) throw new Error('valid');
		expect(changedChoices(withMessage, off, readOff.choices)).toEqual({ voicemailAllowed: false });
	});

	it('shows saved choices as the form fields', () => {
		expect(
			formValuesOf({
				preferredChannel: 'sms',
				phone: '07700 900234',
				safeTimes: [{ days: ['mon', 'tue'], from: '09:00', to: '12:00' }],
				voicemailAllowed: false
			})
		).toEqual(shown);
	});
});
