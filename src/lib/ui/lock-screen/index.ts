export { default as LockScreen } from './LockScreen.svelte';
