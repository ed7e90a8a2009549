import { error } from '@sveltejs/kit';
import { desc } from 'drizzle-orm';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db';
import { developmentOutbox } from '$lib/server/db/schema';
import { usesDevelopmentOutbox } from '$lib/server/notifications';
import type { PageServerLoad } from './$types';

/** How many of the latest messages the page lists. */
const SHOWN = 200;

/**
 * The development outbox: what the hub would have sent to victims, had GOV.UK Notify been set up.
 * Staff only (the `(staff)` group); it does not exist when a Notify key is configured. Never kept
 * by the browser or the service worker: it holds victims' addresses and numbers.
 */
export const load: PageServerLoad = async ({ setHeaders }) => {
	if (!usesDevelopmentOutbox(config())) error(404, 'Not found');
	setHeaders({ 'cache-control': 'no-store' });
	const messages = await db()
		.select()
		.from(developmentOutbox)
		.orderBy(desc(developmentOutbox.createdAt), desc(developmentOutbox.id))
		.limit(SHOWN);
	return {
		messages: messages.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
		shown: SHOWN
	};
};
