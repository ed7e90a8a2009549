/**
 * Browser storage errors in words a person can act on (style.md, practice 7). Raw DOMExceptions
 * from IndexedDB become one of these at the data layer's edge.
 */
export class StorageQuotaError extends Error {
	override name = 'StorageQuotaError';
	constructor(
		message = 'This device has run out of storage space for the hub. Your unsynced changes are kept; free some space or sync to the server.'
	) {
		super(message);
	}
}

export class StorageUnavailableError extends Error {
	override name = 'StorageUnavailableError';
	constructor(detail: string) {
		super(
			`The hub cannot use this browser's storage (${detail}). Private browsing can cause this.`
		);
	}
}

/** A change that breaks the rules before it is even saved: field → message, as forms show them. */
export class ChangeInvalidError extends Error {
	override name = 'ChangeInvalidError';
	constructor(readonly fields: Record<string, string>) {
		super(Object.values(fields)[0] ?? 'The change is not valid.');
	}
}

export function storageError(error: unknown): Error {
	const name =
		(error as { name?: string; inner?: { name?: string } })?.inner?.name ??
		(error as { name?: string })?.name;
	if (name === 'QuotaExceededError') return new StorageQuotaError();
	if (
		name === 'InvalidStateError' ||
		name === 'UnknownError' ||
		name === 'OpenFailedError' ||
		name === 'MissingAPIError'
	)
		return new StorageUnavailableError(name);
	return error instanceof Error ? error : new Error(String(error));
}
