export { default as ErrorMessage } from './ErrorMessage.svelte';

/** The `aria-describedby` value for a field: its error's id, only while there is an error. */
export function describedBy(errorId: string, message: string | undefined): string | undefined {
	return message ? errorId : undefined;
}
