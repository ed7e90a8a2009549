import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
	aCase,
	aCaseEvent,
	aContact,
	aHearing,
	aHearingChange,
	aReferral,
	aRightsRecord,
	anEnhancedRightsEntry,
	aStaffUser,
	aTeam,
	aVictim,
	aVictimUser
} from '../../test-data/factories';
import {
	Case,
	CaseEvent,
	Contact,
	fieldErrors,
	Hearing,
	HearingChange,
	Instant,
	ReassignRequest,
	Referral,
	RightsRecord,
	SignInForm,
	Team,
	User,
	Victim
} from './index';

/** The message zod gives for `path`, or undefined when the input is valid there. */
function errorAt(schema: z.ZodType, input: unknown, path: string): string | undefined {
	const result = schema.safeParse(input);
	return result.success ? undefined : fieldErrors(result.error)[path];
}

describe('every factory makes a valid record', () => {
	it.each([
		['team', Team, aTeam()],
		['staff user', User, aStaffUser()],
		['victim user', User, aVictimUser()],
		['victim', Victim, aVictim()],
		['case', Case, aCase()],
		['case event', CaseEvent, aCaseEvent()],
		['hearing', Hearing, aHearing()],
		['hearing change', HearingChange, aHearingChange()],
		['referral', Referral, aReferral()],
		['contact', Contact, aContact()],
		['rights record', RightsRecord, aRightsRecord()]
	] as const)('%s', (_name, schema, record) => {
		expect((schema as z.ZodType).safeParse(record).success).toBe(true);
	});
});

describe('instants', () => {
	it('accepts UTC with a Z', () => {
		expect(Instant.safeParse('2026-12-24T16:00:00Z').success).toBe(true);
	});
	it('refuses an offset, so every stored instant is UTC', () => {
		expect(Instant.safeParse('2026-12-24T16:00:00+01:00').success).toBe(false);
	});
	it('refuses a date without a time', () => {
		expect(Instant.safeParse('2026-12-24').error?.issues[0]?.message).toMatch(/UTC date and time/);
	});
});

describe('team', () => {
	it('needs a name', () =>
		expect(errorAt(Team, aTeam({ name: '   ' }), 'name')).toBe('Enter team name'));
	it('needs a UUID id', () => expect(errorAt(Team, aTeam({ id: 'x' }), 'id')).toMatch(/valid id/));
});

describe('user', () => {
	it('refuses an email that is not one', () => {
		expect(errorAt(User, aStaffUser({ email: 'not-an-email' }), 'email')).toMatch(/correct format/);
	});
	it('lower-cases and trims the email', () => {
		expect(User.parse(aStaffUser({ email: '  Worker@Example.TEST ' })).email).toBe(
			'worker@example.test'
		);
	});
	it('refuses an unknown role', () => {
		expect(errorAt(User, { ...aStaffUser(), role: 'admin' }, 'role')).toMatch(
			/caseworker, supervisor or victim/
		);
	});
	it('refuses staff without a team', () => {
		expect(errorAt(User, aStaffUser({ teamId: null }), 'teamId')).toMatch(/must belong to a team/);
	});
	it('refuses a victim account not linked to a victim', () => {
		expect(errorAt(User, aVictimUser({ victimId: null }), 'victimId')).toMatch(
			/linked to a victim/
		);
	});
	it('refuses a victim account in a team', () => {
		expect(errorAt(User, aVictimUser({ teamId: aTeam().id }), 'teamId')).toMatch(
			/does not belong to a team/
		);
	});
});

describe('victim', () => {
	const safe = aVictim().safeContact;
	it('needs a given name', () =>
		expect(errorAt(Victim, aVictim({ givenName: '' }), 'givenName')).toBe('Enter given name'));
	it('needs a real date of birth', () => {
		expect(errorAt(Victim, aVictim({ dateOfBirth: '1990-02-30' }), 'dateOfBirth')).toMatch(
			/date like/
		);
	});
	it('refuses a date of birth after the record was made', () => {
		expect(errorAt(Victim, aVictim({ dateOfBirth: '2027-01-01' }), 'dateOfBirth')).toMatch(
			/in the past/
		);
	});
	it('needs at least one language (Right 1)', () => {
		expect(errorAt(Victim, aVictim({ languages: [] }), 'languages')).toMatch(
			/at least one language/
		);
	});
	it('needs the interpreter language when an interpreter is needed', () => {
		expect(errorAt(Victim, aVictim({ interpreterNeeded: true }), 'interpreterLanguage')).toMatch(
			/interpreter/
		);
	});
	it('needs a reason for each enhanced-rights group', () => {
		expect(
			errorAt(
				Victim,
				aVictim({ enhancedRights: [anEnhancedRightsEntry({ reason: '' })] }),
				'enhancedRights.0.reason'
			)
		).toBe('Enter reason');
	});
	it('refuses the same enhanced-rights group twice', () => {
		const entry = anEnhancedRightsEntry({ group: 'most-serious-crime' });
		expect(errorAt(Victim, aVictim({ enhancedRights: [entry, entry] }), 'enhancedRights')).toMatch(
			/only once/
		);
	});
	it('allows a group again once its earlier entry has ended', () => {
		const ended = anEnhancedRightsEntry({ endedAt: '2026-03-01T00:00:00.000Z' });
		const again = anEnhancedRightsEntry({ appliesFrom: '2026-04-01T00:00:00.000Z' });
		expect(Victim.safeParse(aVictim({ enhancedRights: [ended, again] })).success).toBe(true);
	});
	it('refuses enhanced rights that end before they apply', () => {
		const entry = anEnhancedRightsEntry({ endedAt: '2025-01-01T00:00:00.000Z' });
		expect(
			errorAt(Victim, aVictim({ enhancedRights: [entry] }), 'enhancedRights.0.endedAt')
		).toMatch(/cannot end before they apply/);
	});
	it('refuses an unknown enhanced-rights group', () => {
		const bad = { ...aVictim(), enhancedRights: [{ ...anEnhancedRightsEntry(), group: 'vip' }] };
		expect(errorAt(Victim, bad, 'enhancedRights.0.group')).toMatch(/most serious crime/);
	});
	it('needs what a voicemail may say when voicemails are allowed', () => {
		expect(
			errorAt(
				Victim,
				aVictim({ safeContact: { ...safe, voicemailAllowed: true } }),
				'safeContact.voicemailMessage'
			)
		).toMatch(/what a voicemail may say/);
	});
	it('needs a phone number when the preferred channel is phone', () => {
		const { phone: _phone, ...noPhone } = safe;
		expect(errorAt(Victim, aVictim({ safeContact: noPhone }), 'safeContact.phone')).toMatch(
			/phone number/
		);
	});
	it('refuses a safe time that ends before it starts', () => {
		const safeTimes = [{ days: ['mon' as const], from: '15:00', to: '09:00' }];
		expect(
			errorAt(
				Victim,
				aVictim({ safeContact: { ...safe, safeTimes } }),
				'safeContact.safeTimes.0.to'
			)
		).toMatch(/after the start time/);
	});
	it('refuses a safe time that is not a time', () => {
		const safeTimes = [{ days: ['mon' as const], from: '9am', to: '12:00' }];
		expect(
			errorAt(
				Victim,
				aVictim({ safeContact: { ...safe, safeTimes } }),
				'safeContact.safeTimes.0.from'
			)
		).toMatch(/time like 09:30/);
	});
	it('needs the value of a number never to use', () => {
		const neverUse = [{ kind: 'phone' as const, value: ' ' }];
		expect(
			errorAt(
				Victim,
				aVictim({ safeContact: { ...safe, neverUse } }),
				'safeContact.neverUse.0.value'
			)
		).toMatch(/never to use/);
	});
});

describe('case', () => {
	it('keeps any crime reference text, with no format check', () => {
		expect(
			Case.safeParse(aCase({ crimeReference: { system: 'CRIS', value: '1234567/26 (old)' } }))
				.success
		).toBe(true);
	});
	it('needs a crime reference', () => {
		expect(
			errorAt(
				Case,
				aCase({ crimeReference: { system: 'CRIS', value: '' } }),
				'crimeReference.value'
			)
		).toBe('Enter crime reference');
	});
	it('refuses an unknown reference system', () => {
		const bad = { ...aCase(), crimeReference: { system: 'PNC', value: 'x' } };
		expect(errorAt(Case, bad, 'crimeReference.system')).toMatch(/CRIS, CONNECT, CAD or other/);
	});
	it('refuses an unknown crime type', () => {
		expect(errorAt(Case, { ...aCase(), crimeType: 'jaywalking' }, 'crimeType')).toMatch(
			/crime type/
		);
	});
	it('needs a closing date for a closed case', () => {
		expect(errorAt(Case, aCase({ status: 'closed' }), 'closedAt')).toMatch(/closed case needs/);
	});
	it('refuses a closing date before the report', () => {
		expect(
			errorAt(Case, aCase({ status: 'closed', closedAt: '2025-01-01T00:00:00.000Z' }), 'closedAt')
		).toMatch(/before it was reported/);
	});
});

describe('moving a case to another caseworker', () => {
	const to = '0190d000-0000-7000-8000-000000000001';
	it('keeps the reason trimmed', () => {
		expect(ReassignRequest.parse({ toCaseworkerId: to, reason: '  On leave  ' })).toEqual({
			toCaseworkerId: to,
			reason: 'On leave'
		});
	});
	it('needs a reason, and not only spaces', () => {
		expect(errorAt(ReassignRequest, { toCaseworkerId: to, reason: '   ' }, 'reason')).toBe(
			'Enter the reason for the move'
		);
		expect(errorAt(ReassignRequest, { toCaseworkerId: to }, 'reason')).toBe(
			'Enter the reason for the move'
		);
	});
	it('takes a reason of up to 500 characters, as the assignment history does', () => {
		expect(
			errorAt(ReassignRequest, { toCaseworkerId: to, reason: 'x'.repeat(500) }, 'reason')
		).toBeUndefined();
		expect(
			errorAt(ReassignRequest, { toCaseworkerId: to, reason: 'x'.repeat(501) }, 'reason')
		).toBe('Reason for the move must be 500 characters or fewer');
	});
	it('needs a caseworker chosen', () => {
		expect(errorAt(ReassignRequest, { toCaseworkerId: '', reason: 'x' }, 'toCaseworkerId')).toBe(
			'Choose the caseworker to move the case to'
		);
		expect(errorAt(ReassignRequest, { reason: 'x' }, 'toCaseworkerId')).toBe(
			'Choose the caseworker to move the case to'
		);
	});
});

describe('case event', () => {
	it('needs the decision for a decision event', () => {
		expect(errorAt(CaseEvent, aCaseEvent({ decision: null }), 'decision')).toMatch(
			/which decision/
		);
	});
	it('refuses news received before the event happened', () => {
		expect(
			errorAt(CaseEvent, aCaseEvent({ receivedAt: '2026-01-01T00:00:00.000Z' }), 'receivedAt')
		).toMatch(/before it happened/);
	});
	it('refuses custody months on anything but a sentence', () => {
		expect(errorAt(CaseEvent, aCaseEvent({ custodyMonths: 12 }), 'custodyMonths')).toMatch(
			/Only a sentence/
		);
	});
});

describe('hearing', () => {
	it('refuses an unknown hearing type', () => {
		expect(errorAt(Hearing, { ...aHearing(), type: 'party' }, 'type')).toMatch(/hearing type/);
	});
	it('refuses an unknown state', () => {
		expect(errorAt(Hearing, { ...aHearing(), state: 'postponed' }, 'state')).toMatch(
			/hearing state/
		);
	});
	it('refuses a start time that is not UTC', () => {
		expect(errorAt(Hearing, aHearing({ startsAt: '29/12/2026 10:00' }), 'startsAt')).toMatch(/UTC/);
	});
});

describe('hearing change', () => {
	it('needs at least one changed field', () => {
		expect(errorAt(HearingChange, aHearingChange({ changes: [] }), 'changes')).toMatch(
			/at least one field/
		);
	});
	it('refuses a "change" to the same value', () => {
		const changes = [{ field: 'state' as const, from: 'listed', to: 'listed' }];
		expect(errorAt(HearingChange, aHearingChange({ changes }), 'changes.0.to')).toMatch(
			/must change the value/
		);
	});
	it('refuses the same field twice in one notice', () => {
		const c = { field: 'state' as const, from: 'listed', to: 'adjourned' };
		expect(
			errorAt(
				HearingChange,
				aHearingChange({ changes: [c, { ...c, from: 'adjourned', to: 'relisted' }] }),
				'changes'
			)
		).toMatch(/only once per notice/);
	});
	it('needs a reason', () => {
		expect(errorAt(HearingChange, aHearingChange({ reason: '' }), 'reason')).toBe(
			'Enter the reason given for the change'
		);
	});
	it('refuses a recording before the news was received', () => {
		expect(
			errorAt(
				HearingChange,
				aHearingChange({ recordedAt: '2026-12-24T15:00:00.000Z' }),
				'recordedAt'
			)
		).toMatch(/before it was received/);
	});
	it('refuses an unknown source', () => {
		expect(errorAt(HearingChange, { ...aHearingChange(), source: 'rumour' }, 'source')).toMatch(
			/where the news came from/
		);
	});
});

describe('referral', () => {
	it('refuses a referral made without consent', () => {
		expect(
			errorAt(Referral, aReferral({ consent: 'not-asked', consentRecordedAt: null }), 'consent')
		).toMatch(/consent/);
	});
	it('needs the date a made referral was made', () => {
		expect(errorAt(Referral, aReferral({ madeAt: null }), 'madeAt')).toMatch(
			/when the referral was made/
		);
	});
	it('needs a reply date once the service has replied', () => {
		expect(errorAt(Referral, aReferral({ status: 'accepted' }), 'respondedAt')).toMatch(
			/when the service replied/
		);
	});
	it('records refused consent for a declined referral', () => {
		expect(errorAt(Referral, aReferral({ status: 'declined', madeAt: null }), 'consent')).toMatch(
			/refused consent/
		);
	});
});

describe('contact', () => {
	it('needs a summary', () =>
		expect(errorAt(Contact, aContact({ summary: '  ' }), 'summary')).toBe(
			'Enter a summary of what was said or done'
		));
	it('refuses an unknown outcome', () => {
		expect(errorAt(Contact, { ...aContact(), outcome: 'maybe' }, 'outcome')).toMatch(
			/what happened/
		);
	});
	it('refuses a summary over 5000 characters', () => {
		expect(errorAt(Contact, aContact({ summary: 'x'.repeat(5001) }), 'summary')).toMatch(
			/5000 characters or fewer/
		);
	});
});

describe('rights record', () => {
	it('refuses a right that is not 1 to 12', () => {
		expect(errorAt(RightsRecord, aRightsRecord({ rightNumber: 13 }), 'rightNumber')).toMatch(
			/between 1 and 12/
		);
	});
	it('needs evidence once a right is explained', () => {
		expect(errorAt(RightsRecord, aRightsRecord({ evidence: '' }), 'evidence')).toMatch(
			/how the right was/
		);
	});
	it('allows no evidence for a right not yet started', () => {
		expect(
			RightsRecord.safeParse(aRightsRecord({ status: 'not-started', evidence: '' })).success
		).toBe(true);
	});
});

describe('sign-in form', () => {
	it('asks for both fields when both are empty', () => {
		const result = SignInForm.safeParse({ email: '', password: '' });
		expect(result.success).toBe(false);
		expect(fieldErrors(result.error!)).toEqual({
			email: 'Enter an email address',
			password: 'Enter your password'
		});
	});
	it('treats a missing field like an empty one', () => {
		expect(errorAt(SignInForm, { email: 'a@b.test', password: null }, 'password')).toBe(
			'Enter your password'
		);
	});
	it('keeps spaces in passwords', () => {
		expect(SignInForm.parse({ email: 'a@b.test', password: ' pass word ' }).password).toBe(
			' pass word '
		);
	});
});

describe('London wall-clock times', () => {
	it('turn into UTC in winter and in summer', async () => {
		const { londonLocalToInstant, instantToLondonLocal } = await import('./index');
		expect(londonLocalToInstant('2026-12-29', '10:00')).toBe('2026-12-29T10:00:00.000Z');
		expect(londonLocalToInstant('2026-07-01', '10:00')).toBe('2026-07-01T09:00:00.000Z');
		expect(instantToLondonLocal('2026-07-01T09:00:00.000Z')).toEqual({
			date: '2026-07-01',
			time: '10:00'
		});
		expect(() => londonLocalToInstant('2026-02-30', '10:00')).toThrow(/real date/);
		expect(() => londonLocalToInstant('2026-02-03', '25:00')).toThrow(/^time must be/);
	});
});
