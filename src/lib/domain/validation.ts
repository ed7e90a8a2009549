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

/** A NUL, or half of a UTF-16 surrogate pair: neither can be stored in a PostgreSQL text or jsonb. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unstorable = (text: string) => text.includes('\0') || LONE_SURROGATE.test(text);

/**
 * Where in a parsed JSON value there is text the database cannot keep (a key or a string with a
 * NUL or broken Unicode), as a dotted path (`_` for the whole value), or null when there is none.
 * Checked before anything is written, so such input is refused with a 400 rather than failing
 * halfway through a write.
 */
export function unstorableTextAt(value: unknown, path: string[] = []): string | null {
	// An explicit stack: a body can be nested thousands deep.
	const stack: { value: unknown; path: string[] }[] = [{ value, path }];
	while (stack.length > 0) {
		const item = stack.pop()!;
		if (typeof item.value === 'string') {
			if (unstorable(item.value)) return item.path.length ? item.path.join('.') : '_';
			continue;
		}
		if (typeof item.value !== 'object' || item.value === null) continue;
		for (const [key, child] of Object.entries(item.value)) {
			const childPath = [...item.path, key];
			if (unstorable(key)) return childPath.join('.');
			stack.push({ value: child, path: childPath });
		}
	}
	return null;
}
