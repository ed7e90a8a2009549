import { liveQuery } from 'dexie';
import { getContext, setContext } from 'svelte';
import { teamView, type TeamCase, type TeamView } from '$lib/domain';
import type { Hub } from './hub.svelte';
import {
	conflictsOnDevice,
	ParsedRows,
	setAside,
	teamOnDevice,
	type CaseConflict,
	type Read
} from './read';

type Colleague = NonNullable<App.PageData['colleagues']>[number];

const KEY = Symbol('team');
const isoNow = () => new Date().toISOString();

/** User Timing mark set each time the team starts being read from IndexedDB. */
export const READ_MARK = 'team:read';

/**
 * The supervisor's team as this device holds it, shared by the team pages: read once from
 * IndexedDB, so moving between the pages costs nothing and everything works with no signal.
 *
 * A sync writes the team in many small transactions, and a live query would read the whole team
 * again after each one. So the read waits while a sync runs and is done once when it ends (and
 * again on any other change, like a live query). `at` moves on each minute, so lateness stays
 * current.
 *
 * Reading again after a sync is cheap (issue 7: the overdue list within 300 ms for 1,500 cases):
 * Dexie keeps the rows a live query read in memory for 3 seconds after its last subscriber goes
 * (so across a short sync), dropping a table's rows when a sync writes to it; and `ParsedRows`
 * keeps the records parsed from them, so only rows with a new version are parsed. The first
 * read, and one after a sync longer than that, takes IndexedDB's time for every row.
 */
export class Team {
	#cases: Read<TeamCase> | undefined = $state.raw(undefined);
	#conflicts: Read<CaseConflict> | undefined = $state.raw(undefined);
	/** The moment the figures are for (an ISO instant). */
	at = $state(isoNow());
	readonly colleagues: Colleague[];

	constructor(hub: Hub, colleagues: Colleague[]) {
		this.colleagues = colleagues;
		const db = hub.db;
		// Read through the hub's list connection: its live-query cache hands out the rows as they
		// are (frozen), not a deep copy of all ~67,000 on each read (see `Hub.listDb`).
		const teamDb = hub.listDb;
		// Most rows are the same from one read to the next: they are parsed once.
		const parsed = new ParsedRows();
		const syncing = $derived(hub.state.kind === 'syncing');
		$effect(() => {
			if (syncing) return;
			const read = liveQuery(() => {
				// User Timing for `npm run bench`: where "the data is local" starts (see the page).
				performance.clearMarks(READ_MARK);
				performance.mark(READ_MARK);
				return Promise.all([teamOnDevice(teamDb, parsed), conflictsOnDevice(db)]);
			}).subscribe({
				next: ([cases, conflicts]) => {
					this.#cases = cases;
					this.#conflicts = conflicts;
				},
				error: (e: unknown) => console.error('Could not read the team from this device', e)
			});
			return () => read.unsubscribe();
		});
		$effect(() => {
			const timer = setInterval(() => (this.at = isoNow()), 60_000);
			return () => clearInterval(timer);
		});
		$effect(() => {
			void setAside(db, [...(this.#cases?.problems ?? []), ...(this.#conflicts?.problems ?? [])]);
		});
	}

	get loaded(): boolean {
		return this.#cases !== undefined;
	}

	/** Records on this device that could not be read (set aside, and counted on the page). */
	get problems(): number {
		return (this.#cases?.problems.length ?? 0) + (this.#conflicts?.problems.length ?? 0);
	}

	/** The team's active caseworkers, in name order: who the workload and filters list. */
	readonly caseworkers = $derived.by(() =>
		this.colleagues.filter((c) => c.role === 'caseworker' && c.active)
	);

	nameOf(id: string): string {
		return this.colleagues.find((c) => c.id === id)?.displayName ?? 'Someone outside the team';
	}

	readonly cases = $derived.by(() => this.#cases?.records ?? []);

	readonly view: TeamView = $derived.by(() =>
		teamView(
			this.cases,
			this.caseworkers.map((c) => c.id),
			this.at
		)
	);

	readonly conflicts = $derived.by(() => this.#conflicts?.records ?? []);

	provide(): this {
		setContext(KEY, this);
		return this;
	}
}

export function useTeam(): Team {
	const team = getContext<Team | undefined>(KEY);
	if (!team) throw new Error('useTeam() needs a Team provided by the team layout');
	return team;
}
