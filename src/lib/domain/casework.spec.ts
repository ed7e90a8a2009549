import { describe, expect, it } from 'vitest';
import {
	aContact,
	anEnhancedRightsEntry,
	aHearing,
	aHearingChange,
	aReferral,
	aRightsRecord,
	aVictim,
	ids
} from '../../test-data/factories';
import {
	buildTimeline,
	dueWords,
	dutyWords,
	firstListing,
	isFirstListing,
	ruleWords,
	safeContactWarnings,
	type ContactPlan
} from './index';

describe('obligations in plain words', () => {
	it('names the duty, the victim, the deadline and the rule', () => {
		expect(dutyWords({ rule: 'R8_HEARING' }, 'Ms Bennett')).toBe(
			'Tell Ms Bennett the hearing date, time and place, or what changed'
		);
		expect(dueWords('2026-12-29T23:59:59.999Z')).toBe('by end of Tue 29 Dec 2026');
		// In summer London is an hour ahead of UTC: the end of the London day is 22:59 UTC.
		expect(dueWords('2027-06-01T22:59:59.999Z')).toBe('by end of Tue 1 Jun 2027');
		expect(dueWords('2027-06-01T09:00:00.000Z')).toBe('by Tue 1 Jun 2027, 10:00am');
		expect(ruleWords({ rule: 'R8_HEARING', right: 8 })).toBe('Victims’ Code Right 8');
		expect(ruleWords({ rule: 'HUB_REGULAR_UPDATE', right: null })).toBe(
			'Hub policy: regular updates'
		);
	});
});

describe('safe-contact warnings', () => {
	// Mon and Tue, 09:00–12:00, by phone, no voicemail (the factory's victim).
	const prefs = aVictim().safeContact;
	const plan = (o: Partial<ContactPlan>): ContactPlan => ({
		channel: 'phone',
		outcome: 'reached',
		direction: 'outbound',
		occurredAt: '2026-11-23T10:00:00.000Z', // Monday 10:00 in London
		...o
	});

	it('says nothing when the contact keeps to the preferences', () => {
		expect(safeContactWarnings(prefs, plan({}))).toEqual([]);
	});

	it('warns of a voicemail the victim does not allow', () => {
		expect(safeContactWarnings(prefs, plan({ outcome: 'voicemail-left' }))).toEqual([
			'The victim does not want voicemails left. Do not leave one.'
		]);
	});

	it('warns of another channel, and of a call outside the safe times (London time)', () => {
		expect(safeContactWarnings(prefs, plan({ channel: 'email' }))).toEqual([
			'The victim’s safe way to be contacted is phone call, not email.'
		]);
		// Wednesday 19:30 in London.
		expect(safeContactWarnings(prefs, plan({ occurredAt: '2026-11-25T19:30:00.000Z' }))).toEqual([
			'Wednesday 19:30 is outside the victim’s safe times (Mon, Tue 09:00–12:00).'
		]);
		// 11:30 UTC on a Tuesday in June is 12:30 in London: outside, though 11:30 would be inside.
		expect(
			safeContactWarnings(prefs, plan({ occurredAt: '2027-06-01T11:30:00.000Z' }))
		).toHaveLength(1);
	});

	it('does not second-guess the victim getting in touch, except for a voicemail', () => {
		expect(
			safeContactWarnings(
				prefs,
				plan({ direction: 'inbound', channel: 'email', occurredAt: '2026-11-25T19:30:00.000Z' })
			)
		).toEqual([]);
	});
});

describe('the case timeline', () => {
	it('puts everything in one list, newest first, with what changed, why and who', () => {
		const entries = buildTimeline(
			{
				contacts: [aContact({ occurredAt: '2026-12-29T09:00:00.000Z' })],
				hearingChanges: [aHearingChange()],
				hearingTypes: new Map([[ids.hearing, 'trial']]),
				referrals: [aReferral()],
				rights: [aRightsRecord()],
				assignments: [],
				events: [],
				victimChanges: [],
				enhancedRights: []
			},
			new Map([[ids.caseworker, 'Alex Morgan']])
		);
		expect(entries.map((e) => e.kind)).toEqual([
			'contact',
			'hearing',
			'right',
			'referral',
			'referral'
		]);
		expect(entries.slice(3).map((e) => e.title)).toEqual([
			'Referral to General victim support: referral made (consent given)',
			'Referral to General victim support: offered'
		]);
		const hearing = entries[1]!;
		expect(hearing.title).toBe('Trial changed (news from witness care unit)');
		expect(hearing.detail).toBe(
			'Date and time from Tue 1 Dec 2026, 10:00am to Tue 29 Dec 2026, 10:00am. Reason given: No judge available'
		);
		expect(hearing.by).toBe('Alex Morgan');
		expect(entries[0]!.detail).toBe('Explained the next steps.');
	});

	it('calls a notice that fills in a courtroom a change, not a listing, and shows the victim saw it', () => {
		const filledIn = aHearingChange({
			id: '0190d000-0000-7000-8000-00000000c0de',
			changes: [{ field: 'courtroom', from: null, to: 'Court 7' }],
			reason: 'Room given by the court'
		});
		const entries = buildTimeline({
			contacts: [],
			hearingChanges: [filledIn],
			hearingTypes: new Map([[ids.hearing, 'trial']]),
			referrals: [],
			rights: [],
			assignments: [],
			events: [],
			victimChanges: [],
			enhancedRights: [],
			acknowledgements: [
				{
					id: '0190d000-0000-7000-8000-00000000a11c',
					caseId: ids.case,
					hearingChangeId: filledIn.id,
					acknowledgedBy: ids.caseworker,
					acknowledgedAt: '2027-01-02T09:00:00.000Z'
				}
			]
		});
		expect(entries.map((e) => e.title)).toEqual([
			'The victim has seen the news about the trial (“I have seen this” in their portal)',
			'Trial changed (news from witness care unit)'
		]);
		expect(entries[0]!.detail).toBe(
			'Courtroom from none to Court 7. Reason given: Room given by the court'
		);
		expect(isFirstListing(filledIn.changes)).toBe(false);
		expect(isFirstListing(firstListing(aHearing()))).toBe(true);
	});

	it('shows each referral move with its reason, a right’s recorded choice, and enhanced rights coming and going', () => {
		const by = ids.caseworker;
		const entries = buildTimeline(
			{
				contacts: [],
				hearingChanges: [],
				hearingTypes: new Map(),
				referrals: [
					aReferral({
						status: 'rejected',
						respondedAt: '2026-01-07T10:00:00.000Z',
						moves: [
							{ from: null, to: 'made', at: '2026-01-05T11:00:00.000Z', reason: '', by },
							{
								from: 'made',
								to: 'rejected',
								at: '2026-01-07T10:00:00.000Z',
								reason: 'No places until March',
								by
							}
						]
					})
				],
				rights: [aRightsRecord({ rightNumber: 7, status: 'delivered', detail: 'made' })],
				assignments: [],
				events: [],
				victimChanges: [],
				enhancedRights: [
					anEnhancedRightsEntry({
						appliesFrom: '2026-01-02T09:00:00.000Z',
						endedAt: '2026-01-09T09:00:00.000Z',
						endReason: 'Suspect moved away',
						endedBy: by
					})
				]
			},
			new Map([[by, 'Alex Morgan']])
		);
		const lines = entries.map((e) => [e.title, e.detail, e.by]);
		expect(lines).toContainEqual([
			'Referral to General victim support: not accepted by the service',
			'Reason: No places until March',
			'Alex Morgan'
		]);
		expect(lines).toContainEqual([
			'Enhanced rights ended: persistently targeted',
			'Reason: Suspect moved away',
			'Alex Morgan'
		]);
		expect(lines).toContainEqual([
			'Enhanced rights recorded: persistently targeted',
			'Reason: Stalked for months',
			null
		]);
		expect(entries.find((e) => e.kind === 'right')?.title).toMatch(/: delivered — Statement made$/);
		expect(entries.filter((e) => e.kind === 'referral')).toHaveLength(2);
	});
});
