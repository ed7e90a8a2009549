export { default as DateTimeInput } from './DateTimeInput.svelte';
