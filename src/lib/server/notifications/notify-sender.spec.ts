import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/domain';
import { freshDatabase, storageEngines } from '../../../test-data/databases';
import { readConfig } from '../config';
import type { DatabaseHandle } from '../db';
import * as s from '../db/schema';
import { seedDemoData } from '../seed/seed';
import { push } from '../sync/push';
import { deliverDue } from './deliver';
import { senderFor, usesDevelopmentOutbox } from './index';
import { NotifySender, notifyToken, parseNotifyApiKey } from './notify-sender';
import { DevelopmentSender, SendError, type OutgoingMessage } from './sender';

const SERVICE_ID = '26785a09-ab16-4eb0-8407-a37497a57506';
const SECRET_KEY = '3d844edf-8d35-48ac-975b-e847b4f122b0';
const API_KEY = `hub_test-${SERVICE_ID}-${SECRET_KEY}`;
const EMAIL_TEMPLATE = 'f33517ff-2a88-4f6e-b855-c550268ce08a';
const SMS_TEMPLATE = 'b0a6b4c6-3e4b-4a8c-9a25-0f2bd3d3a7e1';

type Answer =
	| { status: number; message?: string }
	/** Take the request, then close the connection without answering. */
	| 'drop'
	/** Take the request and never answer. */
	| 'hang';
type Received = { path: string; body: Record<string, unknown> };

/**
 * A local stand-in for GOV.UK Notify's send-email and send-sms endpoints. Like Notify, it refuses a
 * request whose bearer token is not signed with the service's secret, names another service, or is
 * more than 30 seconds old; it records every accepted request's body and answers from a script
 * (201 when the script is empty).
 */
async function fakeNotify() {
	const received: Received[] = [];
	const script: Answer[] = [];
	const refuse = (res: ServerResponse, status: number, error: string, message: string) =>
		res
			.writeHead(status, { 'content-type': 'application/json' })
			.end(JSON.stringify({ status_code: status, errors: [{ error, message }] }));
	const handle = async (req: IncomingMessage, res: ServerResponse) => {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const [header, claims, signature] = (req.headers.authorization ?? '')
			.replace(/^Bearer /, '')
			.split('.');
		const expected = createHmac('sha256', SECRET_KEY).update(`${header}.${claims}`).digest();
		const given = Buffer.from(signature ?? '', 'base64url');
		if (
			!header ||
			!claims ||
			given.length !== expected.length ||
			!timingSafeEqual(given, expected) ||
			(JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg?: unknown }).alg !== 'HS256'
		)
			return refuse(res, 403, 'AuthError', 'Invalid token: signature, api token not found');
		const { iss, iat } = JSON.parse(Buffer.from(claims, 'base64url').toString()) as {
			iss: string;
			iat: number;
		};
		if (iss !== SERVICE_ID)
			return refuse(res, 403, 'AuthError', 'Invalid token: service not found');
		if (Math.abs(Date.now() / 1000 - iat) > 30)
			return refuse(
				res,
				403,
				'AuthError',
				'Error: Your system clock must be accurate to within 30 seconds'
			);
		if (req.method !== 'POST' || !/^\/v2\/notifications\/(email|sms)$/.test(req.url ?? ''))
			return refuse(res, 404, 'NotFound', 'Not found');
		if (req.headers['content-type'] !== 'application/json')
			return refuse(res, 400, 'BadRequestError', 'Content-Type must be application/json');
		const body = JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>;
		received.push({ path: req.url!, body });
		const answer = script.shift() ?? { status: 201 };
		if (answer === 'drop') return req.socket.destroy();
		if (answer === 'hang') return;
		if (answer.status !== 201)
			return refuse(res, answer.status, 'Error', answer.message ?? `Status ${answer.status}`);
		res.writeHead(201, { 'content-type': 'application/json' }).end(
			JSON.stringify({
				id: randomUUID(),
				reference: body.reference,
				content: { body: (body.personalisation as { body: string }).body },
				template: { id: body.template_id, version: 1 }
			})
		);
	};
	const server = createServer((req, res) => void handle(req, res));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		baseUrl,
		received,
		answer: (...answers: Answer[]) => script.push(...answers),
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}
type FakeNotify = Awaited<ReturnType<typeof fakeNotify>>;

const notifyConfig = (baseUrl: string, apiKey = API_KEY) => ({
	apiKey,
	baseUrl,
	emailTemplateId: EMAIL_TEMPLATE,
	smsTemplateId: SMS_TEMPLATE
});
const email: OutgoingMessage = {
	id: randomUUID(),
	channel: 'email',
	recipient: 'jo.safe@example.test',
	body: 'You have a new update. Sign in to see it: https://hub.example/sign-in'
};

/** The error a send threw. */
async function failure(work: Promise<unknown>): Promise<SendError> {
	try {
		await work;
	} catch (e) {
		if (e instanceof SendError) return e;
		throw e;
	}
	throw new Error('Expected the send to fail');
}

describe('the GOV.UK Notify sender, against a local fake of Notify', () => {
	let notify: FakeNotify;
	let sender: NotifySender;
	beforeEach(async () => {
		notify = await fakeNotify();
		sender = new NotifySender(notifyConfig(notify.baseUrl));
	});
	afterEach(() => notify.close());

	it('sends an email with its template, the words as personalisation and the notification id as reference', async () => {
		const { providerReference } = await sender.send(email);
		expect(notify.received).toEqual([
			{
				path: '/v2/notifications/email',
				body: {
					email_address: 'jo.safe@example.test',
					template_id: EMAIL_TEMPLATE,
					personalisation: { body: email.body },
					reference: email.id
				}
			}
		]);
		expect(providerReference).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('sends a text message to the number with the text template', async () => {
		await sender.send({ ...email, channel: 'sms', recipient: '07700 900123' });
		expect(notify.received).toEqual([
			{
				path: '/v2/notifications/sms',
				body: {
					phone_number: '07700 900123',
					template_id: SMS_TEMPLATE,
					personalisation: { body: email.body },
					reference: email.id
				}
			}
		]);
	});

	it('is refused by Notify when the token is not signed with the service’s secret: permanent', async () => {
		const wrongSecret = new NotifySender(
			notifyConfig(notify.baseUrl, `hub_test-${SERVICE_ID}-${randomUUID()}`)
		);
		const error = await failure(wrongSecret.send(email));
		expect(error.failure).toBe('permanent');
		expect(error.message).toBe(
			'GOV.UK Notify answered 403: Invalid token: signature, api token not found'
		);
		expect(notify.received).toEqual([]);
	});

	it('signs a token that says which service and when (HS256, iss and iat in seconds)', () => {
		const token = notifyToken(SERVICE_ID, SECRET_KEY, new Date('2026-11-23T10:00:00.500Z'));
		const [header, claims] = token
			.split('.')
			.slice(0, 2)
			.map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()) as unknown);
		expect(token.split('.')).toHaveLength(3);
		expect(header).toEqual({ typ: 'JWT', alg: 'HS256' });
		expect(claims).toEqual({ iss: SERVICE_ID, iat: Date.parse('2026-11-23T10:00:00Z') / 1000 });
	});

	it.each([
		[429, 'temporary'],
		[500, 'temporary'],
		[503, 'temporary'],
		[400, 'permanent'],
		[403, 'permanent']
	] as const)('treats an answer of %i as %s, saying what Notify said', async (status, kind) => {
		notify.answer({ status, message: 'What Notify said' });
		const error = await failure(sender.send(email));
		expect(error.failure).toBe(kind);
		expect(error.message).toBe(`GOV.UK Notify answered ${status}: What Notify said`);
	});

	it('when nothing answers at Notify’s address, the message certainly did not go: temporary', async () => {
		await notify.close();
		const error = await failure(sender.send(email));
		expect(error.failure).toBe('temporary');
		expect(error.message).toBe('GOV.UK Notify could not be reached (ECONNREFUSED).');
	});

	it('when the connection drops after the request went, it may have been sent: unknown', async () => {
		notify.answer('drop');
		const error = await failure(sender.send(email));
		expect(notify.received).toHaveLength(1);
		expect(error.failure).toBe('unknown');
	});

	it('when no answer comes in time, it may have been sent: unknown', async () => {
		notify.answer('hang');
		const impatient = new NotifySender(notifyConfig(notify.baseUrl), { timeoutMs: 300 });
		const error = await failure(impatient.send(email));
		expect(error).toMatchObject({
			failure: 'unknown',
			message: 'The connection to GOV.UK Notify broke (no answer in time).'
		});
	});
});

describe('configuring the sender', () => {
	const withNotify = {
		NOTIFY_API_KEY: API_KEY,
		NOTIFY_EMAIL_TEMPLATE_ID: EMAIL_TEMPLATE,
		NOTIFY_SMS_TEMPLATE_ID: SMS_TEMPLATE
	};

	it('reads the service id and secret from the last two parts of the API key', () => {
		expect(parseNotifyApiKey(API_KEY)).toEqual({ serviceId: SERVICE_ID, secretKey: SECRET_KEY });
		expect(() => parseNotifyApiKey('not-a-key')).toThrow(/NOTIFY_API_KEY/);
	});

	it('uses the development outbox unless a Notify key is set, and Notify when it is', async () => {
		const plain = readConfig({});
		expect(plain.notifications).toEqual({
			publicUrl: 'http://localhost:3000',
			pollMs: 15_000,
			notify: null
		});
		expect(usesDevelopmentOutbox(plain)).toBe(true);
		const handle = await freshDatabase('pglite');
		try {
			expect(senderFor(handle.db, plain)).toBeInstanceOf(DevelopmentSender);
			const configured = readConfig(withNotify);
			expect(usesDevelopmentOutbox(configured)).toBe(false);
			expect(configured.notifications.notify).toEqual({
				apiKey: API_KEY,
				baseUrl: 'https://api.notifications.service.gov.uk',
				emailTemplateId: EMAIL_TEMPLATE,
				smsTemplateId: SMS_TEMPLATE
			});
			expect(senderFor(handle.db, configured)).toBeInstanceOf(NotifySender);
		} finally {
			await handle.close();
		}
	});

	it('takes the public address from PUBLIC_URL, else ORIGIN, and the poll interval', () => {
		expect(readConfig({ ORIGIN: 'https://hub.example/' }).notifications.publicUrl).toBe(
			'https://hub.example'
		);
		const c = readConfig({
			ORIGIN: 'https://hub.example',
			PUBLIC_URL: 'https://victims.example',
			NOTIFICATION_POLL_MS: '5000'
		});
		expect(c.notifications).toMatchObject({ publicUrl: 'https://victims.example', pollMs: 5000 });
	});

	it('refuses a key that is not one, or a key with no templates, without printing the key', () => {
		const secret = 'ffffffff-0000-4000-8000-000000000000';
		expect(() => readConfig({ NOTIFY_API_KEY: `oops-${secret}` })).toThrow(/NOTIFY_API_KEY/);
		expect(() => readConfig({ NOTIFY_API_KEY: `oops-${secret}` })).not.toThrow(secret);
		expect(() => readConfig({ NOTIFY_API_KEY: API_KEY })).toThrow(
			/NOTIFY_EMAIL_TEMPLATE_ID and NOTIFY_SMS_TEMPLATE_ID must be set/
		);
		expect(() => readConfig({ ...withNotify, NOTIFY_SMS_TEMPLATE_ID: 'sms' })).toThrow(
			/NOTIFY_SMS_TEMPLATE_ID/
		);
	});
});

describe.each(await storageEngines())('delivering through Notify on $kind', ({ kind, run }) => {
	const NOW = new Date();
	let handle: DatabaseHandle;
	let notify: FakeNotify;
	let alex: Actor;
	let joCase: string;

	/** Lists a hearing on Jo's case (she prefers email) and returns her queued message's id. */
	async function queueOne(): Promise<string> {
		const changeId = randomUUID();
		await push(
			handle.db,
			alex,
			{
				clientId: randomUUID(),
				mutations: [
					{
						seq: 1,
						id: randomUUID(),
						name: 'hearing.add',
						args: {
							id: randomUUID(),
							caseId: joCase,
							changeId,
							courtId: 'croydon-crown',
							courtroom: '',
							type: 'trial',
							startsAt: '2027-02-01T10:00:00.000Z',
							source: 'witness-care-unit',
							receivedAt: NOW.toISOString()
						}
					}
				]
			},
			NOW
		);
		const [row] = await handle.db
			.select()
			.from(s.victimNotifications)
			.where(eq(s.victimNotifications.hearingChangeId, changeId));
		return row!.id;
	}
	const row = async (id: string) =>
		(
			await handle.db.select().from(s.victimNotifications).where(eq(s.victimNotifications.id, id))
		)[0]!;

	beforeAll(async () => {
		if (!run) return;
		handle = await freshDatabase(kind);
		await seedDemoData(handle.db, { seed: 4, cases: 8, teams: 1, now: NOW });
		const [u] = await handle.db
			.select()
			.from(s.users)
			.where(eq(s.users.email, 'caseworker@demo.test'));
		alex = { id: u!.id, role: u!.role, teamId: u!.teamId, victimId: null };
		const [jo] = await handle.db
			.select()
			.from(s.users)
			.where(eq(s.users.email, 'victim@demo.test'));
		const [c] = await handle.db.select().from(s.cases).where(eq(s.cases.victimId, jo!.victimId!));
		joCase = c!.id;
		const [v] = await handle.db.select().from(s.victims).where(eq(s.victims.id, jo!.victimId!));
		await handle.db
			.update(s.victims)
			.set({
				safeContact: {
					...v!.safeContact,
					preferredChannel: 'email',
					email: 'jo.safe@example.test',
					neverUse: []
				}
			})
			.where(eq(s.victims.id, v!.id));
	});
	afterAll(async () => {
		if (run) await handle.close();
	});
	beforeEach(async () => {
		if (run) notify = await fakeNotify();
	});
	afterEach(async () => {
		if (run) await notify.close();
	});

	it.runIf(run)('Notify fails with 500, then accepts: sent once, on the retry', async () => {
		const id = await queueOne();
		const sender = new NotifySender(notifyConfig(notify.baseUrl));
		notify.answer({ status: 500, message: 'Internal server error' });
		await deliverDue(handle.db, sender, NOW);
		const waiting = await row(id);
		expect(waiting).toMatchObject({
			status: 'pending',
			attempts: 1,
			lastError: 'GOV.UK Notify answered 500: Internal server error'
		});
		// A minute after the failed try.
		expect(waiting.nextAttemptAt!.getTime() - NOW.getTime()).toBeGreaterThanOrEqual(60_000);
		expect(waiting.nextAttemptAt!.getTime() - NOW.getTime()).toBeLessThan(65_000);
		await deliverDue(handle.db, sender, waiting.nextAttemptAt!);
		const sent = await row(id);
		expect(sent).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
		await deliverDue(handle.db, sender, new Date(NOW.getTime() + 3 * 60 * 60_000));
		expect(notify.received.map((r) => r.body.reference)).toEqual([id, id]);
		expect(notify.received[1]!.body).toMatchObject({
			email_address: 'jo.safe@example.test',
			personalisation: {
				body: 'You have a new update. Sign in to see it: http://localhost:3000/sign-in'
			}
		});
		expect(sent.providerReference).toMatch(/^[0-9a-f-]{36}$/);
	});

	it.runIf(run)(
		'Notify refuses with 400: failed at once with its reason, never retried',
		async () => {
			const id = await queueOne();
			const sender = new NotifySender(notifyConfig(notify.baseUrl));
			notify.answer({ status: 400, message: 'email_address Not a valid email address' });
			await deliverDue(handle.db, sender, NOW);
			expect(await row(id)).toMatchObject({
				status: 'failed',
				attempts: 1,
				lastError: 'GOV.UK Notify answered 400: email_address Not a valid email address'
			});
			await deliverDue(handle.db, sender, new Date(NOW.getTime() + 3 * 60 * 60_000));
			expect(notify.received).toHaveLength(1);
		}
	);
});
