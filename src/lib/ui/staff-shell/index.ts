export { default as StaffShell } from './StaffShell.svelte';
