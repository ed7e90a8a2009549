export { default as Radios } from './Radios.svelte';
