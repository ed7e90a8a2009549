import { error } from '@sveltejs/kit';
import { desc, eq, getTableColumns } from 'drizzle-orm';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db';
import { cases, developmentOutbox, victimNotifications } from '$lib/server/db/schema';
import { usesDevelopmentOutbox } from '$lib/server/notifications';
import { actorOf } from '$lib/server/sync/http';
import { scopeCondition } from '$lib/server/sync/scope';
import type { PageServerLoad } from './$types';

/** How many of the latest messages the page lists. */
const SHOWN = 200;

/**
 * The development outbox: what the hub would have sent to victims, had GOV.UK Notify been set up.
 * Staff only (the `(staff)` group); it does not exist when a Notify key is configured. Never kept
 * by the browser or the service worker: it holds victims' addresses and numbers. Like every other
 * view of a case, it lists only messages about cases the caller may see (a row's id is its
 * notification's id), so another team's victims' addresses stay out of it.
 */
export const load: PageServerLoad = async (event) => {
	if (!usesDevelopmentOutbox(config())) error(404, 'Not found');
	event.setHeaders({ 'cache-control': 'no-store' });
	const messages = await db()
		.select(getTableColumns(developmentOutbox))
		.from(developmentOutbox)
		.innerJoin(victimNotifications, eq(victimNotifications.id, developmentOutbox.id))
		.innerJoin(cases, eq(cases.id, victimNotifications.caseId))
		.where(scopeCondition(actorOf(event)))
		.orderBy(desc(developmentOutbox.createdAt), desc(developmentOutbox.id))
		.limit(SHOWN);
	return {
		messages: messages.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
		shown: SHOWN
	};
};
