export { default as ReassignCase } from './ReassignCase.svelte';
