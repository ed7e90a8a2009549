import {
	CONTACT_CHANNELS,
	WEEKDAYS,
	type ContactChannel,
	type SafeTime,
	type VictimFieldValues
} from '$lib/domain';

/** What the victim may say about how to reach them: the fields `VICTIM_SELF_SERVICE_FIELDS` allows. */
export type ContactChoices = {
	preferredChannel: ContactChannel;
	phone: string | null;
	email: string | null;
	safeTimes: SafeTime[];
	voicemailAllowed: boolean;
	voicemailMessage: string | null;
};
export type ContactField = keyof ContactChoices;

/** Catalogue keys (`portal.contact.errors`) for what was wrong, by form field. */
export type ContactFormErrors = Partial<
	Record<'channel' | 'phone' | 'email' | 'time' | 'voicemailAllowed' | 'voicemailMessage', ErrorKey>
>;
type ErrorKey = 'channel' | 'phone' | 'email' | 'time' | 'voicemailAllowed' | 'voicemailMessage';

/** What was typed, as typed, so the form can be shown again with nothing lost. */
export type ContactFormValues = {
	channel: string;
	phone: string;
	email: string;
	days: string[];
	from: string;
	to: string;
	voicemail: string;
	voicemailMessage: string;
};

const PHONE = /^\+?[0-9][0-9 ()-]{5,24}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

const text = (form: FormData, name: string) => {
	const value = form.get(name);
	return typeof value === 'string' ? value.trim() : '';
};

export function typedValues(form: FormData): ContactFormValues {
	return {
		channel: text(form, 'channel'),
		phone: text(form, 'phone'),
		email: text(form, 'email'),
		days: form.getAll('days').filter((d): d is string => typeof d === 'string'),
		from: text(form, 'from'),
		to: text(form, 'to'),
		voicemail: text(form, 'voicemail'),
		voicemailMessage: text(form, 'voicemailMessage')
	};
}

/** The form's fields as shown for the victim's current choices (the first safe-time window). */
export function formValuesOf(c: {
	preferredChannel: string;
	phone?: string | null;
	email?: string | null;
	safeTimes: readonly SafeTime[];
	voicemailAllowed: boolean;
	voicemailMessage?: string | null;
}): ContactFormValues {
	const window = c.safeTimes[0];
	return {
		channel: c.preferredChannel,
		phone: c.phone ?? '',
		email: c.email ?? '',
		days: window ? [...window.days] : [],
		from: window?.from ?? '',
		to: window?.to ?? '',
		voicemail: c.voicemailAllowed ? 'yes' : 'no',
		voicemailMessage: c.voicemailMessage ?? ''
	};
}

/**
 * Checks the "How we contact you" form. Errors name the field and say what to do, in the
 * victim's language (the page looks them up in the catalogue); nothing is saved unless all pass.
 */
export function readContactForm(
	v: ContactFormValues
): { ok: true; choices: ContactChoices } | { ok: false; errors: ContactFormErrors } {
	const errors: ContactFormErrors = {};
	const channel = (CONTACT_CHANNELS as readonly string[]).includes(v.channel)
		? (v.channel as ContactChannel)
		: null;
	if (!channel) errors.channel = 'channel';
	if (v.phone ? !PHONE.test(v.phone) : channel === 'phone' || channel === 'sms')
		errors.phone = 'phone';
	if (v.email ? !EMAIL.test(v.email) || v.email.length > 254 : channel === 'email')
		errors.email = 'email';
	const days = WEEKDAYS.filter((d) => v.days.includes(d));
	if (days.length !== v.days.length) errors.time = 'time';
	let safeTimes: SafeTime[] = [];
	if (days.length > 0 || v.from || v.to) {
		if (days.length === 0 || !TIME.test(v.from) || !TIME.test(v.to) || v.from >= v.to)
			errors.time = 'time';
		else safeTimes = [{ days, from: v.from, to: v.to }];
	}
	if (v.voicemail !== 'yes' && v.voicemail !== 'no') errors.voicemailAllowed = 'voicemailAllowed';
	if (v.voicemail === 'yes' && (!v.voicemailMessage || v.voicemailMessage.length > 500))
		errors.voicemailMessage = 'voicemailMessage';
	if (Object.keys(errors).length > 0 || !channel) return { ok: false, errors };
	return {
		ok: true,
		choices: {
			preferredChannel: channel,
			phone: v.phone || null,
			email: v.email || null,
			safeTimes,
			voicemailAllowed: v.voicemail === 'yes',
			voicemailMessage: v.voicemail === 'yes' ? v.voicemailMessage : null
		}
	};
}

/**
 * Only what the victim changed on the form, as the `victim.update` values: a field they left
 * alone is not sent, so it can never clash with the caseworker's change to it.
 * - Safe times: the form shows the first window; a change to it replaces that window only, and
 *   any others (`otherWindows`, recorded by the caseworker) are kept.
 * - The voicemail message is sent only when its text changed while a voicemail is allowed:
 *   saying "no voicemail" leaves the stored words alone for the caseworker to see.
 */
export function changedChoices(
	before: ContactFormValues,
	after: ContactFormValues,
	choices: ContactChoices,
	otherWindows: readonly SafeTime[] = []
): VictimFieldValues {
	const out: VictimFieldValues = {};
	if (after.channel !== before.channel) out.preferredChannel = choices.preferredChannel;
	if (after.phone !== before.phone) out.phone = choices.phone;
	if (after.email !== before.email) out.email = choices.email;
	const sameDays =
		after.days.length === before.days.length && after.days.every((d) => before.days.includes(d));
	if (!sameDays || after.from !== before.from || after.to !== before.to)
		out.safeTimes = [...choices.safeTimes, ...otherWindows];
	if (after.voicemail !== before.voicemail) out.voicemailAllowed = choices.voicemailAllowed;
	if (after.voicemail === 'yes' && after.voicemailMessage !== before.voicemailMessage)
		out.voicemailMessage = choices.voicemailMessage;
	return out;
}
