import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../../test-data/databases';
import { readConfig } from '../config';
import { sql } from 'drizzle-orm';
import { seedDemoData } from '../seed/seed';
import {
	openConfiguredDatabase,
	openDatabase,
	StorageStartupError,
	type DatabaseHandle
} from './client';

describe('the database the configuration names', () => {
	it('is PGlite in DATA_DIR/pglite when DATABASE_URL is not set', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'vch-configured-'));
		try {
			const config = readConfig({ DATA_DIR: dir, MIGRATIONS_DIR });
			const handle = await openConfiguredDatabase(config);
			await handle.close();
			expect({ kind: handle.kind, location: handle.location }).toEqual({
				kind: 'pglite',
				location: path.join(dir, 'pglite')
			});
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});

	it('is PostgreSQL when DATABASE_URL is set, even with DATA_DIR', async () => {
		const attempt = openConfiguredDatabase(
			readConfig({
				DATABASE_URL: 'postgres://nobody@127.0.0.1:1/nowhere',
				DATA_DIR: '/nonexistent',
				MIGRATIONS_DIR
			})
		);
		await expect(attempt).rejects.toThrow(/PostgreSQL server in DATABASE_URL/);
	});
});

describe('start-up failures name the problem', () => {
	it('an unreachable DATABASE_URL', async () => {
		const attempt = openDatabase({
			databaseUrl: 'postgres://nobody:secret@127.0.0.1:1/nowhere',
			migrationsDir: MIGRATIONS_DIR
		});
		await expect(attempt).rejects.toThrow(StorageStartupError);
		await expect(attempt).rejects.toThrow(
			/Cannot connect to the PostgreSQL server in DATABASE_URL \(127\.0\.0\.1:1\/nowhere\)/
		);
	});

	it('never repeats the password from DATABASE_URL', async () => {
		const error = await openDatabase({
			databaseUrl: 'postgres://nobody:hunter2@127.0.0.1:1/nowhere',
			migrationsDir: MIGRATIONS_DIR
		}).catch((e: unknown) => e);
		expect(String(error)).not.toContain('hunter2');
	});

	it('a DATABASE_URL that is not a connection string', async () => {
		await expect(
			openDatabase({ databaseUrl: 'not a url', migrationsDir: MIGRATIONS_DIR })
		).rejects.toThrow(/DATABASE_URL is not a valid connection string/);
	});

	it('a corrupt data directory', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'vch-corrupt-'));
		try {
			// Something that looks like a PostgreSQL data directory but is garbage inside.
			await writeFile(path.join(dir, 'PG_VERSION'), 'not a version\n');
			await writeFile(path.join(dir, 'postgresql.conf'), '\u0000\u0001garbage');
			await expect(openDatabase({ pgliteDir: dir, migrationsDir: MIGRATIONS_DIR })).rejects.toThrow(
				new RegExp(`The data directory ${dir} does not hold a usable database`)
			);
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});

	it('missing migrations', async () => {
		await expect(
			openDatabase({ pgliteDir: 'memory://', migrationsDir: '/nonexistent' })
		).rejects.toThrow(/Database migrations not found in \/nonexistent/);
	});

	it('a configuration value that is not a number', () => {
		expect(() => readConfig({ SESSION_IDLE_MINUTES: 'soon' })).toThrow(/SESSION_IDLE_MINUTES/);
	});
});

describe('the embedded database keeps its planner statistics (it runs no autovacuum)', () => {
	const NOW = new Date('2026-11-21T12:00:00.000Z');
	/** How many columns of `contacts` the planner has statistics for. */
	const statisticsOfContacts = async (handle: DatabaseHandle) => {
		const [row] = await handle.db
			.select({ n: sql<number>`count(*)::int` })
			.from(sql`pg_stats`)
			.where(sql`tablename = 'contacts'`);
		return row!.n;
	};

	it('gathers them on demand after a big load, and again every time it opens', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'vch-analyze-'));
		try {
			const first = await openDatabase({ pgliteDir: dir, migrationsDir: MIGRATIONS_DIR });
			await seedDemoData(first.db, { seed: 3, cases: 20, teams: 1, now: NOW });
			expect(await statisticsOfContacts(first)).toBe(0); // opened empty: nothing to gather then
			await first.analyze();
			expect(await statisticsOfContacts(first)).toBeGreaterThan(0);
			await first.db.execute(sql`delete from pg_statistic`);
			await first.close();

			const again = await openDatabase({ pgliteDir: dir, migrationsDir: MIGRATIONS_DIR });
			try {
				expect(await statisticsOfContacts(again)).toBeGreaterThan(0);
			} finally {
				await again.close();
			}
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});
});
