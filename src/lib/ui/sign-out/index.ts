export { default as SignOutPanel } from './SignOutPanel.svelte';
export { settleDevice, signOutFirst, SIGN_OUT_EVENT } from './sign-out-first';
