import { createHmac } from 'node:crypto';
import type { NotifyConfig } from '../config';
import { SendError, type OutgoingMessage, type Sender } from './sender';

/**
 * GOV.UK Notify's REST API (v2), called directly: two endpoints and a signed token do not justify
 * a client library. Each message uses one template per channel whose whole content is the
 * `((body))` placeholder, so the words stay in the hub's catalogues (`i18n/*\/notification.ts`).
 *
 * - `POST /v2/notifications/email` `{ email_address, template_id, personalisation, reference }`
 * - `POST /v2/notifications/sms` `{ phone_number, template_id, personalisation, reference }`
 * - `Authorization: Bearer <JWT>`: HS256 over `{ iss: service id, iat: now in seconds }`, signed
 *   with the key's secret; Notify refuses a token more than 30 seconds old, so one is made per call.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An API key is `{key name}-{service id}-{secret key}`: the last two are uuids (36 characters). */
export function parseNotifyApiKey(apiKey: string): { serviceId: string; secretKey: string } {
	const serviceId = apiKey.slice(-73, -37);
	const secretKey = apiKey.slice(-36);
	if (apiKey.length < 74 || apiKey[apiKey.length - 37] !== '-' || !UUID.test(serviceId))
		throw new Error('NOTIFY_API_KEY is not a GOV.UK Notify API key');
	if (!UUID.test(secretKey)) throw new Error('NOTIFY_API_KEY is not a GOV.UK Notify API key');
	return { serviceId, secretKey };
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The bearer token Notify expects (RFC 7519, HS256). */
export function notifyToken(serviceId: string, secretKey: string, now: Date): string {
	const unsigned = `${base64url({ typ: 'JWT', alg: 'HS256' })}.${base64url({
		iss: serviceId,
		iat: Math.floor(now.getTime() / 1000)
	})}`;
	const signature = createHmac('sha256', secretKey).update(unsigned).digest('base64url');
	return `${unsigned}.${signature}`;
}

/**
 * Network failures where the request certainly never reached Notify (no connection was made), so
 * trying again cannot send twice. Anything else — a reset or a timeout after the request went —
 * may have been delivered.
 */
const NOT_CONNECTED = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'UND_ERR_CONNECT_TIMEOUT'
]);

function networkFailure(error: unknown): SendError {
	const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
	const code = typeof cause?.code === 'string' ? cause.code : undefined;
	if (code && NOT_CONNECTED.has(code))
		return new SendError('temporary', `GOV.UK Notify could not be reached (${code}).`);
	const what =
		error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
			? 'no answer in time'
			: (code ?? (error instanceof Error ? error.message : String(error)));
	return new SendError('unknown', `The connection to GOV.UK Notify broke (${what}).`);
}

/** Notify's error body: `{ status_code, errors: [{ error, message }] }`. */
async function problemOf(response: Response): Promise<string> {
	const body: unknown = await response.json().catch(() => null);
	const errors = (body as { errors?: { error?: unknown; message?: unknown }[] } | null)?.errors;
	const messages = Array.isArray(errors)
		? errors.map((e) => (typeof e.message === 'string' ? e.message : '')).filter(Boolean)
		: [];
	return messages.length > 0 ? messages.join('; ') : response.statusText || 'no reason given';
}

export type NotifySenderOptions = {
	fetch?: typeof fetch;
	/** Well under the worker's 10-minute limit for a message left `sending`. */
	timeoutMs?: number;
	clock?: () => Date;
};

export class NotifySender implements Sender {
	readonly name = 'GOV.UK Notify';
	private readonly serviceId: string;
	private readonly secretKey: string;

	constructor(
		private readonly config: NotifyConfig,
		private readonly options: NotifySenderOptions = {}
	) {
		({ serviceId: this.serviceId, secretKey: this.secretKey } = parseNotifyApiKey(config.apiKey));
	}

	async send(message: OutgoingMessage): Promise<{ providerReference: string | null }> {
		const { channel, recipient, body, id } = message;
		const payload =
			channel === 'email'
				? { email_address: recipient, template_id: this.config.emailTemplateId }
				: { phone_number: recipient, template_id: this.config.smsTemplateId };
		const now = (this.options.clock ?? (() => new Date()))();
		let response: Response;
		try {
			response = await (this.options.fetch ?? fetch)(
				`${this.config.baseUrl}/v2/notifications/${channel}`,
				{
					method: 'POST',
					headers: {
						authorization: `Bearer ${notifyToken(this.serviceId, this.secretKey, now)}`,
						'content-type': 'application/json',
						accept: 'application/json'
					},
					body: JSON.stringify({ ...payload, personalisation: { body }, reference: id }),
					signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000)
				}
			);
		} catch (error) {
			throw networkFailure(error);
		}
		if (response.ok) {
			// Accepted: whatever the body says, it must not be sent again.
			const created: unknown = await response.json().catch(() => null);
			const reference = (created as { id?: unknown } | null)?.id;
			return { providerReference: typeof reference === 'string' ? reference : null };
		}
		const problem = await problemOf(response);
		const said = `GOV.UK Notify answered ${response.status}: ${problem}`;
		// Rate limits and Notify's own failures pass; a refused request (400 bad recipient or
		// template, 403 bad key or token) will be refused again.
		if (response.status === 429 || response.status >= 500) throw new SendError('temporary', said);
		throw new SendError('permanent', said);
	}
}
