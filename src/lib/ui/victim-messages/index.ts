export { default as VictimMessages } from './VictimMessages.svelte';
