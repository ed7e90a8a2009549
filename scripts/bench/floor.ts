/**
 * The floor for the first sync (issue 9): the least a browser can do to hold the same rows the
 * hub's device stored — one fetch of a pre-built JSON file, one parse, and one Dexie bulkPut per
 * table, into stores and indexes like the hub's, in the same Chromium.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import {
	addInBrowser,
	indexedDbBytes,
	inBrowser,
	withFreshProfile,
	type Contender
} from './first-sync';

const require = createRequire(import.meta.url);

const PAGE = '/bench.html';
const ROWS = '/rows.json';

/** Serves the page and the rows (`{ table: rows[] }`, built once) on a free loopback port. */
export const dexieFloor: Contender = async (rows) => {
	const body = Buffer.from(JSON.stringify(rows.rows));
	const server = createServer((request, response) => {
		if (request.url === PAGE) {
			response.writeHead(200, { 'content-type': 'text/html' });
			response.end('<!doctype html><title>Dexie floor</title>');
		} else if (request.url === ROWS) {
			response.writeHead(200, {
				'content-type': 'application/json',
				'content-length': body.length
			});
			response.end(body);
		} else {
			response.writeHead(404).end();
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const megabytes = (body.length / 1_000_000).toFixed(1);
	return {
		run: () =>
			withFreshProfile(async (page) => {
				await page.goto(`${origin}${PAGE}`);
				await page.addScriptTag({ path: require.resolve('dexie/dist/dexie.min.js') });
				await addInBrowser(page);
				const done = await inBrowser(page, 'floorLoad', ROWS, rows.stores);
				return {
					ms: done.ms,
					stored: done.stored,
					indexedDbBytes: await indexedDbBytes(page),
					note: `${megabytes} MB of JSON; one transaction, relaxed durability as the hub writes pulled pages; Dexie with the hub's stores and indexes`
				};
			}),
		close: () => new Promise((resolve) => server.close(() => resolve()))
	};
};
