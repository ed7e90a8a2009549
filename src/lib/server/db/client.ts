import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema';

export type Schema = typeof schema;
/** The one database type the app codes against, whichever engine is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseHandle = {
	db: Database;
	kind: 'pglite' | 'postgres';
	/** Where the data lives, for messages: a directory, or the server's host and database (no password). */
	location: string;
	close: () => Promise<void>;
	/**
	 * Has the query planner gather fresh statistics (`ANALYZE`). PostgreSQL's autovacuum does this as
	 * data changes; PGlite runs no autovacuum, so it is done at start, every few minutes, and by
	 * whoever loads a lot of data at once (the demo seed).
	 */
	analyze: () => Promise<void>;
};

/** How often the embedded database's planner statistics are refreshed while the app runs. */
export const PGLITE_ANALYZE_EVERY_MS = 10 * 60_000;

/** Start-up failed for a reason the operator can fix; the message says which. */
export class StorageStartupError extends Error {
	override name = 'StorageStartupError';
}

// Any fixed number: serialises migrations when several app servers start against one PostgreSQL.
const MIGRATION_LOCK = 727_001;

export type OpenOptions = {
	/** PostgreSQL connection string; when absent the embedded PGlite database is used. */
	databaseUrl?: string;
	/** PGlite's directory; `memory://` for a throwaway in-memory database (tests). */
	pgliteDir?: string;
	migrationsDir: string;
};

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
	await assertMigrationsPresent(options.migrationsDir);
	if (options.databaseUrl) return openPostgres(options.databaseUrl, options.migrationsDir);
	return openPglite(options.pgliteDir ?? 'memory://', options.migrationsDir);
}

/**
 * The database the configuration names (`config.ts`): PostgreSQL at DATABASE_URL when it is set,
 * else PGlite in DATA_DIR. The server, `npm run seed` and `npm run purge` all open it this way.
 */
export function openConfiguredDatabase(config: {
	databaseUrl: string | undefined;
	dataDir: string;
	migrationsDir: string;
}): Promise<DatabaseHandle> {
	return openDatabase({
		databaseUrl: config.databaseUrl,
		pgliteDir: `${config.dataDir}/pglite`,
		migrationsDir: config.migrationsDir
	});
}

async function assertMigrationsPresent(dir: string) {
	try {
		await stat(path.join(dir, 'meta', '_journal.json'));
	} catch {
		throw new StorageStartupError(
			`Database migrations not found in ${dir}. Start the app from the project folder, or set MIGRATIONS_DIR.`
		);
	}
}

function describePostgres(url: string): string {
	try {
		const u = new URL(url);
		return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
	} catch {
		throw new StorageStartupError(
			'DATABASE_URL is not a valid connection string (expected postgres://user@host:5432/database).'
		);
	}
}

async function openPostgres(url: string, migrationsDir: string): Promise<DatabaseHandle> {
	const location = describePostgres(url);
	const options = { onnotice: () => {}, connect_timeout: 10 } as const;
	const migrator = postgres(url, { ...options, max: 1 });
	try {
		await migrator`select pg_advisory_lock(${MIGRATION_LOCK})`;
	} catch (error) {
		await migrator.end({ timeout: 1 }).catch(() => {});
		throw new StorageStartupError(
			`Cannot connect to the PostgreSQL server in DATABASE_URL (${location}): ${reason(error)}`
		);
	}
	try {
		await migratePostgres(drizzlePostgres(migrator, { schema }), {
			migrationsFolder: migrationsDir
		});
	} catch (error) {
		throw new StorageStartupError(
			`Migrating the PostgreSQL database at ${location} failed: ${reason(error)}`
		);
	} finally {
		await migrator`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
		await migrator.end({ timeout: 5 });
	}
	const client = postgres(url, { ...options, max: 10 });
	const db = drizzlePostgres(client, { schema });
	return {
		db,
		kind: 'postgres',
		location,
		close: () => client.end({ timeout: 5 }),
		analyze: async () => void (await client`analyze`)
	};
}

async function openPglite(dir: string, migrationsDir: string): Promise<DatabaseHandle> {
	const inMemory = dir.startsWith('memory://');
	if (!inMemory) await mkdir(dir, { recursive: true });
	let client: PGlite;
	try {
		client = await PGlite.create(dir);
		await client.query('select 1');
	} catch (error) {
		throw new StorageStartupError(
			`The data directory ${dir} does not hold a usable database (${reason(error)}). ` +
				'Move it aside to start afresh, or set DATA_DIR to another folder.'
		);
	}
	const db = drizzlePglite(client, { schema });
	try {
		await migratePglite(db, { migrationsFolder: migrationsDir });
	} catch (error) {
		await client.close().catch(() => {});
		throw new StorageStartupError(
			`Migrating the embedded database in ${dir} failed: ${reason(error)}`
		);
	}
	// With no statistics the planner guesses, and scanned whole tables where an index answers at
	// once: a sync pull read all 41,000 contacts of a 1,800-case database to find a few (10 ms
	// against 0.05 ms), and the server under load slowed to a crawl (issue 9's bench).
	const analyze = async () => void (await client.exec('analyze'));
	await analyze();
	const refresh = setInterval(() => void analyze().catch(() => {}), PGLITE_ANALYZE_EVERY_MS);
	refresh.unref();
	return {
		db,
		kind: 'pglite',
		location: dir,
		close: () => {
			clearInterval(refresh);
			return client.close();
		},
		analyze
	};
}

function reason(error: unknown): string {
	if (error instanceof Error) {
		const code = (error as { code?: unknown }).code;
		const message = error.message || (typeof code === 'string' ? code : error.name);
		return typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message;
	}
	return String(error);
}
