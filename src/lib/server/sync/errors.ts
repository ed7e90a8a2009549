/** A mutation the rules refuse: recorded with its reason and acknowledged, so the queue moves on. */
export class Rejection extends Error {
	override name = 'Rejection';
}

/** A request that is malformed or not the caller's: answered 4xx, and nothing is written. */
export class BadSyncRequest extends Error {
	override name = 'BadSyncRequest';
	constructor(
		readonly status: 400 | 403 | 409,
		message: string
	) {
		super(message);
	}
}
