import path from 'node:path';
import { z } from 'zod';

/**
 * Server configuration from the environment, validated once so that a typo in a variable fails
 * start-up with a message naming it instead of misbehaving later.
 */
const Env = z.object({
	DATABASE_URL: z
		.string()
		.trim()
		.optional()
		.transform((v) => (v ? v : undefined)),
	DATA_DIR: z.string().trim().min(1).default('data'),
	SESSION_IDLE_MINUTES: z.coerce
		.number()
		.int()
		.min(1)
		.max(24 * 60)
		.default(30),
	SESSION_ABSOLUTE_HOURS: z.coerce
		.number()
		.int()
		.min(1)
		.max(24 * 30)
		.default(12),
	SIGN_IN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
	SIGN_IN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(30),
	SIGN_IN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
	SET_UP_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(10),
	SET_UP_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
	MIGRATIONS_DIR: z.string().trim().min(1).optional()
});

export type ServerConfig = {
	databaseUrl: string | undefined;
	dataDir: string;
	migrationsDir: string;
	session: { idleMs: number; absoluteMs: number };
	signIn: { maxFailuresPerAccount: number; maxFailuresPerIp: number; windowMs: number };
	/** Invitation codes typed at `/set-up`: wrong ones per IP address in a window. */
	setUp: { maxFailuresPerIp: number; windowMs: number };
};

export class ConfigError extends Error {
	override name = 'ConfigError';
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
	const parsed = Env.safeParse(env);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
		throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
	}
	const e = parsed.data;
	return {
		databaseUrl: e.DATABASE_URL,
		dataDir: path.resolve(e.DATA_DIR),
		// Migrations ship as SQL files in the source tree; the app is started from the project root.
		migrationsDir: path.resolve(e.MIGRATIONS_DIR ?? 'src/lib/server/db/migrations'),
		session: {
			idleMs: e.SESSION_IDLE_MINUTES * 60_000,
			absoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000
		},
		signIn: {
			maxFailuresPerAccount: e.SIGN_IN_MAX_FAILURES_PER_ACCOUNT,
			maxFailuresPerIp: e.SIGN_IN_MAX_FAILURES_PER_IP,
			windowMs: e.SIGN_IN_WINDOW_MINUTES * 60_000
		},
		setUp: {
			maxFailuresPerIp: e.SET_UP_MAX_FAILURES_PER_IP,
			windowMs: e.SET_UP_WINDOW_MINUTES * 60_000
		}
	};
}

let cached: ServerConfig | undefined;
/** The process's configuration, read on first use. */
export function config(): ServerConfig {
	cached ??= readConfig();
	return cached;
}
