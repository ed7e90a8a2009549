import { isHttpError } from '@sveltejs/kit';
import { and, count, desc, eq, ne, notInArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '$lib/server/auth/session';
import { setDatabase, type DatabaseHandle } from '$lib/server/db';
import * as s from '$lib/server/db/schema';
import { seedDemoData } from '$lib/server/seed/seed';
import { freshDatabase, storageEngines } from '../../../../../test-data/databases';
import { POST } from './+server';

/**
 * The endpoint itself, called as SvelteKit calls it (after the hook's guard, which
 * `guard.spec.ts` covers), on both database engines.
 */

const NOW = new Date('2026-11-21T10:00:00.000Z');
const ORIGIN = 'http://hub.test';

type Answer = { status: number; cacheControl: string | null; body: Record<string, unknown> };

/** POSTs to the endpoint as `user`; an error SvelteKit would answer (415, 403 cross-site) included. */
async function post(
	user: SessionUser,
	caseId: string,
	body: unknown,
	headers: Record<string, string> = {}
): Promise<Answer> {
	const url = new URL(`${ORIGIN}/api/cases/${caseId}/assignment`);
	const request = new Request(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});
	const event = {
		request,
		url,
		params: { id: caseId },
		locals: { user, session: null },
		route: { id: '/api/cases/[id]/assignment' }
	} as unknown as Parameters<typeof POST>[0];
	try {
		const response = await POST(event);
		return {
			status: response.status,
			cacheControl: response.headers.get('cache-control'),
			body: (await response.json()) as Record<string, unknown>
		};
	} catch (e) {
		if (isHttpError(e)) return { status: e.status, cacheControl: null, body: { ...e.body } };
		throw e;
	}
}

describe.each(await storageEngines())(
	'POST /api/cases/[id]/assignment on $kind',
	({ kind, run }) => {
		let handle: DatabaseHandle;
		const db = () => handle.db;
		let supervisor: SessionUser, otherTeamSupervisor: SessionUser;
		/** A case of the first team, its caseworker, and another caseworker of the team. */
		let caseId: string;
		let holder: SessionUser, colleague: SessionUser;

		const userFor = async (email: string): Promise<SessionUser> => {
			const [u] = await db().select().from(s.users).where(eq(s.users.email, email));
			return {
				id: u!.id,
				email: u!.email,
				displayName: u!.displayName,
				role: u!.role,
				teamId: u!.teamId,
				victimId: u!.victimId
			};
		};
		const assignmentCount = async () =>
			(await db().select({ n: count() }).from(s.caseAssignments))[0]!.n;
		const holderOf = async (id: string) =>
			(await db().select().from(s.cases).where(eq(s.cases.id, id)))[0]!.assignedCaseworkerId;

		beforeAll(async () => {
			if (!run) return;
			handle = await freshDatabase(kind);
			await seedDemoData(handle.db, { seed: 7, cases: 24, teams: 2, now: NOW });
			// The endpoint reads the server's one database, as it does under the `init` hook.
			setDatabase(handle);
			supervisor = await userFor('supervisor@demo.test');
			otherTeamSupervisor = await userFor('supervisor.team2@demo.test');
			const [c] = await db()
				.select()
				.from(s.cases)
				.where(eq(s.cases.teamId, supervisor.teamId!))
				.orderBy(s.cases.id)
				.limit(1);
			caseId = c!.id;
			const [h] = await db().select().from(s.users).where(eq(s.users.id, c!.assignedCaseworkerId));
			holder = await userFor(h!.email);
			const [other] = await db()
				.select()
				.from(s.users)
				.where(
					and(
						eq(s.users.teamId, supervisor.teamId!),
						eq(s.users.role, 'caseworker'),
						ne(s.users.id, holder.id)
					)
				)
				.orderBy(s.users.email)
				.limit(1);
			colleague = await userFor(other!.email);
		});
		afterAll(async () => {
			if (run) await handle.close();
		});

		it.runIf(run)('refuses a caseworker with 403, even for their own case', async () => {
			const before = await assignmentCount();
			const answer = await post(holder, caseId, {
				toCaseworkerId: colleague.id,
				reason: 'Going on leave'
			});
			expect(answer).toMatchObject({
				status: 403,
				cacheControl: 'no-store',
				body: { message: 'Only a supervisor can reassign a case.' }
			});
			expect(await assignmentCount()).toBe(before);
			expect(await holderOf(caseId)).toBe(holder.id);
		});

		it.runIf(run)("refuses a supervisor another team's case with 403", async () => {
			const answer = await post(otherTeamSupervisor, caseId, {
				toCaseworkerId: colleague.id,
				reason: 'Balancing caseloads'
			});
			expect(answer).toMatchObject({
				status: 403,
				body: { message: 'This case is not in your team.' }
			});
			expect(await holderOf(caseId)).toBe(holder.id);
		});

		it.runIf(run)('refuses an empty reason with 400 and says what to fix', async () => {
			const answer = await post(supervisor, caseId, {
				toCaseworkerId: colleague.id,
				reason: '   '
			});
			expect(answer).toMatchObject({
				status: 400,
				cacheControl: 'no-store',
				body: {
					message: 'Enter the reason for the move.',
					errors: { reason: 'Enter the reason for the move' }
				}
			});
			expect(await holderOf(caseId)).toBe(holder.id);
		});

		it.runIf(run)('refuses a reason over 500 characters and no caseworker chosen', async () => {
			const answer = await post(supervisor, caseId, {
				toCaseworkerId: '',
				reason: 'x'.repeat(501)
			});
			expect(answer).toMatchObject({
				status: 400,
				body: {
					errors: {
						toCaseworkerId: 'Choose the caseworker to move the case to',
						reason: 'Reason for the move must be 500 characters or fewer'
					}
				}
			});
		});

		it.runIf(run)('refuses a body that is not a JSON object', async () => {
			expect((await post(supervisor, caseId, 'null')).status).toBe(400);
			expect((await post(supervisor, caseId, '{not json')).body).toMatchObject({
				message: 'The request body is not valid JSON.'
			});
		});

		it.runIf(run)('refuses a form post and a request from another site', async () => {
			const body = { toCaseworkerId: colleague.id, reason: 'Balancing caseloads' };
			expect(
				(
					await post(supervisor, caseId, body, {
						'content-type': 'application/x-www-form-urlencoded'
					})
				).status
			).toBe(415);
			expect((await post(supervisor, caseId, body, { origin: 'https://evil.test' })).status).toBe(
				403
			);
			expect(await holderOf(caseId)).toBe(holder.id);
		});

		it.runIf(run)('answers 404 for a case id that cannot be one', async () => {
			expect(
				await post(supervisor, 'not-a-case', { toCaseworkerId: colleague.id, reason: 'x' })
			).toMatchObject({ status: 404, body: { message: 'There is no such case.' } });
		});

		it.runIf(run)(
			'refuses the caseworker who holds it, one from another team, or one no longer active',
			async () => {
				const otherTeamCaseworker = await userFor('caseworker.team2@demo.test');
				const [inactive] = await db()
					.select()
					.from(s.users)
					.where(
						and(
							eq(s.users.teamId, supervisor.teamId!),
							eq(s.users.role, 'caseworker'),
							notInArray(s.users.id, [holder.id, colleague.id])
						)
					)
					.limit(1);
				await db().update(s.users).set({ active: false }).where(eq(s.users.id, inactive!.id));
				const tries: [string, string][] = [
					[holder.id, 'The case is already assigned to them.'],
					[otherTeamCaseworker.id, 'Choose an active caseworker in your team.'],
					[inactive!.id, 'Choose an active caseworker in your team.'],
					[supervisor.id, 'Choose an active caseworker in your team.']
				];
				for (const [toCaseworkerId, message] of tries)
					expect(
						await post(supervisor, caseId, { toCaseworkerId, reason: 'Balancing caseloads' })
					).toMatchObject({ status: 400, body: { message, errors: { toCaseworkerId: message } } });
				await db().update(s.users).set({ active: true }).where(eq(s.users.id, inactive!.id));
				expect(await holderOf(caseId)).toBe(holder.id);
			}
		);

		it.runIf(run)(
			'moves the case for a supervisor of its team, keeping the trimmed reason and who moved it',
			async () => {
				const answer = await post(supervisor, caseId, {
					toCaseworkerId: colleague.id,
					reason: '  On leave until March  '
				});
				expect(answer).toEqual({
					status: 200,
					cacheControl: 'no-store',
					body: { assignedCaseworkerId: colleague.id }
				});
				expect(await holderOf(caseId)).toBe(colleague.id);
				const [latest] = await db()
					.select()
					.from(s.caseAssignments)
					.where(eq(s.caseAssignments.caseId, caseId))
					.orderBy(desc(s.caseAssignments.assignedAt), desc(s.caseAssignments.version));
				expect(latest).toMatchObject({
					caseworkerId: colleague.id,
					assignedBy: supervisor.id,
					reason: 'On leave until March'
				});
			}
		);
	}
);
