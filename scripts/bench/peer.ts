/**
 * The peer for the first sync (issue 9): the same rows the hub's device stored, as PouchDB
 * documents on a local express-pouchdb server (PouchDB's CouchDB-style HTTP interface, in memory),
 * replicated by PouchDB into IndexedDB in the same Chromium. PouchDB and express-pouchdb are
 * development dependencies used only here.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import {
	addInBrowser,
	indexedDbBytes,
	inBrowser,
	withFreshProfile,
	type Contender,
	type DeviceRows,
	type Measured
} from './first-sync';
import { summarise } from './report';

const require = createRequire(import.meta.url);

/** The parts of PouchDB used here (it ships no types). */
type PouchDatabase = {
	bulkDocs(docs: object[]): Promise<unknown[]>;
	info(): Promise<{ doc_count: number }>;
	destroy(): Promise<unknown>;
};
type PouchStatic = {
	new (name: string): PouchDatabase;
	plugin(plugin: unknown): PouchStatic;
	defaults(options: { adapter: string }): PouchStatic;
	version: string;
};
type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** A replication batch size (`batch_size`): `null` is PouchDB's default, 100 changes a batch. */
export type BatchSize = number | null;

/** Documents written to the server at a time while it is filled (not timed). */
const DOCS_PER_WRITE = 5_000;

const PAGE = '/bench.html';

/** One PouchDB document per row: `_id` is `table:id`, the other fields are the row's. */
function documentsOf(rows: DeviceRows): object[] {
	return Object.entries(rows.rows).flatMap(([table, list]) =>
		list.map((row) => ({ _id: `${table}:${row.id}`, ...row }))
	);
}

/**
 * PouchDB on Node with its in-memory adapter, behind express-pouchdb: made once, as PouchDB's
 * plugins register themselves globally (a second express-pouchdb would track databases twice).
 */
let couch: { MemoryPouchDB: PouchStatic; handler: RequestHandler; version: string } | undefined;
function couchServer() {
	if (couch) return couch;
	const PouchDB = require('pouchdb') as PouchStatic;
	PouchDB.plugin(require('pouchdb-adapter-memory'));
	const MemoryPouchDB = PouchDB.defaults({ adapter: 'memory' });
	// The routes PouchDB's replication needs. No compression: the hub's pulls are not
	// compressed either, and on loopback it would only cost the peer time.
	const handler = (require('express-pouchdb') as (p: PouchStatic, o: object) => RequestHandler)(
		MemoryPouchDB,
		{ mode: 'minimumForPouchDB', overrideMode: { exclude: ['compression'] } }
	);
	couch = { MemoryPouchDB, handler, version: PouchDB.version };
	return couch;
}

/** A database of the rows' documents on the PouchDB server, on a free loopback port. */
async function startServer(rows: DeviceRows) {
	const { MemoryPouchDB, handler, version } = couchServer();
	const name = `team-${randomUUID()}`;
	const db = new MemoryPouchDB(name);
	const docs = documentsOf(rows);
	for (let i = 0; i < docs.length; i += DOCS_PER_WRITE)
		await db.bulkDocs(docs.slice(i, i + DOCS_PER_WRITE));
	const { doc_count } = await db.info();
	if (doc_count !== docs.length)
		throw new Error(`The peer's server holds ${doc_count} of ${docs.length} documents`);

	// The test page comes from the same server as the database, so no CORS is involved.
	const server = createServer((request, response) => {
		if (request.url === PAGE) {
			response.writeHead(200, { 'content-type': 'text/html' });
			response.end('<!doctype html><title>PouchDB peer</title>');
		} else handler(request, response);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		origin,
		remote: `${origin}/${name}`,
		version,
		async close() {
			await new Promise((resolve) => server.close(resolve));
			await db.destroy();
		}
	};
}

type Replicated = Measured & { batchSize: BatchSize; adapter: string };

/** One replication from the server into a new browser profile's IndexedDB. */
function replicateOnce(
	server: Awaited<ReturnType<typeof startServer>>,
	batchSize: BatchSize
): Promise<Replicated> {
	return withFreshProfile(async (page) => {
		await page.goto(`${server.origin}${PAGE}`);
		await page.addScriptTag({ path: require.resolve('pouchdb/dist/pouchdb.min.js') });
		await addInBrowser(page);
		const done = await inBrowser(page, 'peerReplicate', server.remote, batchSize);
		return {
			ms: done.ms,
			stored: done.docs,
			indexedDbBytes: await indexedDbBytes(page),
			batchSize,
			adapter: done.adapter
		};
	});
}

const batchText = (size: BatchSize) =>
	size === null ? 'default batch_size (100)' : `batch_size ${size}`;

/**
 * The PouchDB peer, with PouchDB's default browser adapter (`idb`, on IndexedDB) and the best of
 * `batchSizes`, to be fair to it: larger batches mean fewer round trips and fewer, larger writes.
 * On the first dataset it is given, each run replicates once with each batch size (each into a
 * new profile) and counts the fastest; later datasets use only the batch size whose median was
 * lowest there, which keeps their runs affordable (a batch's overhead is per batch, whatever the
 * size of the data).
 */
export function pouchdbPeer(batchSizes: BatchSize[]): Contender {
	let chosen: { size: BatchSize; why: string } | undefined;
	return async (rows) => {
		const server = await startServer(rows);
		const choosing = chosen === undefined;
		const tried = new Map<BatchSize, number[]>(batchSizes.map((size) => [size, []]));
		return {
			async run() {
				const tries: Replicated[] = [];
				for (const size of chosen ? [chosen.size] : batchSizes) {
					const replicated = await replicateOnce(server, size);
					tries.push(replicated);
					tried.get(size)?.push(replicated.ms);
				}
				const best = tries.reduce((a, b) => (b.ms < a.ms ? b : a));
				const others = tries
					.filter((t) => t !== best)
					.map((t) => `${batchText(t.batchSize)} ${Math.round(t.ms)} ms`);
				const how = chosen
					? `${batchText(best.batchSize)}, ${chosen.why}`
					: others.length > 0
						? `${batchText(best.batchSize)}, the fastest of this run (${others.join(', ')})`
						: batchText(best.batchSize);
				return {
					ms: best.ms,
					stored: best.stored,
					indexedDbBytes: best.indexedDbBytes,
					note: `PouchDB ${server.version}, ${best.adapter} adapter, ${how}`
				};
			},
			async close() {
				if (choosing && [...tried.values()].every((times) => times.length > 0)) {
					const medians = [...tried].map(([size, times]) => ({
						size,
						ms: summarise(times)!.median
					}));
					const fastest = medians.reduce((a, b) => (b.ms < a.ms ? b : a));
					chosen = {
						size: fastest.size,
						why:
							`the fastest on ${(rows.rows.cases?.length ?? 0).toLocaleString('en-GB')} cases (` +
							medians.map((m) => `${batchText(m.size)} ${Math.round(m.ms)} ms`).join(', ') +
							')'
					};
				}
				await server.close();
			}
		};
	};
}
