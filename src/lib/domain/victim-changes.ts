import { z } from 'zod';
import { Id, Instant, text } from './primitives';
import { CONTACT_CHANNEL_LABELS, ContactChannel, NeverUse, SafeTime } from './victim';

/**
 * Changes to a victim's details and safety preferences, made offline on any device (or by the
 * victim in the portal) and merged field by field: two changes to different fields both land; the
 * same field changed in two places becomes a conflict a person resolves (ARCHITECTURE.md, "Sync").
 *
 * The address and its confidential flag are deliberately not here: a confidential address never
 * leaves the server, so a device could neither show its current value nor a clash over it.
 */
export const VICTIM_FIELDS = [
	'title',
	'givenName',
	'familyName',
	'languages',
	'interpreterNeeded',
	'interpreterLanguage',
	'preferredChannel',
	'phone',
	'email',
	'safeTimes',
	'voicemailAllowed',
	'voicemailMessage',
	'neverUse',
	'safetyNotes'
] as const;
export const VictimField = z.enum(VICTIM_FIELDS, { error: 'Unknown victim field' });
export type VictimField = z.infer<typeof VictimField>;

/** What the victim may change about themselves ("How we contact you"). */
export const VICTIM_SELF_SERVICE_FIELDS: ReadonlySet<VictimField> = new Set([
	'preferredChannel',
	'phone',
	'email',
	'safeTimes',
	'voicemailAllowed',
	'voicemailMessage'
]);

export const VICTIM_FIELD_LABELS: Record<VictimField, string> = {
	title: 'title',
	givenName: 'first name',
	familyName: 'last name',
	languages: 'languages',
	interpreterNeeded: 'whether an interpreter is needed',
	interpreterLanguage: 'interpreter language',
	preferredChannel: 'safe way to contact',
	phone: 'phone number',
	email: 'email address',
	safeTimes: 'safe times to contact',
	voicemailAllowed: 'whether a voicemail may be left',
	voicemailMessage: 'what a voicemail may say',
	neverUse: 'numbers and addresses never to use',
	safetyNotes: 'safety notes'
};

/** Where each field lives in the victim record: most safety preferences sit in `safeContact`. */
const SAFE_CONTACT_KEY: Partial<Record<VictimField, string>> = {
	preferredChannel: 'preferredChannel',
	phone: 'phone',
	email: 'email',
	safeTimes: 'safeTimes',
	voicemailAllowed: 'voicemailAllowed',
	voicemailMessage: 'voicemailMessage',
	neverUse: 'neverUse',
	safetyNotes: 'notes'
};

const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, { error: `Must be ${max} characters or fewer` })
		.nullable()
		.transform((s) => (s === '' ? null : s));

/** New values for some fields; `null` clears an optional one. */
export const VictimFieldValues = z
	.object({
		title: optionalText(20),
		givenName: text('First name', 100),
		familyName: text('Last name', 100),
		languages: z
			.array(text('Language', 60))
			.min(1, { error: 'Enter at least one language' })
			.max(10),
		interpreterNeeded: z.boolean(),
		interpreterLanguage: optionalText(60),
		preferredChannel: ContactChannel,
		phone: optionalText(40),
		email: optionalText(254),
		safeTimes: z.array(SafeTime).max(14),
		voicemailAllowed: z.boolean({ error: 'Say whether a voicemail may be left' }),
		voicemailMessage: optionalText(500),
		neverUse: z.array(NeverUse).max(20),
		safetyNotes: optionalText(2000)
	})
	.partial()
	.strict()
	.refine((v) => Object.keys(v).length > 0, { message: 'Change at least one detail' });
export type VictimFieldValues = z.infer<typeof VictimFieldValues>;

/** The victim record as stored on either side: plain data with `safeContact` nested. */
export type VictimShape = Record<string, unknown> & { safeContact: Record<string, unknown> };

/** A field's value in a victim record; absent optional values read as `null`. */
export function victimFieldValue(victim: VictimShape, field: VictimField): unknown {
	const key = SAFE_CONTACT_KEY[field];
	return (key ? victim.safeContact[key] : victim[field]) ?? null;
}

/** A copy of the record with one field set; `null` removes an optional value. */
export function withVictimField<T extends VictimShape>(
	victim: T,
	field: VictimField,
	value: unknown
): T {
	const key = SAFE_CONTACT_KEY[field];
	const next: T = { ...victim, safeContact: { ...victim.safeContact } };
	const target: Record<string, unknown> = key ? next.safeContact : next;
	const name = key ?? field;
	if (value === null) delete target[name];
	else target[name] = value;
	return next;
}

/** JSON text with object keys sorted: PostgreSQL's jsonb does not keep key order. */
function canonical(value: unknown): string {
	return JSON.stringify(value, (_k, v: unknown) =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
			: v
	);
}

export function sameValue(a: unknown, b: unknown): boolean {
	return canonical(a ?? null) === canonical(b ?? null);
}

export const VictimFieldChange = z.object({
	field: VictimField,
	from: z.unknown(),
	to: z.unknown()
});
export type VictimFieldChange = z.infer<typeof VictimFieldChange>;

/** One entry in the append-only history of a victim's details: who changed which fields, when. */
export const VictimChange = z.object({
	id: Id,
	victimId: Id,
	caseId: Id,
	changes: z.array(VictimFieldChange).min(1, { error: 'A change must change at least one field' }),
	recordedAt: Instant,
	recordedBy: Id
});
export type VictimChange = z.infer<typeof VictimChange>;

const DAY_NAMES: Record<string, string> = {
	mon: 'Mon',
	tue: 'Tue',
	wed: 'Wed',
	thu: 'Thu',
	fri: 'Fri',
	sat: 'Sat',
	sun: 'Sun'
};

/** A safe-contact window in words: "Mon, Wed 09:00–12:00". */
export function describeSafeTime(t: SafeTime): string {
	return `${t.days.map((d) => DAY_NAMES[d] ?? d).join(', ')} ${t.from}–${t.to}`;
}

/** A field's value in plain words, for history entries and conflicts. */
export function describeVictimValue(field: VictimField, value: unknown): string {
	if (value === null || value === undefined || value === '') return 'none';
	if (typeof value === 'boolean') return value ? 'yes' : 'no';
	if (field === 'preferredChannel')
		return CONTACT_CHANNEL_LABELS[value as ContactChannel] ?? JSON.stringify(value);
	if (field === 'safeTimes' && Array.isArray(value))
		return value.length === 0 ? 'none' : (value as SafeTime[]).map(describeSafeTime).join('; ');
	if (field === 'neverUse' && Array.isArray(value))
		return value.length === 0
			? 'none'
			: (value as { value: string }[]).map((n) => n.value).join('; ');
	if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : '')).join(', ');
	return typeof value === 'string' || typeof value === 'number'
		? String(value)
		: JSON.stringify(value);
}
