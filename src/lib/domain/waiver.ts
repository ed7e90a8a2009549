import { z } from 'zod';
import { RULE_IDS, REGULAR_UPDATE } from './code-rules';
import { Id, Instant, text } from './primitives';

/**
 * A victim's opt-out (domain brief, "Discharging, waiving"): either one obligation, or every
 * obligation of a rule from now on (e.g. "no regular calls, only court dates"). It records the
 * reason and who agreed. A waiver cannot excuse a deadline that had already passed when it was
 * recorded: that obligation stays overdue or late.
 */
export const ObligationWaiver = z
	.object({
		id: Id,
		caseId: Id,
		/** One obligation (`RULE:triggerId`), or null for a rule-wide opt-out. */
		obligationKey: z.string().min(3).max(200).nullable(),
		/** The rule opted out of, for a rule-wide opt-out; null for one obligation. */
		rule: z
			.enum([...RULE_IDS, REGULAR_UPDATE], { error: 'Choose a rule from the Code' })
			.nullable(),
		reason: text('Reason', 1000),
		agreedBy: text('Who agreed', 200),
		recordedBy: Id,
		recordedAt: Instant
	})
	.refine((w) => (w.obligationKey === null) !== (w.rule === null), {
		path: ['obligationKey'],
		message: 'A waiver names either one obligation or one rule, not both'
	});
export type ObligationWaiver = z.infer<typeof ObligationWaiver>;
