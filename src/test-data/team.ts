import type { Assignment, Case, CaseEvent, Contact, HearingChange, Victim } from '$lib/domain';
import { aCase, aContact, aHearingChange, anEnhancedRightsEntry, aVictim } from './factories';

/**
 * A hand-built team of three cases, looked at on Friday 20 Nov 2026 at 10:00 (GMT; no bank
 * holidays in the weeks involved). What the Code engine should say about it, worked out by hand:
 *
 * - Ann Archer (Alex, open, standard): reported Mon 2 Nov; Rights 3 and 4 met on Tue 3 Nov, on
 *   time. A hearing change received Mon 16 Nov is due by the end of Tue 17 Nov and not met:
 *   overdue, 3 working days late (Wed, Thu, Fri). A failed call on Wed 18 Nov is her last contact.
 * - Ben Brown (Priya, open, enhanced rights from the report): reported Thu 19 Nov 15:00. Right 3
 *   (enhanced: 1 working day) is due by the end of today, Right 4 by the end of Mon 23 Nov: both
 *   due soon. Priya's failed call on Thu 19 Nov is his last contact.
 * - Cara Cole (closed Tue 10 Nov, Alex holds it; Priya held it until Tue 6 Oct): reported Thu
 *   1 Oct. Right 4 fell due on Mon 5 Oct, while Priya held it, and was never met. Alex met Right 3
 *   on Wed 7 Oct (due Thu 8 Oct), which also met the first regular update (due Thu 29 Oct). The
 *   next regular update fell due on Wed 4 Nov, before the case closed, and was missed. Nothing
 *   of a closed case is on the overdue list.
 * - Chris has no cases.
 */
export const AT = '2026-11-20T10:00:00.000Z';

const id = (n: number) => `0190d000-0000-7000-8000-${String(n).padStart(12, '0')}`;
export const TEAM_IDS = {
	alex: id(1),
	priya: id(2),
	chris: id(3),
	ann: id(10),
	annCase: id(11),
	ben: id(20),
	benCase: id(21),
	cara: id(30),
	caraCase: id(31),
	annHearing: id(12),
	annChange: id(13)
} as const;
const I = TEAM_IDS;

export const teamVictims: Victim[] = [
	aVictim({ id: I.ann, givenName: 'Ann', familyName: 'Archer', confidentialAddress: true }),
	aVictim({
		id: I.ben,
		givenName: 'Ben',
		familyName: 'Brown',
		enhancedRights: [anEnhancedRightsEntry({ appliesFrom: '2026-11-19T15:00:00.000Z' })]
	}),
	aVictim({ id: I.cara, givenName: 'Cara', familyName: 'Cole' })
];

export const teamCases: Case[] = [
	aCase({
		id: I.annCase,
		victimId: I.ann,
		reportedAt: '2026-11-02T10:00:00.000Z',
		createdAt: '2026-11-02T10:00:00.000Z',
		assignedCaseworkerId: I.alex,
		crimeReference: { system: 'CONNECT', value: 'TEAM-0001' }
	}),
	aCase({
		id: I.benCase,
		victimId: I.ben,
		reportedAt: '2026-11-19T15:00:00.000Z',
		createdAt: '2026-11-19T15:00:00.000Z',
		assignedCaseworkerId: I.priya,
		crimeReference: { system: 'CONNECT', value: 'TEAM-0002' }
	}),
	aCase({
		id: I.caraCase,
		victimId: I.cara,
		reportedAt: '2026-10-01T10:00:00.000Z',
		createdAt: '2026-10-01T10:00:00.000Z',
		assignedCaseworkerId: I.alex,
		status: 'closed',
		closedAt: '2026-11-10T12:00:00.000Z',
		crimeReference: { system: 'CONNECT', value: 'TEAM-0003' }
	})
];

export const teamAssignments: Assignment[] = [
	{
		id: id(40),
		caseId: I.annCase,
		caseworkerId: I.alex,
		assignedAt: '2026-11-02T10:00:00.000Z',
		assignedBy: null,
		reason: 'New case'
	},
	{
		id: id(41),
		caseId: I.benCase,
		caseworkerId: I.priya,
		assignedAt: '2026-11-19T15:00:00.000Z',
		assignedBy: null,
		reason: 'New case'
	},
	{
		id: id(42),
		caseId: I.caraCase,
		caseworkerId: I.priya,
		assignedAt: '2026-10-01T10:00:00.000Z',
		assignedBy: null,
		reason: 'New case'
	},
	{
		id: id(43),
		caseId: I.caraCase,
		caseworkerId: I.alex,
		assignedAt: '2026-10-06T09:00:00.000Z',
		assignedBy: null,
		reason: 'Priya on leave'
	}
];

const contact = (n: number, o: Partial<Contact>) =>
	aContact({ id: id(n), recordedAt: o.occurredAt, ...o });

export const teamContacts: Contact[] = [
	contact(50, {
		caseId: I.annCase,
		occurredAt: '2026-11-03T11:00:00.000Z',
		outcome: 'reached',
		informedObligations: [`R3_INITIAL_INFO:${I.annCase}`, `R4_REFERRAL:${I.annCase}`],
		recordedBy: I.alex
	}),
	contact(51, {
		caseId: I.annCase,
		occurredAt: '2026-11-18T11:00:00.000Z',
		outcome: 'no-answer',
		informedObligations: [],
		recordedBy: I.alex
	}),
	contact(52, {
		caseId: I.benCase,
		occurredAt: '2026-11-19T16:00:00.000Z',
		outcome: 'no-answer',
		informedObligations: [],
		recordedBy: I.priya
	}),
	contact(53, {
		caseId: I.caraCase,
		occurredAt: '2026-10-07T11:00:00.000Z',
		outcome: 'reached',
		informedObligations: [`R3_INITIAL_INFO:${I.caraCase}`],
		recordedBy: I.alex
	})
];

export const teamHearingChanges: HearingChange[] = [
	aHearingChange({
		id: I.annChange,
		hearingId: I.annHearing,
		caseId: I.annCase,
		changes: [
			{ field: 'startsAt', from: '2026-12-01T10:00:00.000Z', to: '2026-12-15T10:00:00.000Z' }
		],
		receivedAt: '2026-11-16T14:00:00.000Z',
		recordedAt: '2026-11-16T14:10:00.000Z',
		recordedBy: I.alex
	})
];

export const teamEvents: CaseEvent[] = [];
