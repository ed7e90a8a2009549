export { default as SetAsideWarning } from './SetAsideWarning.svelte';
