import type { notification as en } from '../en/notification';

export const notification: typeof en = {
	update: (signInUrl: string) => `Masz nową wiadomość. Zaloguj się, aby ją zobaczyć: ${signInUrl}`
};
