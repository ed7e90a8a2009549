export { default as VictimAccess } from './VictimAccess.svelte';
