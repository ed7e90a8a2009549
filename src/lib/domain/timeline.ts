import type { Assignment, CaseEvent } from './case';
import { CONTACT_OUTCOME_LABELS, type Contact } from './contact';
import { HEARING_FIELD_WORDS, hearingValueWords } from './describe-change';
import { byInstant } from './london-time';
import {
	HEARING_CHANGE_SOURCE_LABELS,
	isFirstListing,
	type HearingChange,
	type HearingChangeAcknowledgement
} from './hearing';
import {
	CODE_RIGHTS_2021,
	HEARING_TYPE_LABELS,
	SUPPORT_SERVICES,
	type HearingType
} from './reference-data';
import { REFERRAL_STATUS_LABELS, type Referral } from './referral';
import { RIGHT_STATUS_LABELS, rightDetailWords, type RightsRecord } from './rights-record';
import {
	CONTACT_CHANNEL_LABELS,
	ENHANCED_RIGHTS_GROUP_LABELS,
	type EnhancedRightsEntry
} from './victim';
import { describeVictimValue, VICTIM_FIELD_LABELS, type VictimChange } from './victim-changes';

export type TimelineKind =
	'contact' | 'hearing' | 'referral' | 'right' | 'assignment' | 'event' | 'details';

/** One line of a case's history, newest first on the page. */
export type TimelineEntry = {
	id: string;
	at: string;
	kind: TimelineKind;
	title: string;
	detail: string | null;
	/** Who recorded it, when known. */
	by: string | null;
};

export type TimelineInput = {
	contacts: readonly Contact[];
	hearingChanges: readonly HearingChange[];
	hearingTypes: ReadonlyMap<string, HearingType>;
	referrals: readonly Referral[];
	rights: readonly RightsRecord[];
	assignments: readonly Assignment[];
	events: readonly CaseEvent[];
	victimChanges: readonly VictimChange[];
	enhancedRights: readonly EnhancedRightsEntry[];
	/** The victim's "I have seen this" on hearing changes, from their portal. */
	acknowledgements?: readonly HearingChangeAcknowledgement[];
};

const EVENT_WORDS: Record<CaseEvent['kind'], string> = {
	decision: 'Decision in the investigation',
	'bail-outcome': 'Bail decision',
	'to-give-evidence': 'Told they will need to give evidence',
	'case-outcome': 'Outcome of the case',
	sentence: 'Sentence',
	complaint: 'Complaint received'
};

/**
 * Everything that happened on a case in one list, newest first: contacts, each hearing notice with
 * what changed from and to and why, referrals and their moves, rights, assignments, Code events and
 * changes to the victim's details. `names` turns user ids into names where the device knows them.
 */
export function buildTimeline(
	input: TimelineInput,
	names: ReadonlyMap<string, string> = new Map()
): TimelineEntry[] {
	const who = (id: string | null | undefined) => (id ? (names.get(id) ?? null) : null);
	const out: TimelineEntry[] = [];
	for (const c of input.contacts)
		out.push({
			id: `contact:${c.id}`,
			at: c.occurredAt,
			kind: 'contact',
			title: `${CONTACT_CHANNEL_LABELS[c.channel]} (${c.direction === 'inbound' ? 'the victim got in touch' : 'we got in touch'}): ${CONTACT_OUTCOME_LABELS[c.outcome].toLowerCase()}`,
			detail: c.summary,
			by: who(c.recordedBy)
		});
	for (const h of input.hearingChanges) {
		const type = input.hearingTypes.get(h.hearingId);
		const first = isFirstListing(h.changes);
		out.push({
			id: `hearing:${h.id}`,
			at: h.receivedAt,
			kind: 'hearing',
			title: `${type ? HEARING_TYPE_LABELS[type].label : 'Hearing'} ${first ? 'listed' : 'changed'} (news from ${HEARING_CHANGE_SOURCE_LABELS[h.source].toLowerCase()})`,
			detail: hearingChangeWords(h),
			by: who(h.recordedBy)
		});
	}
	const changes = new Map(input.hearingChanges.map((h) => [h.id, h]));
	for (const a of input.acknowledgements ?? []) {
		const change = changes.get(a.hearingChangeId);
		const type = change ? input.hearingTypes.get(change.hearingId) : undefined;
		out.push({
			id: `seen:${a.id}`,
			at: a.acknowledgedAt,
			kind: 'hearing',
			title: `The victim has seen the news about the ${type ? HEARING_TYPE_LABELS[type].label.toLowerCase() : 'hearing'} (“I have seen this” in their portal)`,
			detail: change ? hearingChangeWords(change) : null,
			by: null
		});
	}
	for (const r of input.referrals) {
		const service = SUPPORT_SERVICES.find((s) => s.id === r.serviceId)?.name ?? r.serviceId;
		if (r.moves.length > 0) {
			// Each move as recorded, with its reason: `referral:<id>:<n>` is the n-th move.
			r.moves.forEach((m, i) =>
				out.push({
					id: `referral:${r.id}:${i}`,
					at: m.at,
					kind: 'referral',
					title: `Referral to ${service}: ${REFERRAL_STATUS_LABELS[m.to].toLowerCase()}${m.to === 'made' ? ' (consent given)' : ''}`,
					detail: m.reason ? `Reason: ${m.reason}` : null,
					by: who(m.by)
				})
			);
			continue;
		}
		// Referrals imported before moves were kept: their steps from the dates on the record.
		const step = (at: string | null, status: Referral['status'], suffix = '') => {
			if (at)
				out.push({
					id: `referral:${r.id}:${status}`,
					at,
					kind: 'referral',
					title: `Referral to ${service}: ${REFERRAL_STATUS_LABELS[status].toLowerCase()}${suffix}`,
					detail: null,
					by: null
				});
		};
		step(r.offeredAt, 'offered');
		if (r.consent === 'refused') step(r.consentRecordedAt, 'declined');
		step(r.madeAt, 'made', ' (consent given)');
		if (r.status === 'accepted' || r.status === 'rejected' || r.status === 'closed')
			step(r.respondedAt, r.status === 'rejected' ? 'rejected' : 'accepted');
		step(r.closedAt, 'closed');
	}
	for (const r of input.rights)
		if (r.status !== 'not-started')
			out.push({
				id: `right:${r.id}`,
				at: r.updatedAt,
				kind: 'right',
				title: `Right ${r.rightNumber} (${CODE_RIGHTS_2021.find((c) => c.number === r.rightNumber)?.title.toLowerCase() ?? ''}): ${RIGHT_STATUS_LABELS[r.status].toLowerCase()}${rightDetailWords(r)}`,
				detail: r.evidence || null,
				by: who(r.updatedBy)
			});
	for (const a of input.assignments)
		out.push({
			id: `assignment:${a.id}`,
			at: a.assignedAt,
			kind: 'assignment',
			title: `Assigned to ${who(a.caseworkerId) ?? 'a caseworker'}`,
			detail: a.reason,
			by: who(a.assignedBy)
		});
	for (const e of input.events)
		out.push({
			id: `event:${e.id}`,
			at: e.receivedAt,
			kind: 'event',
			title: EVENT_WORDS[e.kind],
			detail: e.detail,
			by: who(e.recordedBy)
		});
	input.enhancedRights.forEach((e, i) => {
		const group = ENHANCED_RIGHTS_GROUP_LABELS[e.group];
		out.push({
			id: `enhanced:${i}:from`,
			at: e.appliesFrom,
			kind: 'details',
			title: `Enhanced rights recorded: ${group.toLowerCase()}`,
			detail: `Reason: ${e.reason}`,
			by: who(e.recordedBy)
		});
		if (e.endedAt)
			out.push({
				id: `enhanced:${i}:ended`,
				at: e.endedAt,
				kind: 'details',
				title: `Enhanced rights ended: ${group.toLowerCase()}`,
				detail: e.endReason ? `Reason: ${e.endReason}` : null,
				by: who(e.endedBy)
			});
	});
	for (const v of input.victimChanges)
		out.push({
			id: `details:${v.id}`,
			at: v.recordedAt,
			kind: 'details',
			title: 'Victim’s details changed',
			detail: v.changes
				.map(
					(c) =>
						`${VICTIM_FIELD_LABELS[c.field]} from ${describeVictimValue(c.field, c.from)} to ${describeVictimValue(c.field, c.to)}`
				)
				.join('; '),
			by: who(v.recordedBy)
		});
	return out.sort((a, b) => byInstant(b.at, a.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** What a hearing notice changed and why: "Date and time from … to …. Reason given: …". */
export function hearingChangeWords(h: Pick<HearingChange, 'changes' | 'reason'>): string {
	const first = isFirstListing(h.changes);
	const words = h.changes
		.map(
			(c) =>
				`${HEARING_FIELD_WORDS[c.field] ?? c.field} ${first ? '' : `from ${hearingValueWords(c.field, c.from)} `}to ${hearingValueWords(c.field, c.to)}`
		)
		.join('; ');
	return `${words[0]!.toUpperCase()}${words.slice(1)}. Reason given: ${h.reason}`;
}
