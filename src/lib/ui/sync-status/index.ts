export { default as SyncStatus } from './SyncStatus.svelte';
