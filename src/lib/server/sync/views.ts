import { and, eq, inArray } from 'drizzle-orm';
import { canSeeCase, type Actor, type ViewsRequest, type ViewsResponse } from '$lib/domain';
import { recordAudit } from '../audit/record';
import { CASE_ACCESS_COLUMNS } from '../queries/case-access';
import type { Database } from '../db';
import { auditEvents, caseAssignments, cases } from '../db/schema';

/**
 * Staff members' views of cases on their devices, sent when the device syncs (`ViewedCase`), as
 * `case.viewed` audit rows at the moment each case was opened (never after now: a device's clock
 * may run fast). The view's id becomes the audit row's, so a view sent again (a retried round) is
 * recorded once. A staff member may log views of the cases they can see, and a caseworker also of
 * a case they once held: a view made offline just before the case was moved away really happened.
 * Anything else is refused with the reason and not recorded; victims' own reads are not audited.
 * All in one transaction: the answer says "recorded" only for what is committed.
 */
export async function recordViews(
	db: Database,
	actor: Actor,
	request: ViewsRequest,
	now = new Date()
): Promise<ViewsResponse> {
	return db.transaction(async (tx) => {
		const caseIds = [...new Set(request.views.map((v) => v.caseId))];
		const found = await tx
			.select(CASE_ACCESS_COLUMNS)
			.from(cases)
			.where(inArray(cases.id, caseIds));
		const held =
			actor.role === 'caseworker'
				? await tx
						.selectDistinct({ caseId: caseAssignments.caseId })
						.from(caseAssignments)
						.where(
							and(
								inArray(caseAssignments.caseId, caseIds),
								eq(caseAssignments.caseworkerId, actor.id)
							)
						)
				: [];
		const heldIds = new Set(held.map((h) => h.caseId));
		const byId = new Map(found.map((c) => [c.id, c]));
		const ids = request.views.map((v) => v.id);
		const already = new Set(
			(
				await tx
					.select({ id: auditEvents.id })
					.from(auditEvents)
					.where(inArray(auditEvents.id, ids))
			).map((r) => r.id)
		);
		const recorded: string[] = [];
		const refused: ViewsResponse['refused'] = [];
		const events = [];
		const seen = new Set<string>();
		for (const view of request.views) {
			const c = byId.get(view.caseId);
			const reason =
				actor.role === 'victim'
					? 'Only staff views of a case are recorded.'
					: !c
						? 'The case does not exist.'
						: canSeeCase(actor, c) || heldIds.has(c.id)
							? null
							: 'This case is not one you can see, so no view was recorded.';
			if (reason) {
				refused.push({ id: view.id, reason });
				continue;
			}
			recorded.push(view.id);
			if (already.has(view.id) || seen.has(view.id)) continue;
			seen.add(view.id);
			const viewedAt = new Date(view.viewedAt);
			events.push({
				id: view.id,
				action: 'case.viewed' as const,
				caseId: view.caseId,
				at: viewedAt > now ? now : viewedAt,
				detail: { on: 'device' }
			});
		}
		await recordAudit(tx, actor, events, now);
		return { recorded, refused };
	});
}
