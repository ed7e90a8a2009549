import { v7 as uuidv7 } from 'uuid';

/**
 * A small seeded PRNG (mulberry32) so that a seed number always yields the same dataset.
 * Not for anything secret: Math.random-quality numbers, reproducible by design.
 */
export class Random {
	#state: number;

	constructor(seed: number) {
		this.#state = seed >>> 0 || 0x9e3779b9;
	}

	/** A float in [0, 1). */
	next(): number {
		let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** An integer in [min, max], both ends included. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(items: readonly T[]): T {
		if (items.length === 0) throw new Error('pick from an empty list');
		return items[Math.floor(this.next() * items.length)] as T;
	}

	/** Picks by weight: `[[value, weight], ...]`. */
	weighted<T>(entries: readonly (readonly [T, number])[]): T {
		const total = entries.reduce((sum, [, w]) => sum + w, 0);
		let r = this.next() * total;
		for (const [value, weight] of entries) {
			r -= weight;
			if (r < 0) return value;
		}
		return entries[entries.length - 1]![0];
	}

	/** A UUIDv7 stamped with `at`, its random bits from this generator: ids sort by time and repeat per seed. */
	uuid(at: Date): string {
		const random = new Uint8Array(16);
		for (let i = 0; i < 16; i++) random[i] = Math.floor(this.next() * 256);
		return uuidv7({ msecs: at.getTime(), random });
	}
}
