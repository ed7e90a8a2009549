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

/** The page's connection to the database was closed (another tab upgraded it): reload to go on. */
export class StorageClosedError extends Error {
	override name = 'StorageClosedError';
	constructor() {
		super(
			'This page can no longer save: the hub was updated in another tab. Reload this page. What you typed is still here, and changes already saved on this device are kept.'
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
	if (name === 'DatabaseClosedError') return new StorageClosedError();
	if (
		name === 'InvalidStateError' ||
		name === 'UnknownError' ||
		name === 'OpenFailedError' ||
		name === 'MissingAPIError'
	)
		return new StorageUnavailableError(name);
	return error instanceof Error ? error : new Error(String(error));
}
