import Dexie from 'dexie';
import type { MutationName } from '$lib/domain';
import type { HubDatabase, Quarantined } from './db';
import { writeWithRoom } from './storage';

/**
 * The most sensitive values kept on the device — a victim's address and safety notes, contact
 * summaries — are stored encrypted (ARCHITECTURE.md, "Encryption on the device"): AES-GCM with a
 * 256-bit key made for this user's database, not extractable, kept in the database's `meta` store
 * (so deleting the database destroys it), and a fresh random 96-bit IV for every value.
 *
 * WebCrypto is never awaited inside a Dexie transaction (IndexedDB commits a transaction when its
 * code awaits anything else): values are sealed before a write's transaction (`sealRows`, or a
 * `Sealer` prepared beforehand for values only known inside it) and opened after a read
 * (`openRows`). Every promise handed out here is Dexie's, so a live query that awaits it still
 * sees the reads that follow (Dexie's documented rule for non-Dexie async calls in a querier).
 */

/** A value sealed with the database's key: the JSON of the value, encrypted. */
export type Sealed = { v: 1; iv: Uint8Array; data: ArrayBuffer };

/** The stored form of a sealed value: an object no plain value of these fields can be. */
export function isSealed(value: unknown): value is Sealed {
	return (
		typeof value === 'object' &&
		value !== null &&
		'v' in value &&
		'iv' in value &&
		'data' in value &&
		Object.keys(value).length === 3
	);
}

type Path = readonly (string | number)[];
type AnyRow = Record<string, unknown>;

/** Where each mutation's arguments carry a sensitive value. */
const ARG_PLACES: Partial<Record<MutationName, Path[]>> = {
	'contact.record': [['summary']],
	'victim.update': [['values', 'safetyNotes']]
};

const prefixed = (prefix: string, paths: Path[]): Path[] => paths.map((p) => [prefix, ...p]);

/**
 * Where each store keeps a sensitive value. Synced tables hold them in their rows; the device's own
 * stores hold copies: a shadow or a quarantined record holds a row of a table, an outbox entry the
 * arguments of a mutation, a settlement the change in words (which quotes what was typed).
 */
const PLACES: Record<string, (row: AnyRow) => Path[]> = {
	victims: () => [['address'], ['safeContact', 'notes']],
	contacts: () => [['summary']],
	victimChanges: (row) =>
		Array.isArray(row.changes)
			? (row.changes as { field?: unknown }[]).flatMap((c, i) =>
					c?.field === 'safetyNotes'
						? [
								['changes', i, 'from'],
								['changes', i, 'to']
							]
						: []
				)
			: [],
	conflicts: (row) =>
		row.field === 'safetyNotes' ? [['serverValue'], ['clientValue'], ['resolution']] : [],
	outbox: (row) => prefixed('args', ARG_PLACES[row.name as MutationName] ?? []),
	settlements: () => [['what']],
	shadows: (row) => nested(row),
	quarantine: (row) => nested(row)
};

function nested(row: AnyRow): Path[] {
	const inner = row.row;
	if (typeof inner !== 'object' || inner === null || typeof row.table !== 'string') return [];
	return prefixed('row', placesOf(row.table, inner as AnyRow));
}

/** The places in a row of `table` that hold a value (null and absent values are not sealed). */
function placesOf(table: string, row: AnyRow): Path[] {
	const places = PLACES[table]?.(row) ?? [];
	return places.filter((path) => {
		const value = valueAt(row, path);
		return value !== null && value !== undefined;
	});
}

function valueAt(row: unknown, path: Path): unknown {
	let at = row;
	for (const step of path) {
		if (typeof at !== 'object' || at === null) return undefined;
		at = (at as Record<string | number, unknown>)[step];
	}
	return at;
}

/** A copy of `row` with `value` at `path`, copying only along the path (rows may be frozen). */
function withValueAt<T>(row: T, path: Path, value: unknown): T {
	const [step, ...rest] = path;
	if (step === undefined) return value as T;
	const copy = (Array.isArray(row) ? [...row] : { ...row }) as Record<string | number, unknown>;
	if (rest.length === 0 && value === undefined) delete copy[step];
	else copy[step] = withValueAt(copy[step], rest, value);
	return copy as T;
}

/** The plain (not yet sealed) sensitive values in a row, such as one written before encryption. */
export function plainValuesIn(table: string, row: AnyRow): unknown[] {
	return placesOf(table, row)
		.map((path) => valueAt(row, path))
		.filter((value) => !isSealed(value));
}

/**
 * A copy of the row without its sensitive values, for reads that do not show them (the caseload
 * and the team's lists): nothing is decrypted, and the rest is parsed as usual. Only for tables
 * whose sensitive fields are optional in their schema (victims); contacts use a schema without
 * the summary instead.
 */
export function withoutSensitiveValues<T extends AnyRow>(table: string, row: T): T {
	let out = row;
	for (const path of placesOf(table, row)) out = withValueAt(out, path, undefined);
	return out;
}

/** A promise Dexie can follow: a live query awaiting it keeps observing what it reads next. */
function followed<T>(promise: Promise<T>): Promise<T> {
	return Dexie.Promise.resolve(promise);
}

const ALGORITHM = 'AES-GCM';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Why a value could not be opened: said in the quarantine, never shown as data. */
export const UNREADABLE =
	'could not be decrypted on this device (it was changed after it was written, or its key is missing)';

/**
 * The device's encryption of one user database. Made per use (cheap): the key is read from the
 * database when first needed and made on the first write that needs one.
 */
export class Vault {
	#key: Promise<CryptoKey | null> | undefined;

	constructor(readonly db: HubDatabase) {}

	/** The database's key; made (once, whichever connection asks first) when `create` is set. */
	#keyFor(create: boolean): Promise<CryptoKey | null> {
		const loaded = (this.#key ??= this.#load());
		if (!create) return loaded;
		// A key that could not be stored (the device full) is asked for again next time.
		return (this.#key = loaded.then((key) => key ?? this.#make())).catch((error: unknown) => {
			this.#key = undefined;
			throw error;
		});
	}

	async #load(): Promise<CryptoKey | null> {
		const found = await this.db.meta.get('dataKey');
		return found?.key === 'dataKey' ? found.value : null;
	}

	async #make(): Promise<CryptoKey> {
		// Made outside the transaction (WebCrypto); the transaction then keeps the first key stored,
		// so two tabs making one at once still end up with the same key.
		const made = await crypto.subtle.generateKey({ name: ALGORITHM, length: 256 }, false, [
			'encrypt',
			'decrypt'
		]);
		// Out of space: free what can be downloaded again and try once more, as for any change.
		return writeWithRoom(this.db, () =>
			this.db.transaction('rw', this.db.meta, async () => {
				const found = await this.db.meta.get('dataKey');
				if (found?.key === 'dataKey') return found.value;
				await this.db.meta.add({ key: 'dataKey', value: made });
				return made;
			})
		);
	}

	/** Seals one value (any JSON value) with a fresh random IV. */
	seal(value: unknown): Promise<Sealed> {
		return followed(this.#keyFor(true).then((key) => sealWith(key!, value)));
	}

	/** Seals every plain sensitive value of the rows, concurrently; rows with none are kept as they are. */
	sealRows<T extends AnyRow>(table: string, rows: T[]): Promise<T[]> {
		return followed(
			(async () => {
				const wanted = rows.flatMap((row) => plainValuesIn(table, row));
				if (wanted.length === 0) return rows;
				const sealer = await this.sealer(wanted);
				return rows.map((row) => sealer.row(table, row));
			})()
		);
	}

	/** A pulled page's rows, by table, with every sensitive value sealed, all concurrently. */
	sealChanges<C extends Partial<Record<string, AnyRow[]>>>(changes: C): Promise<C> {
		return followed(
			(async () => {
				const tables = Object.entries(changes) as [string, AnyRow[]][];
				const wanted = tables.flatMap(([t, rows]) => rows.flatMap((r) => plainValuesIn(t, r)));
				if (wanted.length === 0) return changes;
				const sealer = await this.sealer(wanted);
				return Object.fromEntries(
					tables.map(([t, rows]) => [t, rows.map((row) => sealer.row(t, row))])
				) as C;
			})()
		);
	}

	/**
	 * Outbox entries as the server must receive them, their arguments opened: the entries in order
	 * up to the first one that cannot be opened, and that one (with its problem) if any.
	 */
	openOutbox<T extends AnyRow & { seq: number }>(
		entries: T[]
	): Promise<{ entries: T[]; unreadable: Quarantined | null }> {
		return followed(
			this.openRows('outbox', entries).then(({ rows, problems }) => {
				const unreadable = problems[0] ?? null;
				const stop = unreadable ? (unreadable.row as T).seq : Infinity;
				return { entries: rows.filter((e) => e.seq < stop), unreadable };
			})
		);
	}

	/**
	 * Seals each distinct value ahead of a transaction that will write them: inside it, `Sealer`
	 * hands out the sealed copies synchronously.
	 */
	sealer(values: unknown[]): Promise<Sealer> {
		return followed(
			(async () => {
				const texts = [
					...new Set(
						values.filter((v) => v !== null && v !== undefined && !isSealed(v)).map(textOf)
					)
				];
				if (texts.length === 0) return new Sealer(new Map());
				const key = (await this.#keyFor(true))!;
				const sealed = await Promise.all(texts.map((text) => sealText(key, text)));
				return new Sealer(new Map(texts.map((text, i) => [text, sealed[i]!])));
			})()
		);
	}

	/** Opens one sealed value; a plain value is returned as it is. Rejects when it cannot be read. */
	open(value: unknown): Promise<unknown> {
		if (!isSealed(value)) return followed(Promise.resolve(value));
		return followed(
			this.#keyFor(false).then((key) => {
				if (!key) throw new Error(UNREADABLE);
				return openWith(key, value);
			})
		);
	}

	/**
	 * Opens every sealed value of the rows, concurrently. A row with a value that cannot be opened
	 * (changed on the device, or its key gone) is left out and reported as a problem, to be set aside.
	 */
	openRows<T extends AnyRow>(
		table: string,
		rows: (T | undefined)[]
	): Promise<{ rows: T[]; problems: Quarantined[] }> {
		return followed(
			(async () => {
				const present = rows.filter((r): r is T => r !== undefined);
				const sealed = present.map((row) =>
					placesOf(table, row).filter((path) => isSealed(valueAt(row, path)))
				);
				if (!sealed.some((paths) => paths.length > 0)) return { rows: present, problems: [] };
				const key = await this.#keyFor(false);
				// Every value of every row at once; a value that fails is `undefined` here.
				const opened = await Promise.all(
					present.map((row, i) =>
						Promise.all(
							sealed[i]!.map((path) =>
								key
									? openWith(key, valueAt(row, path) as Sealed).then(
											(value) => ({ value }),
											() => undefined
										)
									: Promise.resolve(undefined)
							)
						)
					)
				);
				const out: T[] = [];
				const problems: Quarantined[] = [];
				present.forEach((row, i) => {
					const paths = sealed[i]!;
					const values = opened[i]!;
					const failed = values.findIndex((v) => v === undefined);
					if (failed >= 0) return problems.push(unreadable(table, row, paths[failed]!));
					out.push(paths.reduce((r, path, j) => withValueAt(r, path, values[j]!.value), row));
				});
				return { rows: out, problems };
			})()
		);
	}
}

/** Values sealed beforehand, handed out by their plain text inside a transaction. */
export class Sealer {
	constructor(readonly sealed: Map<string, Sealed>) {}

	/** The row with each plain sensitive value sealed; every one must have been prepared. */
	row<T extends AnyRow>(table: string, row: T): T {
		const out = this.tryRow(table, row);
		if (!out) throw new Error(`A value of ${table} was not sealed before its transaction.`);
		return out;
	}

	/** Like `row`, or null when a plain value in it was not prepared (the row changed since). */
	tryRow<T extends AnyRow>(table: string, row: T): T | null {
		let out = row;
		for (const path of placesOf(table, row)) {
			const value = valueAt(row, path);
			if (isSealed(value)) continue;
			const sealed = this.sealed.get(textOf(value));
			if (!sealed) return null;
			out = withValueAt(out, path, sealed);
		}
		return out;
	}

	/** A mutation's arguments with their sensitive values sealed, as the outbox keeps them. */
	args<T>(name: MutationName, args: T): T {
		return this.row('outbox', { name, args }).args;
	}

	/** One value, sealed (null and absent stay as they are). */
	value(value: unknown): unknown {
		if (value === null || value === undefined || isSealed(value)) return value;
		const sealed = this.sealed.get(textOf(value));
		if (!sealed) throw new Error('A value was not sealed before its transaction.');
		return sealed;
	}
}

const textOf = (value: unknown) => JSON.stringify(value);

function sealWith(key: CryptoKey, value: unknown): Promise<Sealed> {
	return sealText(key, textOf(value));
}

async function sealText(key: CryptoKey, text: string): Promise<Sealed> {
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const data = await crypto.subtle.encrypt({ name: ALGORITHM, iv }, key, encoder.encode(text));
	return { v: 1, iv, data };
}

async function openWith(key: CryptoKey, sealed: Sealed): Promise<unknown> {
	if (sealed.v !== 1) throw new Error(`Unknown format ${String(sealed.v)}`);
	const plain = await crypto.subtle.decrypt(
		{ name: ALGORITHM, iv: sealed.iv as Uint8Array<ArrayBuffer> },
		key,
		sealed.data
	);
	return JSON.parse(decoder.decode(plain)) as unknown;
}

function unreadable(table: string, row: AnyRow, path: Path): Quarantined {
	const found = [row.id, row.key, row.seq, row.mutationId].find(
		(v) => typeof v === 'string' || typeof v === 'number'
	);
	const id = found === undefined ? '' : String(found);
	return {
		key: `${table}:${id}`,
		table,
		id,
		problem: `${path.join('.')}: ${UNREADABLE}`,
		row,
		at: new Date().toISOString()
	};
}

/** The stores that keep sensitive values, checked for plain ones by `sealStoredValues`. */
const STORES = Object.keys(PLACES);
const CHUNK = 5_000;

/**
 * Seals the sensitive values stored in plain before encryption came in (once per database, after
 * it opens: `meta.valuesSealed` records that it was done). Each chunk of rows is sealed outside any
 * transaction, then written in one only where the row still holds the very values that were sealed,
 * so nothing written meanwhile is overwritten. Returns how many rows were sealed.
 */
export async function sealStoredValues(db: HubDatabase): Promise<number> {
	const [done, cursor] = await Promise.all([db.meta.get('valuesSealed'), db.meta.get('cursor')]);
	if (done) return 0;
	// A database that has never pulled a page holds nothing written before encryption: no need
	// to read through a first download as it arrives.
	if (!cursor) {
		await db.meta.put({ key: 'valuesSealed', value: new Date().toISOString() });
		return 0;
	}
	const vault = new Vault(db);
	let sealed = 0;
	for (const store of STORES) {
		const table = db.table<AnyRow>(store);
		const keyPath = table.schema.primKey.keyPath as string;
		const plain = (await table.toArray()).filter((row) => plainValuesIn(store, row).length > 0);
		for (let i = 0; i < plain.length; i += CHUNK) {
			const chunk = plain.slice(i, i + CHUNK);
			const sealer = await vault.sealer(chunk.flatMap((row) => plainValuesIn(store, row)));
			sealed += await db.transaction('rw', table, async () => {
				const current = await table.bulkGet(chunk.map((row) => row[keyPath] as IndexableKey));
				const next = current.flatMap((row) => {
					const out = row && plainValuesIn(store, row).length > 0 && sealer.tryRow(store, row);
					return out ? [out] : [];
				});
				await table.bulkPut(next);
				return next.length;
			});
		}
	}
	await db.meta.put({ key: 'valuesSealed', value: new Date().toISOString() });
	return sealed;
}

type IndexableKey = string | number;
