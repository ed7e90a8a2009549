import type { Database, DatabaseHandle } from './client';

export type { Database, DatabaseHandle } from './client';
export { openConfiguredDatabase, openDatabase, StorageStartupError } from './client';

/**
 * The server process's one database, opened by the `init` hook before any request is served.
 * Request code calls `db()`; tests pass their own handle to the functions they exercise instead.
 */
let current: DatabaseHandle | undefined;

export function setDatabase(handle: DatabaseHandle) {
	current = handle;
}

export function db(): Database {
	if (!current) throw new Error('The database is not open yet: the init hook has not finished');
	return current.db;
}
