/* global Dexie, PouchDB */
/**
 * The first-sync bench's code that runs in the page (added with Playwright's `addScriptTag`).
 * Plain JavaScript on purpose: functions passed to `page.evaluate` from TypeScript run through
 * tsx, which wraps named inner functions in a helper the page does not have.
 *
 * Binary values (the hub's sealed values: AES-GCM bytes and their IVs) cannot travel as JSON, so
 * they travel as `{ $bytes: base64, $as: 'ArrayBuffer' | 'Uint8Array' }` and are turned back into
 * bytes where the rows are written as the hub stores them (the floor).
 */
(() => {
	const HUB_DATABASE_PREFIX = 'victim-care-hub:';

	function request(r) {
		return new Promise((resolve, reject) => {
			r.onsuccess = () => resolve(r.result);
			r.onerror = () => reject(new Error(String(r.error)));
		});
	}

	async function openHubDatabase() {
		const found = (await indexedDB.databases()).find((d) =>
			d.name?.startsWith(HUB_DATABASE_PREFIX)
		);
		if (!found?.name) throw new Error('No hub database on this device');
		return request(indexedDB.open(found.name));
	}

	function base64Of(bytes) {
		let text = '';
		for (let i = 0; i < bytes.length; i += 0x8000)
			text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
		return btoa(text);
	}

	function bytesOf(base64) {
		const text = atob(base64);
		const bytes = new Uint8Array(text.length);
		for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
		return bytes;
	}

	/** JSON for a stored row: its binary values as base64 (see above). */
	function encodedRows(rows) {
		return JSON.stringify(rows, (_key, value) => {
			if (value instanceof ArrayBuffer)
				return { $bytes: base64Of(new Uint8Array(value)), $as: 'ArrayBuffer' };
			if (value instanceof Uint8Array) return { $bytes: base64Of(value), $as: 'Uint8Array' };
			return value;
		});
	}

	/** Turns encoded binary values back into bytes, in place; returns the value. */
	function withBytes(value) {
		if (typeof value !== 'object' || value === null) return value;
		if (typeof value.$bytes === 'string') {
			const bytes = bytesOf(value.$bytes);
			return value.$as === 'ArrayBuffer' ? bytes.buffer : bytes;
		}
		for (const key of Object.keys(value)) {
			const inner = value[key];
			if (typeof inner === 'object' && inner !== null) value[key] = withBytes(inner);
		}
		return value;
	}

	/** Dexie's schema syntax for an object store: primary key first, then each index. */
	function dexieSpec(store) {
		const path = (keyPath) => (Array.isArray(keyPath) ? `[${keyPath.join('+')}]` : keyPath);
		const primary = `${store.autoIncrement ? '++' : ''}${path(store.keyPath)}`;
		const indexes = store.indexes.map(
			(i) => `${i.unique ? '&' : ''}${i.multiEntry ? '*' : ''}${path(i.keyPath)}`
		);
		return [primary, ...indexes].join(', ');
	}

	globalThis.bench = {
		/**
		 * The hub database's synced stores (all but `localStores`): each one's key path and indexes,
		 * and how many rows it holds.
		 */
		async hubStores(localStores) {
			const db = await openHubDatabase();
			const stores = {};
			for (const name of db.objectStoreNames) {
				if (localStores.includes(name)) continue;
				const store = db.transaction(name).objectStore(name);
				stores[name] = {
					keyPath: store.keyPath,
					autoIncrement: store.autoIncrement,
					indexes: [...store.indexNames].map((index) => {
						const i = store.index(index);
						return { name: i.name, keyPath: i.keyPath, unique: i.unique, multiEntry: i.multiEntry };
					}),
					rows: await request(store.count())
				};
			}
			db.close();
			return stores;
		},

		/** Up to `limit` rows of a store of the hub database, after the key `after`, as JSON. */
		async hubRows(storeName, after, limit) {
			const db = await openHubDatabase();
			const range = after === null ? null : IDBKeyRange.lowerBound(after, true);
			const rows = await request(
				db.transaction(storeName).objectStore(storeName).getAll(range, limit)
			);
			db.close();
			return encodedRows(rows);
		},

		/** When the hub's last sync finished, from its own record (epoch ms), or null. */
		async hubLastSynced() {
			const db = await openHubDatabase();
			const meta = await request(db.transaction('meta').objectStore('meta').get('lastSyncedAt'));
			db.close();
			return meta ? Date.parse(meta.value) : null;
		},

		/**
		 * The floor: one fetch of the pre-built JSON, one parse, and one bulkPut per table in one
		 * transaction (relaxed durability, as the hub writes pulled pages), into a Dexie database
		 * with the hub's stores and indexes. Timed from the fetch to the transaction's commit.
		 */
		async floorLoad(url, schema) {
			const stores = {};
			for (const [name, store] of Object.entries(schema)) stores[name] = dexieSpec(store);
			const db = new Dexie('floor', { chromeTransactionDurability: 'relaxed' });
			db.version(1).stores(stores);
			const started = performance.now();
			const response = await fetch(url, { cache: 'no-store' });
			const byTable = withBytes(await response.json());
			await db.open();
			const tables = Object.keys(byTable).map((name) => db.table(name));
			await db.transaction('rw', tables, () =>
				Promise.all(tables.map((table) => table.bulkPut(byTable[table.name])))
			);
			const ms = performance.now() - started;
			let stored = 0;
			for (const table of tables) stored += await table.count();
			db.close();
			return { ms, stored };
		},

		/**
		 * The peer: PouchDB replicates the remote database into a new local one (PouchDB's default
		 * browser adapter, IndexedDB) until complete. Timed from the start of the replication to
		 * its end; `batchSize` null is PouchDB's default.
		 */
		async peerReplicate(remote, batchSize) {
			const local = new PouchDB('team');
			const options = batchSize === null ? {} : { batch_size: batchSize };
			const started = performance.now();
			await PouchDB.replicate(remote, local, options);
			const ms = performance.now() - started;
			const info = await local.info();
			await local.close();
			return { ms, docs: info.doc_count, adapter: local.adapter };
		}
	};
})();
