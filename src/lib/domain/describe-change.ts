import { CONTACT_OUTCOME_LABELS } from './contact';
import { formatDateTime } from './format';
import {
	HEARING_STATE_LABELS,
	HEARING_TYPE_LABELS,
	LONDON_COURTS,
	SUPPORT_SERVICES
} from './reference-data';
import { CONSENT_LABELS, REFERRAL_STATUS_LABELS } from './referral';
import { RIGHT_STATUS_LABELS } from './rights-record';
import {
	MUTATION_ARGS,
	type AddHearingArgs,
	type ChangeEnhancedRightsArgs,
	type CreateReferralArgs,
	type UpdateRightArgs,
	type MoveReferralArgs,
	type MutationName,
	type RecordContactArgs,
	type UpdateHearingArgs,
	type UpdateVictimArgs
} from './sync-protocol';
import { CONTACT_CHANNEL_LABELS, ENHANCED_RIGHTS_GROUP_LABELS } from './victim';
import { describeVictimValue, VICTIM_FIELD_LABELS, type VictimField } from './victim-changes';

/** A hearing field in words: "date and time", "court", … */
export const HEARING_FIELD_WORDS: Record<string, string> = {
	startsAt: 'date and time',
	courtId: 'court',
	courtroom: 'courtroom',
	type: 'type',
	state: 'state'
};

/** A hearing field's value in words: a London date and time, a court's name, a state's label. */
export function hearingValueWords(field: string, value: string | null | undefined): string {
	if (value === null || value === undefined) return 'none';
	if (field === 'startsAt') return formatDateTime(value);
	if (field === 'courtId') return LONDON_COURTS.find((c) => c.id === value)?.name ?? value;
	if (field === 'state') return HEARING_STATE_LABELS[value as never] ?? value;
	return value;
}

/** A change that clashed with another, in words: what it was about, and the two values. */
export function describeConflict(c: {
	entity: 'hearing' | 'victim';
	field: string;
	serverValue: unknown;
	clientValue: unknown;
}): { subject: string; server: string; client: string } {
	const words = (value: unknown) =>
		c.entity === 'victim'
			? describeVictimValue(c.field as VictimField, value)
			: hearingValueWords(c.field, (value as string | null) ?? null);
	return {
		subject:
			c.entity === 'victim'
				? `The victim’s ${VICTIM_FIELD_LABELS[c.field as VictimField] ?? c.field}`
				: `The hearing’s ${HEARING_FIELD_WORDS[c.field] ?? c.field}`,
		server: words(c.serverValue),
		client: words(c.clientValue)
	};
}

/**
 * A queued or refused change in plain words, with what the person typed, so a change the server
 * refused (a case reassigned while they were offline, say) is never lost from sight: the
 * caseworker sees it on their device and their supervisor sees it on the team page.
 */
const withReason = (reason: string) => (reason ? ` (reason: “${reason}”)` : '');

export function describeChange(name: string, rawArgs: unknown): string {
	const schema = MUTATION_ARGS[name as MutationName];
	const parsed = schema?.safeParse(rawArgs);
	if (!parsed?.success) return 'A change that could not be read';
	const args = parsed.data;
	switch (name as MutationName) {
		case 'contact.record': {
			const a = args as RecordContactArgs;
			return `Contact on ${formatDateTime(a.occurredAt)} (${CONTACT_CHANNEL_LABELS[a.channel]}, ${CONTACT_OUTCOME_LABELS[a.outcome].toLowerCase()}): “${a.summary}”`;
		}
		case 'hearing.update': {
			const a = args as UpdateHearingArgs;
			const fields = Object.entries(a.values)
				.map(([f, v]) => `${HEARING_FIELD_WORDS[f] ?? f} to ${hearingValueWords(f, v)}`)
				.join(', ');
			return `Hearing change: ${fields} (reason: “${a.reason}”)`;
		}
		case 'victim.update': {
			const a = args as UpdateVictimArgs;
			const fields = Object.entries(a.values)
				.map(
					([f, v]) =>
						`${VICTIM_FIELD_LABELS[f as VictimField]} to ${describeVictimValue(f as VictimField, v)}`
				)
				.join(', ');
			return `Victim’s details: ${fields}`;
		}
		case 'hearing.add': {
			const a = args as AddHearingArgs;
			return `New hearing: ${HEARING_TYPE_LABELS[a.type].label} at ${hearingValueWords('courtId', a.courtId)} on ${formatDateTime(a.startsAt)}`;
		}
		case 'referral.create': {
			const a = args as CreateReferralArgs;
			const service = SUPPORT_SERVICES.find((s) => s.id === a.serviceId)?.name ?? a.serviceId;
			return `New referral to ${service} (${CONSENT_LABELS[a.consent].toLowerCase()})${withReason(a.reason)}`;
		}
		case 'referral.move': {
			const a = args as MoveReferralArgs;
			return `Referral moved to “${REFERRAL_STATUS_LABELS[a.to]}”${withReason(a.reason)}`;
		}
		case 'right.update': {
			const a = args as UpdateRightArgs;
			const note = a.evidence ? `: “${a.evidence}”` : '';
			return `Right ${a.rightNumber} marked “${RIGHT_STATUS_LABELS[a.status].toLowerCase()}”${note}`;
		}
		case 'victim.enhancedRights': {
			const a = args as ChangeEnhancedRightsArgs;
			const group = ENHANCED_RIGHTS_GROUP_LABELS[a.group];
			return `${a.action === 'add' ? 'Enhanced rights added' : 'Enhanced rights ended'}: ${group}${withReason(a.reason)}`;
		}
		case 'conflict.resolve':
			return 'A choice between two clashing values';
		case 'hearing.acknowledge':
			return 'The victim saw a change to a hearing';
	}
}

const MUTATION_WORDS: Record<MutationName, string> = {
	'contact.record': 'Recorded a contact',
	'hearing.add': 'Added a hearing',
	'hearing.update': 'Changed a hearing',
	'hearing.acknowledge': 'Said they had seen a change to a hearing',
	'victim.update': 'Changed the victim’s details',
	'victim.enhancedRights': 'Changed the victim’s enhanced rights',
	'referral.create': 'Offered or made a referral',
	'referral.move': 'Moved a referral on',
	'right.update': 'Updated where a right stands',
	'conflict.resolve': 'Chose between two clashing values'
};

/**
 * A kind of change in a few words, without what was typed: the audit trail says that a contact
 * was recorded, not what it said (the case page shows that to those who may read it).
 */
export function describeMutationName(name: string): string {
	return MUTATION_WORDS[name as MutationName] ?? 'Changed the case';
}
