export { default as NotificationBanner } from './NotificationBanner.svelte';
