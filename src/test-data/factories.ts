import type {
	Case,
	CaseEvent,
	Contact,
	Hearing,
	HearingChange,
	Referral,
	RightsRecord,
	Team,
	User,
	Victim
} from '$lib/domain';

/**
 * Valid records for tests, one factory per entity; a test overrides only what it is about.
 * Ids are fixed UUIDv7s so failures read the same on every run.
 */
export const ids = {
	team: '0190a000-0000-7000-8000-000000000001',
	caseworker: '0190a000-0000-7000-8000-000000000002',
	supervisor: '0190a000-0000-7000-8000-000000000003',
	victim: '0190a000-0000-7000-8000-000000000004',
	victimUser: '0190a000-0000-7000-8000-000000000005',
	case: '0190a000-0000-7000-8000-000000000006',
	hearing: '0190a000-0000-7000-8000-000000000007',
	hearingChange: '0190a000-0000-7000-8000-000000000008',
	referral: '0190a000-0000-7000-8000-000000000009',
	contact: '0190a000-0000-7000-8000-00000000000a',
	rights: '0190a000-0000-7000-8000-00000000000b',
	event: '0190a000-0000-7000-8000-00000000000c',
	assignment: '0190a000-0000-7000-8000-00000000000d'
} as const;

export const aTeam = (o: Partial<Team> = {}): Team => ({ id: ids.team, name: 'Test team', ...o });

export const aStaffUser = (o: Partial<User> = {}): User => ({
	id: ids.caseworker,
	email: 'worker@example.test',
	displayName: 'Test Caseworker',
	role: 'caseworker',
	teamId: ids.team,
	victimId: null,
	active: true,
	createdAt: '2026-01-05T09:00:00.000Z',
	...o
});

export const aVictimUser = (o: Partial<User> = {}): User => ({
	id: ids.victimUser,
	email: 'victim@example.test',
	displayName: 'Test Victim',
	role: 'victim',
	teamId: null,
	victimId: ids.victim,
	active: true,
	createdAt: '2026-01-05T09:00:00.000Z',
	...o
});

export const anEnhancedRightsEntry = (
	o: Partial<Victim['enhancedRights'][number]> = {}
): Victim['enhancedRights'][number] => ({
	group: 'persistently-targeted',
	reason: 'Stalked for months',
	appliesFrom: '2026-01-05T09:00:00.000Z',
	endedAt: null,
	endReason: null,
	recordedBy: null,
	endedBy: null,
	...o
});

export const aVictim = (o: Partial<Victim> = {}): Victim => ({
	id: ids.victim,
	title: 'Ms',
	givenName: 'Test',
	familyName: 'Person',
	dateOfBirth: '1990-04-30',
	languages: ['English'],
	interpreterNeeded: false,
	enhancedRights: [],
	safeContact: {
		preferredChannel: 'phone',
		phone: '07700 900123',
		safeTimes: [{ days: ['mon', 'tue'], from: '09:00', to: '12:00' }],
		voicemailAllowed: false,
		neverUse: []
	},
	confidentialAddress: false,
	createdAt: '2026-01-05T09:00:00.000Z',
	...o
});

export const aCase = (o: Partial<Case> = {}): Case => ({
	id: ids.case,
	victimId: ids.victim,
	teamId: ids.team,
	crimeType: 'burglary',
	crimeReference: { system: 'CONNECT', value: 'TEST-0001' },
	reportedAt: '2026-01-05T09:00:00.000Z',
	assignedCaseworkerId: ids.caseworker,
	status: 'open',
	closedAt: null,
	createdAt: '2026-01-05T09:00:00.000Z',
	...o
});

export const aCaseEvent = (o: Partial<CaseEvent> = {}): CaseEvent => ({
	id: ids.event,
	caseId: ids.case,
	kind: 'decision',
	decision: 'charge',
	custodyMonths: null,
	detail: 'Charged',
	occurredAt: '2026-02-02T10:00:00.000Z',
	receivedAt: '2026-02-02T15:00:00.000Z',
	recordedBy: ids.caseworker,
	recordedAt: '2026-02-02T15:30:00.000Z',
	...o
});

export const aHearing = (o: Partial<Hearing> = {}): Hearing => ({
	id: ids.hearing,
	caseId: ids.case,
	courtId: 'southwark-crown',
	courtroom: 'Court 3',
	type: 'trial',
	startsAt: '2026-12-29T10:00:00.000Z',
	state: 'listed',
	createdAt: '2026-11-02T10:00:00.000Z',
	...o
});

export const aHearingChange = (o: Partial<HearingChange> = {}): HearingChange => ({
	id: ids.hearingChange,
	hearingId: ids.hearing,
	caseId: ids.case,
	changes: [
		{ field: 'startsAt', from: '2026-12-01T10:00:00.000Z', to: '2026-12-29T10:00:00.000Z' }
	],
	reason: 'No judge available',
	source: 'witness-care-unit',
	receivedAt: '2026-12-24T16:00:00.000Z',
	recordedAt: '2026-12-24T16:20:00.000Z',
	recordedBy: ids.caseworker,
	...o
});

export const aReferral = (o: Partial<Referral> = {}): Referral => ({
	id: ids.referral,
	caseId: ids.case,
	serviceId: 'general-victim-support',
	status: 'made',
	consent: 'given',
	consentRecordedAt: '2026-01-05T10:00:00.000Z',
	offeredAt: '2026-01-05T10:00:00.000Z',
	madeAt: '2026-01-05T11:00:00.000Z',
	respondedAt: null,
	closedAt: null,
	moves: [],
	...o
});

export const aContact = (o: Partial<Contact> = {}): Contact => ({
	id: ids.contact,
	caseId: ids.case,
	occurredAt: '2026-01-06T10:00:00.000Z',
	channel: 'phone',
	direction: 'outbound',
	outcome: 'reached',
	summary: 'Explained the next steps.',
	informedObligations: [],
	amendsContactId: null,
	recordedBy: ids.caseworker,
	recordedAt: '2026-01-06T10:10:00.000Z',
	...o
});

export const aRightsRecord = (o: Partial<RightsRecord> = {}): RightsRecord => ({
	id: ids.rights,
	caseId: ids.case,
	codeVersion: '2021',
	rightNumber: 4,
	status: 'explained',
	evidence: 'Explained by phone',
	detail: null,
	updatedBy: ids.caseworker,
	updatedAt: '2026-01-06T10:10:00.000Z',
	...o
});
