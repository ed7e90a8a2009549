import { z } from 'zod';
import { Id, Instant } from './primitives';
import { CodeVersion, RightNumber } from './reference-data';

export const RIGHT_STATUSES = ['not-started', 'explained', 'delivered', 'not-applicable'] as const;
export const RightStatus = z.enum(RIGHT_STATUSES, { error: 'Choose a status for the right' });
export type RightStatus = z.infer<typeof RightStatus>;

export const RIGHT_STATUS_LABELS: Record<RightStatus, string> = {
	'not-started': 'Not yet',
	explained: 'Explained',
	delivered: 'Delivered',
	'not-applicable': 'Does not apply'
};

/** Where one of the Code's rights stands for a case, with the evidence for it. */
export const RightsRecord = z
	.object({
		id: Id,
		caseId: Id,
		codeVersion: CodeVersion,
		rightNumber: RightNumber,
		status: RightStatus,
		evidence: z.string().trim().max(2000),
		updatedBy: Id,
		updatedAt: Instant
	})
	.refine((r) => r.status === 'not-started' || r.evidence.length > 0, {
		path: ['evidence'],
		message: 'Say how the right was explained, delivered or why it does not apply'
	});
export type RightsRecord = z.infer<typeof RightsRecord>;
