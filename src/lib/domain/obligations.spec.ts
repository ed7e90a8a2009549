import { describe, expect, it } from 'vitest';
import {
	aCase,
	aCaseEvent,
	aContact,
	aHearingChange,
	anEnhancedRightsEntry,
	aReferral
} from '../../test-data/factories';
import { obligationsFor, type CaseRecord, type Obligation } from './index';

/**
 * A burglary reported on Monday 2 Nov 2026 at 10:00 (GMT). Each test adds what it is about.
 * Standard deadlines: R3 Mon 9 Nov, R4 Wed 4 Nov; enhanced R3 Tue 3 Nov.
 */
const REPORTED = '2026-11-02T10:00:00.000Z';
const caseId = aCase().id;

function record(o: Partial<CaseRecord> = {}): CaseRecord {
	return {
		case: { id: caseId, reportedAt: REPORTED, crimeType: 'burglary' },
		events: [],
		hearingChanges: [],
		contacts: [],
		referrals: [],
		waivers: [],
		...o
	};
}
const standard = { enhancedRights: [] };
const enhancedFromReport = { enhancedRights: [anEnhancedRightsEntry({ appliesFrom: REPORTED })] };

function find(list: Obligation[], key: string): Obligation {
	const found = list.find((o) => o.key === key);
	if (!found) throw new Error(`no obligation ${key} in ${list.map((o) => o.key).join(', ')}`);
	return found;
}
const contact = (
	id: string,
	occurredAt: string,
	informed: string[],
	outcome = 'reached' as const
) => aContact({ id, occurredAt, recordedAt: occurredAt, informedObligations: informed, outcome });
const ID = (n: number) => `0190b000-0000-7000-8000-${String(n).padStart(12, '0')}`;

describe('obligations from a crime report', () => {
	it('gives Right 3, Right 4 and the first regular update, with their due times', () => {
		const list = obligationsFor(record(), standard, '2026-11-02T12:00:00Z');
		expect(list.map((o) => [o.key, o.dueAt])).toEqual([
			[`R3_INITIAL_INFO:${caseId}`, '2026-11-09T23:59:59.999Z'],
			[`R4_REFERRAL:${caseId}`, '2026-11-04T23:59:59.999Z'],
			[`HUB_REGULAR_UPDATE:${caseId}`, '2026-11-30T23:59:59.999Z']
		]);
		expect(find(list, `R3_INITIAL_INFO:${caseId}`)).toMatchObject({
			rule: 'R3_INITIAL_INFO',
			right: 3,
			caseId,
			trigger: { kind: 'crime-reported', id: caseId, at: REPORTED },
			enhanced: false,
			metBy: null,
			waivedBy: null,
			calendarFallback: false
		});
	});

	it('gives the enhanced deadlines to an enhanced victim', () => {
		const list = obligationsFor(record(), enhancedFromReport, '2026-11-02T12:00:00Z');
		expect(find(list, `R3_INITIAL_INFO:${caseId}`)).toMatchObject({
			enhanced: true,
			dueAt: '2026-11-03T23:59:59.999Z'
		});
		expect(find(list, `HUB_REGULAR_UPDATE:${caseId}`).dueAt).toBe('2026-11-16T23:59:59.999Z');
	});

	it('is nothing at all before the crime was reported', () => {
		expect(obligationsFor(record(), standard, '2026-11-01T12:00:00Z')).toEqual([]);
	});
});

describe('status at a moment', () => {
	const key = `R3_INITIAL_INFO:${caseId}`;
	it('is open while the deadline is more than a working day away', () => {
		expect(find(obligationsFor(record(), standard, '2026-11-05T12:00:00Z'), key).status).toBe(
			'open'
		);
	});
	it('is due soon when due by the end of the next working day', () => {
		// Friday 6 Nov: the next working day is Monday 9 Nov, the due day.
		expect(find(obligationsFor(record(), standard, '2026-11-06T12:00:00Z'), key).status).toBe(
			'due-soon'
		);
		expect(find(obligationsFor(record(), standard, '2026-11-09T23:59:59.999Z'), key).status).toBe(
			'due-soon'
		);
	});
	it('is overdue from the first millisecond after the deadline', () => {
		expect(find(obligationsFor(record(), standard, '2026-11-10T00:00:00.000Z'), key).status).toBe(
			'overdue'
		);
	});
	it('is met on time by a linked contact that reached the victim by the deadline', () => {
		const r = record({ contacts: [contact(ID(1), '2026-11-09T17:00:00Z', [key])] });
		expect(find(obligationsFor(r, standard, '2026-11-20T00:00:00Z'), key)).toMatchObject({
			status: 'met-on-time',
			metBy: { id: ID(1), at: '2026-11-09T17:00:00.000Z' }
		});
	});
	it('is met late by a linked contact after the deadline', () => {
		const r = record({ contacts: [contact(ID(1), '2026-11-10T09:00:00Z', [key])] });
		expect(find(obligationsFor(r, standard, '2026-11-20T00:00:00Z'), key).status).toBe('met-late');
	});
	it('is written updates count where they reached the victim', () => {
		const r = record({
			contacts: [contact(ID(1), '2026-11-04T09:00:00Z', [key], 'message-sent' as never)]
		});
		expect(find(obligationsFor(r, standard, '2026-11-20T00:00:00Z'), key).status).toBe(
			'met-on-time'
		);
	});
	it.each(['no-answer', 'voicemail-left', 'declined'] as const)(
		'is not met by a failed attempt (%s)',
		(outcome) => {
			const r = record({
				contacts: [contact(ID(1), '2026-11-04T09:00:00Z', [key], outcome as never)]
			});
			expect(find(obligationsFor(r, standard, '2026-11-20T00:00:00Z'), key).status).toBe('overdue');
		}
	);
	it('is not met by a contact that does not name it', () => {
		const r = record({ contacts: [contact(ID(1), '2026-11-04T09:00:00Z', [])] });
		expect(find(obligationsFor(r, standard, '2026-11-20T00:00:00Z'), key).status).toBe('overdue');
	});
	it('ignores a contact after the moment asked about', () => {
		const r = record({ contacts: [contact(ID(1), '2026-11-09T17:00:00Z', [key])] });
		expect(find(obligationsFor(r, standard, '2026-11-09T12:00:00Z'), key).status).toBe('due-soon');
	});
});

describe('Right 4: a referral made, or a refusal recorded', () => {
	const key = `R4_REFERRAL:${caseId}`;
	it('is met by a referral made in time', () => {
		const r = record({ referrals: [aReferral({ madeAt: '2026-11-03T11:00:00.000Z' })] });
		expect(find(obligationsFor(r, standard, '2026-11-20T00:00:00Z'), key)).toMatchObject({
			status: 'met-on-time',
			metBy: { id: aReferral().id }
		});
	});
	it('is met by the victim declining, recorded in time', () => {
		const declined = aReferral({
			status: 'declined',
			consent: 'refused',
			madeAt: null,
			consentRecordedAt: '2026-11-04T15:00:00.000Z'
		});
		expect(
			find(obligationsFor(record({ referrals: [declined] }), standard, '2026-11-20T00:00:00Z'), key)
				.status
		).toBe('met-on-time');
	});
	it('is late when the referral comes after two working days', () => {
		const r = record({ referrals: [aReferral({ madeAt: '2026-11-05T09:00:00.000Z' })] });
		expect(find(obligationsFor(r, standard, '2026-11-20T00:00:00Z'), key).status).toBe('met-late');
	});
	it('is overdue when only offered', () => {
		const offered = aReferral({
			status: 'offered',
			consent: 'not-asked',
			consentRecordedAt: null,
			madeAt: null
		});
		expect(
			find(obligationsFor(record({ referrals: [offered] }), standard, '2026-11-20T00:00:00Z'), key)
				.status
		).toBe('overdue');
	});
});

describe('the clock is fixed when it starts', () => {
	it('enhanced rights recorded after the report do not move the Right 3 deadline', () => {
		const later = {
			enhancedRights: [anEnhancedRightsEntry({ appliesFrom: '2026-11-04T09:00:00.000Z' })]
		};
		const list = obligationsFor(record(), later, '2026-11-05T00:00:00Z');
		expect(find(list, `R3_INITIAL_INFO:${caseId}`)).toMatchObject({
			enhanced: false,
			dueAt: '2026-11-09T23:59:59.999Z'
		});
	});
	it('but a decision received after they apply gets the enhanced deadline', () => {
		const later = {
			enhancedRights: [anEnhancedRightsEntry({ appliesFrom: '2026-11-04T09:00:00.000Z' })]
		};
		const decision = aCaseEvent({
			id: ID(2),
			receivedAt: '2026-11-05T10:00:00.000Z',
			occurredAt: '2026-11-05T09:00:00.000Z'
		});
		const list = obligationsFor(record({ events: [decision] }), later, '2026-11-05T12:00:00Z');
		expect(find(list, `R6_INVESTIGATION_UPDATE:${ID(2)}`)).toMatchObject({
			enhanced: true,
			dueAt: '2026-11-06T23:59:59.999Z'
		});
	});
	it('enhanced rights that ended before a trigger do not apply to it', () => {
		const ended = {
			enhancedRights: [
				anEnhancedRightsEntry({ appliesFrom: REPORTED, endedAt: '2026-11-04T00:00:00.000Z' })
			]
		};
		const decision = aCaseEvent({
			id: ID(2),
			receivedAt: '2026-11-05T10:00:00.000Z',
			occurredAt: '2026-11-05T09:00:00.000Z'
		});
		const list = obligationsFor(record({ events: [decision] }), ended, '2026-11-05T12:00:00Z');
		expect(find(list, `R3_INITIAL_INFO:${caseId}`).enhanced).toBe(true);
		expect(find(list, `R6_INVESTIGATION_UPDATE:${ID(2)}`)).toMatchObject({
			enhanced: false,
			dueAt: '2026-11-12T23:59:59.999Z'
		});
	});
});

describe('obligations from case events', () => {
	const at = '2026-12-01T00:00:00Z';
	const event = (
		n: number,
		kind:
			'decision' | 'bail-outcome' | 'to-give-evidence' | 'case-outcome' | 'sentence' | 'complaint',
		custodyMonths: number | null = null
	) =>
		aCaseEvent({
			id: ID(n),
			kind,
			decision: kind === 'decision' ? 'charge' : null,
			custodyMonths,
			occurredAt: '2026-11-16T09:00:00.000Z',
			receivedAt: '2026-11-16T10:00:00.000Z'
		});
	const rulesOf = (r: CaseRecord) =>
		obligationsFor(r, standard, at)
			.map((o) => o.key)
			.filter((k) => !k.startsWith('R3') && !k.startsWith('R4') && !k.startsWith('HUB'));

	it.each([
		['decision', 'R6_INVESTIGATION_UPDATE'],
		['bail-outcome', 'R8_BAIL_OUTCOME'],
		['to-give-evidence', 'R8_TO_GIVE_EVIDENCE'],
		['case-outcome', 'R9_OUTCOME'],
		['complaint', 'R12_COMPLAINT']
	] as const)('a %s received starts %s', (kind, rule) => {
		expect(rulesOf(record({ events: [event(3, kind)] }))).toEqual([`${rule}:${ID(3)}`]);
	});

	it('a sentence of 12 months or more for a violent offence starts Right 9 and the Victim Contact Scheme referral', () => {
		const r = record({
			case: { id: caseId, reportedAt: REPORTED, crimeType: 'gbh-with-intent' },
			events: [event(4, 'sentence', 30)]
		});
		const list = obligationsFor(r, standard, at);
		expect(find(list, `R11_VCS_REFERRAL:${ID(4)}`).dueAt).toBe('2026-11-30T23:59:59.999Z');
		expect(find(list, `R9_OUTCOME:${ID(4)}`).dueAt).toBe('2026-11-17T23:59:59.999Z');
	});
	it('a shorter sentence does not start the Victim Contact Scheme referral', () => {
		const r = record({
			case: { id: caseId, reportedAt: REPORTED, crimeType: 'gbh-with-intent' },
			events: [event(4, 'sentence', 11)]
		});
		expect(rulesOf(r)).toEqual([`R9_OUTCOME:${ID(4)}`]);
	});
	it('nor does a long sentence for an offence that is neither violent nor sexual', () => {
		const r = record({
			case: { id: caseId, reportedAt: REPORTED, crimeType: 'fraud' },
			events: [event(4, 'sentence', 36)]
		});
		expect(rulesOf(r)).toEqual([`R9_OUTCOME:${ID(4)}`]);
	});
	it('an event received after the moment asked about is not yet an obligation', () => {
		expect(
			obligationsFor(
				record({ events: [event(3, 'decision')] }),
				standard,
				'2026-11-16T09:59:00Z'
			).some((o) => o.rule === 'R6_INVESTIGATION_UPDATE')
		).toBe(false);
	});
});

describe('Right 8 hearing notices', () => {
	const at = '2026-12-01T00:00:00Z';
	it('a listing or a change of date, place or state (adjourned, vacated, relisted) starts Right 8', () => {
		const changes = [
			aHearingChange({ id: ID(5) }),
			aHearingChange({
				id: ID(6),
				changes: [{ field: 'courtroom', from: 'Court 1', to: 'Court 4' }]
			}),
			aHearingChange({ id: ID(7), changes: [{ field: 'state', from: 'listed', to: 'vacated' }] })
		].map((c) => ({ ...c, receivedAt: '2026-11-16T10:00:00.000Z' }));
		const keys = obligationsFor(record({ hearingChanges: changes }), standard, at)
			.filter((o) => o.rule === 'R8_HEARING')
			.map((o) => o.key);
		expect(keys).toEqual([`R8_HEARING:${ID(5)}`, `R8_HEARING:${ID(6)}`, `R8_HEARING:${ID(7)}`]);
	});
	it('a note of how a hearing went is not a Right 8 notice', () => {
		const done = aHearingChange({
			id: ID(8),
			receivedAt: '2026-11-16T10:00:00.000Z',
			changes: [{ field: 'state', from: 'relisted', to: 'completed' }]
		});
		expect(
			obligationsFor(record({ hearingChanges: [done] }), standard, at).some(
				(o) => o.rule === 'R8_HEARING'
			)
		).toBe(false);
	});
	it('is due by the end of the next working day, for every victim', () => {
		const change = aHearingChange({ id: ID(5), receivedAt: '2026-12-24T16:00:00.000Z' });
		const list = obligationsFor(
			record({ hearingChanges: [change] }),
			standard,
			'2026-12-28T12:00:00Z'
		);
		expect(find(list, `R8_HEARING:${ID(5)}`)).toMatchObject({
			dueAt: '2026-12-29T23:59:59.999Z',
			status: 'due-soon'
		});
	});
});

describe('waivers (opt-outs)', () => {
	const key = `R3_INITIAL_INFO:${caseId}`;
	const waiver = (o: {
		obligationKey?: string | null;
		rule?: 'HUB_REGULAR_UPDATE' | 'R3_INITIAL_INFO' | null;
		recordedAt: string;
	}) => ({
		id: ID(9),
		obligationKey: o.obligationKey ?? null,
		rule: o.rule ?? null,
		reason: 'Does not want calls about this',
		agreedBy: 'Victim, by phone',
		recordedAt: o.recordedAt
	});
	it('waives one obligation, with the reason and who agreed', () => {
		const r = record({
			waivers: [waiver({ obligationKey: key, recordedAt: '2026-11-03T10:00:00.000Z' })]
		});
		expect(find(obligationsFor(r, standard, '2026-11-20T00:00:00Z'), key)).toMatchObject({
			status: 'waived',
			waivedBy: {
				id: ID(9),
				reason: 'Does not want calls about this',
				agreedBy: 'Victim, by phone'
			}
		});
	});
	it('waives a whole rule from when it was agreed', () => {
		const r = record({
			waivers: [waiver({ rule: 'HUB_REGULAR_UPDATE', recordedAt: '2026-11-03T10:00:00.000Z' })]
		});
		expect(
			find(obligationsFor(r, standard, '2026-12-20T00:00:00Z'), `HUB_REGULAR_UPDATE:${caseId}`)
				.status
		).toBe('waived');
		expect(find(obligationsFor(r, standard, '2026-12-20T00:00:00Z'), key).status).toBe('overdue');
	});
	it('cannot excuse a deadline that had already passed', () => {
		const r = record({
			waivers: [waiver({ obligationKey: key, recordedAt: '2026-11-12T10:00:00.000Z' })]
		});
		expect(find(obligationsFor(r, standard, '2026-11-20T00:00:00Z'), key).status).toBe('overdue');
	});
	it('leaves an obligation met before the opt-out as met', () => {
		const r = record({
			contacts: [contact(ID(1), '2026-11-03T09:00:00Z', [key])],
			waivers: [waiver({ obligationKey: key, recordedAt: '2026-11-04T10:00:00.000Z' })]
		});
		expect(find(obligationsFor(r, standard, '2026-11-20T00:00:00Z'), key).status).toBe(
			'met-on-time'
		);
	});
	it('is not in force before it was recorded', () => {
		const r = record({
			waivers: [waiver({ obligationKey: key, recordedAt: '2026-11-06T10:00:00.000Z' })]
		});
		expect(find(obligationsFor(r, standard, '2026-11-05T00:00:00Z'), key).status).toBe('open');
	});
});

describe('regular updates (hub policy)', () => {
	it('runs from each contact that reached the victim, met by the next one', () => {
		const r = record({
			contacts: [
				contact(ID(1), '2026-11-03T10:00:00Z', []),
				contact(ID(2), '2026-11-20T10:00:00Z', [], 'no-answer' as never),
				contact(ID(3), '2026-12-10T10:00:00Z', [])
			]
		});
		const updates = obligationsFor(r, standard, '2027-01-20T00:00:00Z').filter(
			(o) => o.rule === 'HUB_REGULAR_UPDATE'
		);
		expect(updates.map((o) => [o.trigger.id, o.dueAt, o.status])).toEqual([
			[caseId, '2026-11-30T23:59:59.999Z', 'met-on-time'],
			[ID(1), '2026-12-01T23:59:59.999Z', 'met-late'],
			[ID(3), '2027-01-07T23:59:59.999Z', 'overdue']
		]);
	});
	it('follows a configured cadence', () => {
		const list = obligationsFor(record(), standard, '2026-11-02T12:00:00Z', {
			regularUpdate: { enhancedDays: 7, standardDays: 10 }
		});
		expect(find(list, `HUB_REGULAR_UPDATE:${caseId}`).dueAt).toBe('2026-11-12T23:59:59.999Z');
	});
});

describe('the holiday data runs out', () => {
	it('marks a deadline computed with the statutory fallback', () => {
		const r = record({
			case: { id: caseId, reportedAt: '2031-12-23T10:00:00.000Z', crimeType: 'burglary' }
		});
		const list = obligationsFor(r, standard, '2031-12-23T12:00:00Z');
		expect(find(list, `R4_REFERRAL:${caseId}`)).toMatchObject({
			calendarFallback: true,
			dueAt: '2031-12-29T23:59:59.999Z'
		});
	});
});

it('names a bad moment', () => {
	expect(() => obligationsFor(record(), standard, 'now')).toThrow(/^at must be an ISO 8601/);
});
