import { liveQuery } from 'dexie';
import { getContext, setContext } from 'svelte';
import { teamView, type TeamCase, type TeamView } from '$lib/domain';
import type { Hub } from './hub.svelte';
import { conflictsOnDevice, setAside, teamOnDevice, type CaseConflict, type Read } from './read';

type Colleague = App.PageData['colleagues'][number];

const KEY = Symbol('team');
const isoNow = () => new Date().toISOString();

/**
 * The supervisor's team as this device holds it, shared by the team pages: read once from
 * IndexedDB, so moving between the pages costs nothing and everything works with no signal.
 *
 * A sync writes the team in many small transactions, and a live query would read the whole team
 * again after each one. So the read waits while a sync runs and is done once when it ends (and
 * again on any other change, like a live query). `at` moves on each minute, so lateness stays
 * current.
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
		const syncing = $derived(hub.state.kind === 'syncing');
		$effect(() => {
			if (syncing) return;
			const read = liveQuery(() =>
				Promise.all([teamOnDevice(db), conflictsOnDevice(db)])
			).subscribe({
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
