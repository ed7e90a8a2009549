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

/**
 * Two rights are tracked beyond explained/delivered (issue 5): the offer of a Victim Personal
 * Statement (Right 7) and information about compensation (Right 5), each with the victim's choice.
 */
export const RIGHT_DETAILS = {
	5: {
		question: 'Compensation',
		options: {
			told: 'Told how to claim compensation',
			claiming: 'Claiming compensation',
			'not-claiming': 'Not claiming compensation'
		}
	},
	7: {
		question: 'Victim Personal Statement',
		options: {
			offered: 'Offered, victim deciding',
			made: 'Statement made',
			declined: 'Victim chose not to make one'
		}
	}
} as const satisfies Record<number, { question: string; options: Record<string, string> }>;
export type RightWithDetail = keyof typeof RIGHT_DETAILS;
export const hasRightDetail = (n: number): n is RightWithDetail => n in RIGHT_DETAILS;

/** Where one of the Code's rights stands for a case, with the evidence for it. */
export const RightsRecord = z
	.object({
		id: Id,
		caseId: Id,
		codeVersion: CodeVersion,
		rightNumber: RightNumber,
		status: RightStatus,
		evidence: z.string().trim().max(2000),
		/** Rights 5 and 7 only: the victim's choice (see RIGHT_DETAILS). */
		detail: z.string().nullable().default(null),
		updatedBy: Id,
		updatedAt: Instant
	})
	.superRefine((r, ctx) => {
		if (r.status !== 'not-started' && r.evidence.length === 0)
			ctx.addIssue({
				code: 'custom',
				path: ['evidence'],
				message: 'Say how the right was explained, delivered or why it does not apply'
			});
		if (r.detail === null) return;
		if (!hasRightDetail(r.rightNumber))
			ctx.addIssue({
				code: 'custom',
				path: ['detail'],
				message: `Right ${r.rightNumber} has no choice to record`
			});
		else if (!(r.detail in RIGHT_DETAILS[r.rightNumber].options))
			ctx.addIssue({
				code: 'custom',
				path: ['detail'],
				message: `Choose one of the options for the ${RIGHT_DETAILS[r.rightNumber].question}`
			});
	});
export type RightsRecord = z.infer<typeof RightsRecord>;

/** " — Statement made" for a right with a recorded choice (Rights 5 and 7). */
export function rightDetailWords(r: Pick<RightsRecord, 'rightNumber' | 'detail'>): string {
	if (r.detail === null || !hasRightDetail(r.rightNumber)) return '';
	const options: Record<string, string> = RIGHT_DETAILS[r.rightNumber].options;
	return ` — ${options[r.detail] ?? r.detail}`;
}
