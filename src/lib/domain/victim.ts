import { z } from 'zod';
import { CalendarDate, Id, Instant, text, TimeOfDay } from './primitives';

/** The three groups that give a victim enhanced rights under the Victims' Code. */
export const ENHANCED_RIGHTS_GROUPS = [
	'most-serious-crime',
	'persistently-targeted',
	'vulnerable-or-intimidated'
] as const;
export const EnhancedRightsGroup = z.enum(ENHANCED_RIGHTS_GROUPS, {
	error: 'Choose most serious crime, persistently targeted, or vulnerable or intimidated'
});
export type EnhancedRightsGroup = z.infer<typeof EnhancedRightsGroup>;

export const ENHANCED_RIGHTS_GROUP_LABELS: Record<EnhancedRightsGroup, string> = {
	'most-serious-crime': 'Victim of the most serious crime',
	'persistently-targeted': 'Persistently targeted',
	'vulnerable-or-intimidated': 'Vulnerable or intimidated'
};

/**
 * Every enhanced-rights group is recorded with the reason it applies (domain brief), and when it
 * applies from and until: a Code clock uses the status in force when it started, so a later change
 * never moves an earlier deadline. An entry is ended, not deleted, to keep that history.
 */
export const EnhancedRightsEntry = z
	.object({
		group: EnhancedRightsGroup,
		reason: text('Reason', 500),
		appliesFrom: Instant,
		endedAt: Instant.nullable(),
		/** Why the group stopped applying; set with `endedAt`. */
		endReason: z.string().trim().max(500).nullable().default(null),
		/** Who recorded the group and who ended it (absent on entries from the first import). */
		recordedBy: Id.nullable().default(null),
		endedBy: Id.nullable().default(null)
	})
	.refine((e) => e.endedAt === null || e.endedAt > e.appliesFrom, {
		path: ['endedAt'],
		message: 'Enhanced rights cannot end before they apply'
	});
export type EnhancedRightsEntry = z.infer<typeof EnhancedRightsEntry>;

export const ENHANCED_RIGHTS_ACTIONS = ['add', 'end'] as const;
export type EnhancedRightsChange = {
	action: (typeof ENHANCED_RIGHTS_ACTIONS)[number];
	group: EnhancedRightsGroup;
	reason: string;
	at: string;
	by: string;
};

/**
 * The enhanced-rights history after a change: a group is added with its reason, or an open entry
 * is ended with the reason it no longer applies. Entries are never removed, so every Code clock
 * can still see what was in force when it started. Returns a refusal in words when the change
 * does not fit the history.
 */
export function changedEnhancedRights(
	entries: readonly EnhancedRightsEntry[],
	c: EnhancedRightsChange
): EnhancedRightsEntry[] | { refusal: string } {
	const label = ENHANCED_RIGHTS_GROUP_LABELS[c.group];
	const open = entries.findIndex((e) => e.group === c.group && e.endedAt === null);
	if (c.action === 'add') {
		if (open >= 0) return { refusal: `“${label}” is already recorded.` };
		return [
			...entries,
			{
				group: c.group,
				reason: c.reason,
				appliesFrom: c.at,
				endedAt: null,
				endReason: null,
				recordedBy: c.by,
				endedBy: null
			}
		];
	}
	if (open < 0) return { refusal: `“${label}” is not recorded, so it cannot end.` };
	if (Date.parse(c.at) <= Date.parse(entries[open]!.appliesFrom))
		return { refusal: `“${label}” cannot end before it started to apply.` };
	return entries.map((e, i) =>
		i === open ? { ...e, endedAt: c.at, endReason: c.reason, endedBy: c.by } : e
	);
}

export const CONTACT_CHANNELS = ['phone', 'sms', 'email', 'letter', 'in-person', 'video'] as const;
export const ContactChannel = z.enum(CONTACT_CHANNELS, {
	error: 'Choose a contact channel from the list'
});
export type ContactChannel = z.infer<typeof ContactChannel>;

export const CONTACT_CHANNEL_LABELS: Record<ContactChannel, string> = {
	phone: 'Phone call',
	sms: 'Text message',
	email: 'Email',
	letter: 'Letter',
	'in-person': 'In person',
	video: 'Video call'
};

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const Weekday = z.enum(WEEKDAYS, {
	error: 'Day must be mon, tue, wed, thu, fri, sat or sun'
});

/** A window when it is safe to contact the victim, in London local time. */
export const SafeTime = z
	.object({
		days: z.array(Weekday).min(1, { error: 'Choose at least one day' }),
		from: TimeOfDay,
		to: TimeOfDay
	})
	.refine((t) => t.from < t.to, {
		path: ['to'],
		message: 'The end time must be after the start time'
	});
export type SafeTime = z.infer<typeof SafeTime>;

export const NEVER_USE_KINDS = ['phone', 'email', 'address'] as const;
export const NeverUse = z.object({
	kind: z.enum(NEVER_USE_KINDS, { error: 'Choose phone, email or address' }),
	value: text('The number or address never to use', 300),
	note: z.string().trim().max(300).optional()
});

/** How and when it is safe to contact the victim (domain brief, "Safe contact"). */
export const SafeContact = z
	.object({
		preferredChannel: ContactChannel,
		phone: z.string().trim().max(40).optional(),
		email: z.string().trim().max(254).optional(),
		safeTimes: z.array(SafeTime).max(14),
		voicemailAllowed: z.boolean({ error: 'Say whether a voicemail may be left' }),
		/** What a voicemail may say, when one is allowed: usually a neutral callback request. */
		voicemailMessage: z.string().trim().max(500).optional(),
		neverUse: z.array(NeverUse).max(20),
		notes: z.string().trim().max(2000).optional()
	})
	.superRefine((c, ctx) => {
		if (c.voicemailAllowed && !c.voicemailMessage)
			ctx.addIssue({
				code: 'custom',
				path: ['voicemailMessage'],
				message: 'Say what a voicemail may say, or record that no voicemail may be left'
			});
		if ((c.preferredChannel === 'phone' || c.preferredChannel === 'sms') && !c.phone)
			ctx.addIssue({
				code: 'custom',
				path: ['phone'],
				message: 'Enter a phone number for the preferred channel'
			});
		if (c.preferredChannel === 'email' && !c.email)
			ctx.addIssue({
				code: 'custom',
				path: ['email'],
				message: 'Enter an email address for the preferred channel'
			});
	});
export type SafeContact = z.infer<typeof SafeContact>;

export const Victim = z
	.object({
		id: Id,
		title: z.string().trim().max(20).optional(),
		givenName: text('Given name', 100),
		familyName: text('Family name', 100),
		dateOfBirth: CalendarDate,
		/** Languages the victim speaks, preferred first (Right 1). */
		languages: z
			.array(text('Language', 60))
			.min(1, { error: 'Enter at least one language' })
			.max(10),
		interpreterNeeded: z.boolean(),
		interpreterLanguage: z.string().trim().max(60).optional(),
		enhancedRights: z.array(EnhancedRightsEntry).max(30),
		safeContact: SafeContact,
		address: z.string().trim().max(300).optional(),
		/** A confidential address is never shown to roles that do not need it, nor exported. */
		confidentialAddress: z.boolean(),
		createdAt: Instant
	})
	.superRefine((v, ctx) => {
		if (v.interpreterNeeded && !v.interpreterLanguage)
			ctx.addIssue({
				code: 'custom',
				path: ['interpreterLanguage'],
				message: 'Enter the language the interpreter must speak'
			});
		const current = v.enhancedRights.filter((e) => e.endedAt === null).map((e) => e.group);
		if (new Set(current).size !== current.length)
			ctx.addIssue({
				code: 'custom',
				path: ['enhancedRights'],
				message: 'Each enhanced-rights group can be current only once'
			});
		if (v.dateOfBirth > v.createdAt.slice(0, 10))
			ctx.addIssue({
				code: 'custom',
				path: ['dateOfBirth'],
				message: 'Date of birth must be in the past'
			});
	});
export type Victim = z.infer<typeof Victim>;

/** Whether the victim is entitled to enhanced rights at a moment (now, when `at` is omitted). */
export function isEnhanced(victim: Pick<Victim, 'enhancedRights'>, at?: string): boolean {
	if (at === undefined) return victim.enhancedRights.some((e) => e.endedAt === null);
	const t = Date.parse(at);
	return victim.enhancedRights.some(
		(e) => Date.parse(e.appliesFrom) <= t && (e.endedAt === null || Date.parse(e.endedAt) > t)
	);
}
