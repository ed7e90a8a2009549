import type { Database } from '../db';
import { developmentOutbox } from '../db/schema';

/** One message to one victim. `id` is the notification's id, given to the provider as its reference. */
export type OutgoingMessage = {
	id: string;
	channel: 'email' | 'sms';
	recipient: string;
	body: string;
};

/**
 * Why a send failed, and so what the worker may do about it:
 * - `temporary`: not delivered, and a later try may work (rate limited, provider down, no route);
 * - `permanent`: not delivered, and trying again will not help (a bad number, a refused key);
 * - `unknown`: the provider may have received it (the connection broke after the request went).
 *   It is never retried: at most once matters more than at least once, so a person checks.
 */
export type SendFailure = 'temporary' | 'permanent' | 'unknown';

export class SendError extends Error {
	override name = 'SendError';
	constructor(
		readonly failure: SendFailure,
		message: string
	) {
		super(message);
	}
}

/** Sends a message, or throws a `SendError` saying whether a retry may help. */
export interface Sender {
	/** For logs and the start-up line: which sender is in use. */
	readonly name: string;
	send(message: OutgoingMessage): Promise<{ providerReference: string | null }>;
}

/**
 * Used when no GOV.UK Notify key is configured: nothing leaves the server. Each message is written
 * to the development outbox, which signed-in staff can read at `/demo/outbox`. The notification's
 * id is the row's key, so a message can appear there only once.
 */
export class DevelopmentSender implements Sender {
	readonly name = 'development outbox';
	constructor(
		private readonly db: Database,
		private readonly clock: () => Date = () => new Date()
	) {}

	async send(message: OutgoingMessage): Promise<{ providerReference: string }> {
		try {
			await this.db
				.insert(developmentOutbox)
				.values({
					id: message.id,
					channel: message.channel,
					recipient: message.recipient,
					body: message.body,
					createdAt: this.clock()
				})
				.onConflictDoNothing();
		} catch (error) {
			// The insert did not commit, so nothing was "sent": trying again is safe.
			throw new SendError(
				'temporary',
				`The development outbox could not be written: ${error instanceof Error ? error.message : String(error)}`
			);
		}
		return { providerReference: `outbox:${message.id}` };
	}
}
