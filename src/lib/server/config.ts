import path from 'node:path';
import { z } from 'zod';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** An unset or blank variable is absent. */
const optionalText = z
	.string()
	.trim()
	.optional()
	.transform((v) => (v ? v : undefined));

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
	MIGRATIONS_DIR: z.string().trim().min(1).optional(),
	// Where a victim signs in, for the link in the messages they are sent.
	PUBLIC_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
	ORIGIN: optionalText,
	NOTIFY_API_KEY: optionalText.pipe(
		z
			.string()
			// `{key name}-{service id}-{secret}`: the last two are uuids (GOV.UK Notify, API keys).
			.regex(new RegExp(`-${UUID}-${UUID}$`, 'i'), {
				error: 'must be a GOV.UK Notify API key: {key name}-{service id}-{secret key}'
			})
			.optional()
	),
	NOTIFY_BASE_URL: z
		.url({ protocol: /^https?$/ })
		.default('https://api.notifications.service.gov.uk'),
	NOTIFY_EMAIL_TEMPLATE_ID: optionalText.pipe(z.uuid().optional()),
	NOTIFY_SMS_TEMPLATE_ID: optionalText.pipe(z.uuid().optional()),
	NOTIFICATION_POLL_MS: z.coerce.number().int().min(100).max(3_600_000).default(15_000),
	// How long a closed case is kept before the purge deletes it with everything about it. Two
	// years (730 days) is this synthetic service's retention schedule: long enough for the
	// complaint routes a victim has after their case closes (the service's own complaints process,
	// then the Parliamentary and Health Service Ombudsman, whom a complaint normally reaches
	// within a year of the matter) and for a case reopened on appeal, and no longer (UK GDPR
	// Article 5(1)(e): kept no longer than necessary). A real deployment takes the figure from its
	// own records-retention policy; at least 30 days, so a typo cannot empty the hub in a night.
	RETENTION_DAYS_AFTER_CLOSE: z.coerce.number().int().min(30).max(36_500).default(730),
	RETENTION_PURGE_INTERVAL_MINUTES: z.coerce
		.number()
		.int()
		.min(1)
		.max(7 * 24 * 60)
		.default(60),
	// A failpoint for the crash test only (tests/server-crash.spec.ts), never set in production:
	// `exit-after-push-commit` makes the process die once a push that applied a change has
	// committed, before it answers: the one moment a device cannot know whether its change landed.
	FAILPOINT: z.enum(['exit-after-push-commit']).optional()
});

export type NotifyConfig = {
	apiKey: string;
	baseUrl: string;
	emailTemplateId: string;
	smsTemplateId: string;
};

export type ServerConfig = {
	databaseUrl: string | undefined;
	dataDir: string;
	migrationsDir: string;
	session: { idleMs: number; absoluteMs: number };
	signIn: { maxFailuresPerAccount: number; maxFailuresPerIp: number; windowMs: number };
	/** Invitation codes typed at `/set-up`: wrong ones per IP address in a window. */
	setUp: { maxFailuresPerIp: number; windowMs: number };
	notifications: {
		/** The site's public address, for the sign-in link in messages to victims. */
		publicUrl: string;
		pollMs: number;
		/** GOV.UK Notify, when NOTIFY_API_KEY is set; otherwise the development outbox is used. */
		notify: NotifyConfig | null;
	};
	/** Closed cases are deleted this long after closing, checked every `intervalMs`. */
	retention: { daysAfterClose: number; intervalMs: number };
	/** A fault the crash test injects (see `FAILPOINT`); undefined everywhere else. */
	failpoint: 'exit-after-push-commit' | undefined;
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
	let notify: NotifyConfig | null = null;
	if (e.NOTIFY_API_KEY) {
		if (!e.NOTIFY_EMAIL_TEMPLATE_ID || !e.NOTIFY_SMS_TEMPLATE_ID)
			throw new ConfigError(
				'Invalid configuration: NOTIFY_API_KEY is set, so NOTIFY_EMAIL_TEMPLATE_ID and NOTIFY_SMS_TEMPLATE_ID must be set too'
			);
		notify = {
			apiKey: e.NOTIFY_API_KEY,
			baseUrl: e.NOTIFY_BASE_URL.replace(/\/+$/, ''),
			emailTemplateId: e.NOTIFY_EMAIL_TEMPLATE_ID,
			smsTemplateId: e.NOTIFY_SMS_TEMPLATE_ID
		};
	}
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
		},
		notifications: {
			// adapter-node's ORIGIN is the public address too; PUBLIC_URL wins when both are set.
			publicUrl: (e.PUBLIC_URL ?? e.ORIGIN ?? 'http://localhost:3000').replace(/\/+$/, ''),
			pollMs: e.NOTIFICATION_POLL_MS,
			notify
		},
		retention: {
			daysAfterClose: e.RETENTION_DAYS_AFTER_CLOSE,
			intervalMs: e.RETENTION_PURGE_INTERVAL_MINUTES * 60_000
		},
		failpoint: e.FAILPOINT
	};
}

let cached: ServerConfig | undefined;
/** The process's configuration, read on first use. */
export function config(): ServerConfig {
	cached ??= readConfig();
	return cached;
}
