export { default as LockSettings } from './LockSettings.svelte';
