import { z } from 'zod';
import { Id, Instant, text } from './primitives';
import { ContactChannel } from './victim';

export const CONTACT_DIRECTIONS = ['outbound', 'inbound'] as const;
export const ContactDirection = z.enum(CONTACT_DIRECTIONS, {
	error: 'Direction must be outbound or inbound'
});

export const CONTACT_OUTCOMES = [
	'reached',
	'no-answer',
	'voicemail-left',
	'message-sent',
	'declined'
] as const;
export const ContactOutcome = z.enum(CONTACT_OUTCOMES, { error: 'Choose what happened' });
export type ContactOutcome = z.infer<typeof ContactOutcome>;

export const CONTACT_OUTCOME_LABELS: Record<ContactOutcome, string> = {
	reached: 'Spoke to the victim',
	'no-answer': 'No answer',
	'voicemail-left': 'Voicemail left',
	'message-sent': 'Written update sent',
	declined: 'Victim declined to talk'
};

/**
 * Whether this outcome can meet an obligation. A failed attempt shows effort but does not
 * meet it (domain brief, "Discharging"); a written update counts where the victim chose it.
 */
export function outcomeCanMeetObligation(outcome: ContactOutcome): boolean {
	return outcome === 'reached' || outcome === 'message-sent';
}

/**
 * A contact with the victim. Contacts are insert-only: a correction is a new contact that
 * names the one it amends, so no two devices can ever conflict over one.
 */
export const Contact = z.object({
	id: Id,
	caseId: Id,
	occurredAt: Instant,
	channel: ContactChannel,
	direction: ContactDirection,
	outcome: ContactOutcome,
	summary: text('Summary', 5000, 'Enter a summary of what was said or done'),
	/** Keys of the obligations the victim was told about in this contact (see the Code engine). */
	informedObligations: z.array(z.string().min(1).max(200)).max(50),
	amendsContactId: Id.nullable(),
	recordedBy: Id,
	recordedAt: Instant
});
export type Contact = z.infer<typeof Contact>;
