import { error } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { victimExport } from '$lib/server/portal/export';
import type { RequestHandler } from './$types';

/**
 * "Download a copy of your information": the signed-in victim's own data as a JSON file (the guard
 * lets only victims reach the portal's routes; whose data it is comes from the session alone).
 * Never cached, by the browser or the service worker: it is the most complete copy there is.
 */
export const GET: RequestHandler = async ({ locals }) => {
	const data = await victimExport(db(), locals.user!);
	if (!data) error(404, 'Not found');
	const day = data.exportedAt.slice(0, 10);
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="my-information-${day}.json"`,
			'cache-control': 'no-store'
		}
	});
};
