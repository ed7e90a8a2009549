import path from 'node:path';
import postgres from 'postgres';
import { openDatabase, type DatabaseHandle } from '$lib/server/db/client';

export const MIGRATIONS_DIR = path.resolve('src/lib/server/db/migrations');

/** The PostgreSQL server the storage tests use: these machines run one at 127.0.0.1:5432. */
export const POSTGRES_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Whether a PostgreSQL server answers. Where none does (a laptop without one) the PostgreSQL pass
 * is skipped with a printed notice; CI sets REQUIRE_POSTGRES=1 so that it fails instead.
 */
export async function postgresAvailable(): Promise<boolean> {
	const sql = postgres(POSTGRES_URL, { max: 1, connect_timeout: 3, onnotice: () => {} });
	try {
		await sql`select 1`;
		return true;
	} catch (error) {
		if (process.env.REQUIRE_POSTGRES === '1')
			throw new Error(
				`REQUIRE_POSTGRES=1 but PostgreSQL at ${POSTGRES_URL} is not reachable: ${String(error)}`
			);
		console.warn(
			`\n*** NOTICE: PostgreSQL at ${POSTGRES_URL} is not reachable, so the PostgreSQL storage tests are SKIPPED.` +
				'\n*** Set DATABASE_URL to a server (CI sets REQUIRE_POSTGRES=1 to fail instead).\n'
		);
		return false;
	} finally {
		await sql.end({ timeout: 1 });
	}
}

/** A fresh database of the given kind: in-memory PGlite, or a new PostgreSQL database dropped on close. */
export async function freshDatabase(kind: 'pglite' | 'postgres'): Promise<DatabaseHandle> {
	if (kind === 'pglite')
		return openDatabase({ pgliteDir: 'memory://', migrationsDir: MIGRATIONS_DIR });
	const name = `vch_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
	const admin = postgres(POSTGRES_URL, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	const url = new URL(POSTGRES_URL);
	url.pathname = `/${name}`;
	const handle = await openDatabase({ databaseUrl: url.toString(), migrationsDir: MIGRATIONS_DIR });
	return {
		...handle,
		close: async () => {
			await handle.close();
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end({ timeout: 1 });
		}
	};
}

/** The engines the storage-level tests run on: PGlite always, PostgreSQL when a server answers. */
export async function storageEngines(): Promise<{ kind: 'pglite' | 'postgres'; run: boolean }[]> {
	return [
		{ kind: 'pglite', run: true },
		{ kind: 'postgres', run: await postgresAvailable() }
	];
}

/** Drizzle wraps driver errors ("Failed query: …"); the database's own message is the cause. */
export async function databaseRefusal(promise: PromiseLike<unknown>): Promise<string> {
	try {
		await promise;
	} catch (error) {
		const cause = (error as { cause?: unknown }).cause;
		return cause instanceof Error ? cause.message : String(error);
	}
	throw new Error('expected the database to refuse the statement');
}
