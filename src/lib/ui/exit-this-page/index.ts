export { default as ExitThisPage } from './ExitThisPage.svelte';
export { exitNow, NEUTRAL_SITE, ShiftCounter, SHIFT_WINDOW_MS } from './exit';
