import type { ServerConfig } from '../config';
import type { Database } from '../db';
import { startDeliveryWorker, type DeliveryWorker } from './deliver';
import { NotifySender } from './notify-sender';
import { DevelopmentSender, type Sender } from './sender';

export { caseNotifications, CaseNotificationsError } from './case-notifications';
export { deliverDue, startDeliveryWorker, type DeliveryReport } from './deliver';
export { enqueueHearingNotification } from './enqueue';
export { NotifySender } from './notify-sender';
export { DevelopmentSender, SendError, type Sender } from './sender';

/** GOV.UK Notify when NOTIFY_API_KEY is set; otherwise the development outbox (`/demo/outbox`). */
export function senderFor(db: Database, c: ServerConfig): Sender {
	return c.notifications.notify
		? new NotifySender(c.notifications.notify)
		: new DevelopmentSender(db);
}

/** Whether messages go to the development outbox, so `/demo/outbox` exists. */
export const usesDevelopmentOutbox = (c: ServerConfig) => c.notifications.notify === null;

/** Starts delivering queued messages to victims (the `init` hook); stop it before closing the database. */
export function startNotificationDelivery(db: Database, c: ServerConfig): DeliveryWorker {
	const sender = senderFor(db, c);
	console.log(`Messages to victims go through: ${sender.name}.`);
	return startDeliveryWorker({ db, sender, pollMs: c.notifications.pollMs });
}
