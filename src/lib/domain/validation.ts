import type { z } from 'zod';

/** Field path → first message, the shape forms and APIs both answer with. */
export type FieldErrors = Record<string, string>;

/** Flatten zod issues to one clear message per field (the first one found), keyed by dotted path. */
export function fieldErrors(error: z.ZodError): FieldErrors {
	const out: FieldErrors = {};
	for (const issue of error.issues) {
		const key = issue.path.length ? issue.path.map(String).join('.') : '_';
		out[key] ??= issue.message;
	}
	return out;
}
