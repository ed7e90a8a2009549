export { default as TextInput } from './TextInput.svelte';
