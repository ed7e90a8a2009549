export { default as Textarea } from './Textarea.svelte';
