import { error } from '@sveltejs/kit';
import { createEvent } from 'ics';
import { messages } from '$lib/i18n';
import { db } from '$lib/server/db';
import { portalLocale, victimPortalFor } from '$lib/server/queries/victim-portal';
import type { RequestHandler } from './$types';

/** How long a hearing is put in the calendar for: the court gives a start time only. */
const HOURS = 3;

/**
 * One of the victim's own hearings as an iCalendar file ("Add to calendar"). Any other id, including
 * another case's hearing, is a 404 with nothing in the body. The UID is the hearing's, and the
 * sequence counts its changes, so downloading again after a change updates the same calendar entry.
 */
export const GET: RequestHandler = async ({ params, locals }) => {
	const user = locals.user!;
	const view = user.victimId
		? await victimPortalFor(db(), user.victimId, new Date(), { nextContact: false })
		: null;
	const hearing = view?.hearings.find((h) => h.id === params.hearingId);
	if (!view || !hearing) error(404, 'Not found');
	const m = messages(await portalLocale(db(), user.id));
	const type = m.portal.hearingTypes[hearing.type];
	const { error: failed, value } = createEvent({
		uid: `${hearing.id}@my-updates`,
		productId: 'my-updates',
		sequence: Math.max(0, hearing.history.length - 1),
		start: Date.parse(hearing.startsAt),
		startInputType: 'utc',
		startOutputType: 'utc',
		duration: { hours: HOURS },
		title: m.portal.calendar.summary(type.label),
		description: m.portal.calendar.description(type.explanation, view.caseworker.name),
		location: `${hearing.courtName}, ${hearing.courtAddress}`
	});
	if (failed || !value) throw failed ?? new Error('The calendar file could not be made');
	return new Response(value, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': 'attachment; filename="appointment.ics"',
			'cache-control': 'no-store'
		}
	});
};
