import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Contact, PullRequest, PushRequest, type Actor } from '$lib/domain';
import { contactInput } from '../../test-data/contacts';
import { demoSyncServer } from '../../test-data/sync-server';
import type { DatabaseHandle } from '../server/db';
import * as s from '../server/db/schema';
import { BadSyncRequest } from '../server/sync/errors';
import { pull } from '../server/sync/pull';
import { push } from '../server/sync/push';
import { reassignCase } from '../server/sync/reassign';
import { recordContact, resolveConflict, updateVictim } from './changes';
import { openHubDatabase, type HubDatabase, type Row } from './db';
import {
	caseloadOnDevice,
	caseOnDevice,
	conflictsOnDevice,
	parseOpened,
	setAside,
	settlementsOnDevice,
	teamOnDevice
} from './read';
import { SyncFailedError, syncOnce, type Transport } from './sync-engine';
import { isSealed, sealStoredValues, Vault } from './vault';

/**
 * The most sensitive values are stored sealed on the device (vault.ts): what IndexedDB holds must
 * not contain them, while every page's read, the push and the server see them as they were typed.
 */

const NOW = new Date('2026-11-21T00:00:00.000Z');
let server: DatabaseHandle;
let alex: Actor, sam: Actor, priya: Actor;
let dbCount = 0;

/** The endpoints in-process, with every request and answer kept to look at. */
function transportFor(actor: Actor) {
	const pushed: PushRequest[] = [];
	const pulled: Record<string, Row[]>[] = [];
	const json = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
	const call = async (work: () => Promise<unknown>) => {
		try {
			return { status: 200, body: json(await work()) };
		} catch (error) {
			if (error instanceof BadSyncRequest)
				return { status: error.status, body: { message: error.message } };
			throw error;
		}
	};
	const transport: Transport = {
		push: (b) => {
			pushed.push(json(b));
			return call(() => push(server.db, actor, PushRequest.parse(json(b))));
		},
		pull: async (b) => {
			const answer = await call(() => pull(server.db, actor, PullRequest.parse(json(b))));
			pulled.push(json((answer.body as { changes: Record<string, Row[]> }).changes ?? {}));
			return answer;
		}
	};
	return { transport, pushed, pulled };
}

function device(actor: Actor) {
	const db = openHubDatabase(`vault-${actor.id}-${++dbCount}`);
	return { db, ctx: { db, userId: actor.id }, ...transportFor(actor) };
}

/** Every string anywhere in a value (bytes, such as sealed values, hold none). */
function textsIn(value: unknown, out: string[] = []): string[] {
	if (typeof value === 'string') out.push(value);
	else if (Array.isArray(value)) for (const v of value) textsIn(v, out);
	else if (value && typeof value === 'object' && !ArrayBuffer.isView(value))
		if (!(value instanceof ArrayBuffer)) for (const v of Object.values(value)) textsIn(v, out);
	return out;
}

/** Every row of every store of the database, as IndexedDB holds it. */
async function rawRows(db: HubDatabase): Promise<unknown[]> {
	const all = await Promise.all(db.tables.map((t) => t.toArray() as Promise<unknown[]>));
	return all.flat();
}

async function sensitiveTextIn(db: HubDatabase, secrets: string[]): Promise<string[]> {
	const texts = textsIn(await rawRows(db));
	return secrets.filter((secret) => texts.some((t) => t.includes(secret)));
}

/** Changes one byte of the ciphertext of a sealed value in place (as a tampered file would). */
function tamper(sealed: unknown) {
	if (!isSealed(sealed)) throw new Error('Expected a sealed value');
	new Uint8Array(sealed.data)[0]! ^= 0xff;
}

beforeAll(async () => {
	({ server, alex, sam, priya } = await demoSyncServer(11, NOW));
});
afterAll(() => server.close());

describe('the key', () => {
	it('is made once per database, cannot be exported, and goes when the database is deleted', async () => {
		const name = `vault-key-${++dbCount}`;
		const [a, b] = [openHubDatabase(name), openHubDatabase(name)];
		// Two connections (tabs) asking for the first key at once end up with the same one.
		const [sealedByA, sealedByB] = await Promise.all([
			new Vault(a).seal('from a'),
			new Vault(b).seal('from b')
		]);
		expect(await new Vault(b).open(sealedByA)).toBe('from a');
		expect(await new Vault(a).open(sealedByB)).toBe('from b');

		const stored = await a.meta.get('dataKey');
		const key = stored?.value as CryptoKey;
		expect(key).toBeInstanceOf(CryptoKey);
		expect(key).toMatchObject({ extractable: false, algorithm: { name: 'AES-GCM', length: 256 } });
		await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow(/not extractable/);
		await expect(crypto.subtle.exportKey('jwk', key)).rejects.toThrow(/not extractable/);
		// A fresh IV for every value: the same text sealed twice gives two different ciphertexts.
		const [x, y] = await Promise.all([new Vault(a).seal('same'), new Vault(a).seal('same')]);
		expect(Buffer.from(x.iv).equals(Buffer.from(y.iv))).toBe(false);
		expect(x.iv).toHaveLength(12);

		// Sign-out deletes the database: the key goes with it, and what was sealed cannot be opened.
		b.close();
		await a.delete();
		const again = openHubDatabase(name);
		await new Vault(again).seal('a new key');
		await expect(new Vault(again).open(sealedByA)).rejects.toThrow();
		again.close();
	});
});

describe('values from the server', () => {
	it('are stored sealed after a pull, and the case page reads them as they were sent', async () => {
		// The supervisor's device: the whole team.
		const { db, transport, pulled } = device(sam);
		await syncOnce(db, transport);
		const sent = (table: string) => pulled.flatMap((page) => page[table] ?? []);
		const notesOf = (v: Row) => (v.safeContact as { notes?: string }).notes;
		const addresses = sent('victims').flatMap((v) => (v.address ? [v.address as string] : []));
		const notes = sent('victims').flatMap((v) => notesOf(v) ?? []);
		const summaries = sent('contacts').map((c) => c.summary as string);
		expect(addresses.length).toBeGreaterThan(10);
		expect(notes.length).toBeGreaterThan(0);
		expect(summaries.length).toBeGreaterThan(50);

		expect(await sensitiveTextIn(db, [...addresses, ...notes, ...summaries])).toEqual([]);
		for (const victim of [
			sent('victims').find((v) => v.address)!,
			sent('victims').find((v) => notesOf(v))!
		]) {
			const raw = (await db.victims.get(victim.id))!;
			expect(isSealed(raw.address)).toBe(Boolean(victim.address));
			expect(isSealed((raw.safeContact as Row).notes)).toBe(Boolean(notesOf(victim)));
			expect(raw.givenName).toBe(victim.givenName); // only the chosen fields are sealed

			const theCase = (await db.cases.filter((c) => c.victimId === victim.id).first())!;
			const { found, problems } = await caseOnDevice(db, theCase.id, NOW);
			expect(problems).toEqual([]);
			expect(found!.victim?.address).toBe(victim.address ?? undefined);
			expect(found!.victim?.safeContact.notes).toBe(notesOf(victim));
			expect(found!.contacts.map((c) => c.summary).sort()).toEqual(
				sent('contacts')
					.filter((c) => c.caseId === theCase.id)
					.map((c) => c.summary)
					.sort()
			);
		}
		db.close();
	});

	it('are not decrypted by the caseload or the team lists, which do not show them', async () => {
		const caseworker = device(alex);
		const supervisor = device(sam);
		await syncOnce(caseworker.db, caseworker.transport);
		await syncOnce(supervisor.db, supervisor.transport);
		const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
		try {
			const caseload = await caseloadOnDevice(caseworker.db, alex.id, NOW);
			const team = await teamOnDevice(supervisor.db);
			expect(caseload.problems).toEqual([]);
			expect(team.problems).toEqual([]);
			expect(caseload.records.length).toBe(await caseworker.db.cases.count());
			expect(team.records.length).toBe(await supervisor.db.cases.count());
			expect(team.records.some((r) => r.record.contacts.length > 0)).toBe(true);
			expect(team.records.flatMap((r) => r.record.contacts).some((c) => 'summary' in c)).toBe(
				false
			);
			expect(decrypt).not.toHaveBeenCalled();
			// The spy sees decryption where it happens: the case page.
			await caseOnDevice(caseworker.db, caseload.records[0]!.id, NOW);
			expect(decrypt).toHaveBeenCalled();
		} finally {
			decrypt.mockRestore();
		}
		caseworker.db.close();
		supervisor.db.close();
	});
});

describe('changes made on the device', () => {
	it('are stored sealed in the record, its history, the outbox and the shadow, and pushed as typed', async () => {
		const { db, ctx, transport, pushed } = device(alex);
		await syncOnce(db, transport);
		const theCase = (await db.cases.toCollection().first())!;
		const summary = 'Zebra-crossing summary 4471: she fears the neighbour at number 9.';
		const safetyNotes = 'Marmalade notes 9923: never call after 6pm, partner checks the phone.';
		const contactId = await recordContact(ctx, contactInput(theCase.id, summary));
		await updateVictim(ctx, {
			victimId: theCase.victimId as string,
			caseId: theCase.id,
			values: { safetyNotes }
		});

		expect(await sensitiveTextIn(db, [summary, safetyNotes])).toEqual([]);
		expect(await db.outbox.count()).toBe(2);
		expect(await db.shadows.count()).toBeGreaterThan(0);

		const { found } = await caseOnDevice(db, theCase.id, NOW);
		expect(found!.contacts.find((c) => c.id === contactId)?.summary).toBe(summary);
		expect(found!.victim?.safeContact.notes).toBe(safetyNotes);
		expect(found!.victimHistory[0]?.changes).toContainEqual(
			expect.objectContaining({ field: 'safetyNotes', to: safetyNotes })
		);
		expect(found!.pending.has(`contact:${contactId}`)).toBe(true);

		await syncOnce(db, transport);
		const args = pushed.flatMap((p) => p.mutations).map((m) => m.args as Row);
		expect(args.find((a) => a.id === contactId)?.summary).toBe(summary);
		expect(args.find((a) => a.values)?.values).toEqual({ safetyNotes });
		const [onServer] = await server.db
			.select()
			.from(s.contacts)
			.where(eq(s.contacts.id, contactId));
		expect(onServer?.summary).toBe(summary);
		const [victim] = await server.db
			.select()
			.from(s.victims)
			.where(eq(s.victims.id, theCase.victimId as string));
		expect(victim?.safeContact.notes).toBe(safetyNotes);
		// The server's copies pulled back are sealed too.
		expect(await sensitiveTextIn(db, [summary, safetyNotes])).toEqual([]);
		db.close();
	});

	it('keep a live query observing what it reads after opening sealed values', async () => {
		const { db, ctx, transport } = device(alex);
		await syncOnce(db, transport);
		const caseId = (await db.cases.toCollection().first())!.id;
		const summary = 'Live-query summary 5150.';
		const seen = new Promise<void>((resolve, reject) => {
			const subscription = liveQuery(() => caseOnDevice(db, caseId, NOW)).subscribe({
				next: (view) => {
					// The contacts are read after the victim's sealed values are opened.
					if (view.found?.contacts.some((c) => c.summary === summary)) {
						subscription.unsubscribe();
						resolve();
					}
				},
				error: reject
			});
		});
		await recordContact(ctx, contactInput(caseId, summary));
		await seen;

		// The vault's own promises are Dexie's: a querier awaiting one directly keeps observing.
		const sealed = await new Vault(db).seal('x');
		const counts: number[] = [];
		const counted = new Promise<void>((resolve, reject) => {
			const subscription = liveQuery(async () => {
				await new Vault(db).open(sealed);
				return db.hearings.where('caseId').equals(caseId).count();
			}).subscribe({
				next: (n) => {
					counts.push(n);
					if (counts.length === 1)
						void db.hearings.put({ id: crypto.randomUUID(), caseId, version: 1 });
					else {
						subscription.unsubscribe();
						resolve();
					}
				},
				error: reject
			});
		});
		await counted;
		expect(counts[1]).toBe(counts[0]! + 1);
		db.close();
	});

	it('clashing over the safety notes: both values kept sealed, shown, and the choice synced', async () => {
		const phone = device(alex);
		const laptop = device(alex);
		await syncOnce(phone.db, phone.transport);
		await syncOnce(laptop.db, laptop.transport);
		const theCase = (await phone.db.cases.toCollection().first())!;
		const target = { victimId: theCase.victimId as string, caseId: theCase.id };
		const [onPhone, onLaptop] = ['Phone notes 1234: use the work number.', 'Laptop notes 5678.'];
		await updateVictim(phone.ctx, { ...target, values: { safetyNotes: onPhone } });
		await updateVictim(laptop.ctx, { ...target, values: { safetyNotes: onLaptop } });
		await syncOnce(phone.db, phone.transport);
		await syncOnce(laptop.db, laptop.transport);

		expect(await sensitiveTextIn(laptop.db, [onPhone, onLaptop])).toEqual([]);
		const { records } = await conflictsOnDevice(laptop.db, theCase.id);
		const conflict = records.find((c) => c.field === 'safetyNotes')!;
		expect(conflict).toMatchObject({ serverValue: onPhone, clientValue: onLaptop });

		await resolveConflict(laptop.ctx, { conflictId: conflict.id, keep: 'client' });
		expect(await sensitiveTextIn(laptop.db, [onPhone, onLaptop])).toEqual([]);
		expect((await caseOnDevice(laptop.db, theCase.id, NOW)).found!.victim?.safeContact.notes).toBe(
			onLaptop
		);
		await syncOnce(laptop.db, laptop.transport);
		await syncOnce(phone.db, phone.transport);
		for (const d of [phone, laptop]) {
			const { found } = await caseOnDevice(d.db, theCase.id, NOW);
			expect(found!.victim?.safeContact.notes).toBe(onLaptop);
			expect(found!.conflicts).toEqual([]);
		}
		phone.db.close();
		laptop.db.close();
	});

	it('refused by the server: the change in words is kept sealed and read back for the status bar', async () => {
		const { db, ctx, transport } = device(alex);
		await syncOnce(db, transport);
		const caseId = (await db.cases.toCollection().last())!.id;
		const summary = 'Typed before the case moved away, 8080.';
		await recordContact(ctx, contactInput(caseId, summary));
		await reassignCase(server.db, sam, { caseId, toCaseworkerId: priya.id, reason: 'Rebalancing' });
		await syncOnce(db, transport);

		const [raw] = await db.settlements.toArray();
		expect(isSealed(raw?.what)).toBe(true);
		expect(await sensitiveTextIn(db, [summary])).toEqual([]);
		const read = await settlementsOnDevice(db);
		expect(read.records[0]).toMatchObject({
			status: 'rejected',
			what: expect.stringContaining(summary) as unknown
		});

		// Words that cannot be opened are not shown, but the refusal still is.
		tamper(raw!.what);
		await db.settlements.put(raw!);
		const tampered = await settlementsOnDevice(db);
		expect(tampered.records).toHaveLength(1);
		expect(tampered.records[0]?.what).toBeUndefined();
		expect(tampered.records[0]?.reason).toMatch(/no longer assigned to you/);
		expect(tampered.problems).toMatchObject([
			{
				table: 'settlements',
				problem: expect.stringMatching(/^what: could not be decrypted/) as unknown
			}
		]);
		db.close();
	});
});

describe('values that cannot be opened', () => {
	it('set their record aside with the reason, never showing it, and the rest of the case reads', async () => {
		const { db, transport } = device(alex);
		await syncOnce(db, transport);
		const contact = (await db.contacts.toCollection().first())!;
		tamper(contact.summary);
		await db.contacts.put(contact);

		const { found, problems } = await caseOnDevice(db, contact.caseId as string, NOW);
		expect(found!.contacts.map((c) => c.id)).not.toContain(contact.id);
		expect(found!.victim).not.toBeNull();
		expect(problems).toEqual([
			expect.objectContaining({
				key: `contacts:${contact.id}`,
				problem:
					'summary: could not be decrypted on this device (it was changed after it was written, or its key is missing)'
			})
		]);
		await setAside(db, problems);
		const kept = await db.quarantine.get(`contacts:${contact.id}`);
		expect(isSealed((kept?.row as Row).summary)).toBe(true);
		db.close();
	});

	it('with the key gone, every sealed record is set aside rather than shown', async () => {
		const { db, transport } = device(alex);
		await syncOnce(db, transport);
		await db.meta.delete('dataKey');
		const caseId = (await db.cases.toCollection().first())!.id;
		const { found, problems } = await caseOnDevice(db, caseId, NOW);
		expect(found!.victim).toBeNull();
		expect(found!.contacts).toEqual([]);
		expect(problems.map((p) => p.table)).toContain('victims');
		expect(problems.every((p) => /could not be decrypted/.test(p.problem))).toBe(true);
		db.close();
	});

	it('in a change waiting to sync: the change is set aside and not sent, nor those after it', async () => {
		const { db, ctx, transport, pushed } = device(alex);
		await syncOnce(db, transport);
		const caseId = (await db.cases.toCollection().first())!.id;
		const ids = [];
		for (const n of [1, 2, 3]) ids.push(await recordContact(ctx, contactInput(caseId, `Nr ${n}`)));
		const [, second] = await db.outbox.orderBy('seq').toArray();
		tamper((second!.args as Row).summary);
		await db.outbox.put(second!);

		const error = await syncOnce(db, transport).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SyncFailedError);
		expect(error).toMatchObject({
			retryable: false,
			message: expect.stringMatching(/could not be read/) as unknown
		});
		expect(pushed.flatMap((p) => p.mutations.map((m) => (m.args as Row).id))).toEqual([ids[0]]);
		expect(await db.outbox.count()).toBe(2);
		expect(await db.quarantine.get(`outbox:${second!.seq}`)).toMatchObject({
			table: 'outbox',
			problem: expect.stringMatching(/^args\.summary: could not be decrypted/) as unknown
		});
		db.close();
	});
});

describe('values stored before encryption', () => {
	it('need no pass in a database that has never synced', async () => {
		const { db } = device(alex);
		expect(await sealStoredValues(db)).toBe(0);
		expect(await db.meta.get('valuesSealed')).toBeDefined();
		db.close();
	});

	it('read as they are, and are sealed once, leaving rows changed meanwhile alone', async () => {
		const { db, transport } = device(alex);
		await syncOnce(db, transport);
		const theCase = (await db.cases.toCollection().first())!;
		const [opened] = (
			await new Vault(db).openRows('victims', [await db.victims.get(theCase.victimId as string)])
		).rows;
		const legacy = {
			...opened!,
			address: '1 Plain Street',
			safeContact: { ...(opened!.safeContact as Row), notes: 'Plain notes.' }
		};
		await db.victims.put(legacy);
		const contacts = await db.contacts.where('caseId').equals(theCase.id).toArray();
		await db.contacts.put({ ...contacts[0]!, summary: 'A plain summary.' });
		await db.outbox.put({
			seq: 1,
			mutationId: crypto.randomUUID(),
			name: 'contact.record',
			args: { summary: 'Plain summary in the outbox.' },
			caseId: theCase.id,
			createdAt: NOW.toISOString()
		});
		const secrets = [
			'1 Plain Street',
			'Plain notes.',
			'A plain summary.',
			'Plain summary in the outbox.'
		];

		const before = await caseOnDevice(db, theCase.id, NOW);
		expect(before.problems).toEqual([]);
		expect(before.found!.victim).toMatchObject({
			address: '1 Plain Street',
			safeContact: { notes: 'Plain notes.' }
		});
		expect(before.found!.contacts.map((c) => c.summary)).toContain('A plain summary.');
		expect(await sensitiveTextIn(db, secrets)).toEqual(secrets);

		// Sealed outside any transaction; a row written meanwhile (here, while the contacts' values
		// are sealed) keeps what was written. The one-off pass then records that it ran.
		const newer = await new Vault(db).seal('Written during the pass.');
		const sealer = Object.getOwnPropertyDescriptor(Vault.prototype, 'sealer')!
			.value as Vault['sealer'];
		const spy = vi.spyOn(Vault.prototype, 'sealer').mockImplementation(async function (
			this: Vault,
			values
		) {
			const out = await sealer.call(this, values);
			if (values.includes('A plain summary.'))
				await db.contacts.update(contacts[0]!.id, { summary: newer });
			return out;
		});
		try {
			expect(await sealStoredValues(db)).toBe(2);
		} finally {
			spy.mockRestore();
		}
		expect(await sensitiveTextIn(db, secrets)).toEqual([]);
		expect(await db.meta.get('valuesSealed')).toBeDefined();
		expect(await sealStoredValues(db)).toBe(0);
		const after = await caseOnDevice(db, theCase.id, NOW);
		expect(after.found!.victim).toEqual(before.found!.victim);
		expect(after.found!.contacts.find((c) => c.id === contacts[0]!.id)?.summary).toBe(
			'Written during the pass.'
		);
		expect(after.found!.contacts.length).toBe(before.found!.contacts.length);
		const outbox = await new Vault(db).openRows('outbox', await db.outbox.toArray());
		expect((outbox.rows[0]!.args as Row).summary).toBe('Plain summary in the outbox.');
		db.close();
	});
});

it('parses the opened rows with the full schema: a bad summary is still refused', async () => {
	const { db } = device(alex);
	const vault = new Vault(db);
	const row = {
		id: '0190d000-0000-7000-8000-0000000000aa',
		caseId: '0190d000-0000-7000-8000-0000000000ab',
		occurredAt: NOW.toISOString(),
		channel: 'phone',
		direction: 'outbound',
		outcome: 'reached',
		summary: await vault.seal(''),
		informedObligations: [],
		amendsContactId: null,
		recordedBy: alex.id,
		recordedAt: NOW.toISOString()
	};
	const read = await parseOpened(db, 'contacts', [row], Contact);
	expect(read.records).toEqual([]);
	expect(read.problems[0]?.problem).toMatch(/^summary: /);
	db.close();
});
