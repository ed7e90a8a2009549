import { newId } from '$lib/domain';

/**
 * A contact as a caseworker records it on the device (`recordContact`'s input): a phone call that
 * reached the victim. For the client-side sync, storage and encryption tests.
 */
export const contactInput = (caseId: string, summary = 'Explained the new trial date.') => ({
	caseId,
	occurredAt: '2026-11-20T10:00:00.000Z',
	channel: 'phone' as const,
	direction: 'outbound' as const,
	outcome: 'reached' as const,
	summary,
	informedObligations: [],
	amendsContactId: null
});

/** The same contact as a `contact.record` mutation's arguments reach the server, with `overrides`. */
export const contactArgs = (caseId: string, overrides: Record<string, unknown> = {}) => ({
	id: newId(),
	...contactInput(caseId, 'Told them the new trial date.'),
	recordedAt: '2026-11-20T10:05:00.000Z',
	...overrides
});
