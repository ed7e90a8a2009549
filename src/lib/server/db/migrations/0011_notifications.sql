CREATE TABLE "development_outbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"recipient" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "development_outbox_channel_check" CHECK (channel in ('email', 'sms'))
);
--> statement-breakpoint
CREATE TABLE "victim_notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"hearing_change_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"recipient" text,
	"body" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"next_attempt_at" timestamp with time zone,
	"claimed_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"provider_reference" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "victim_notifications_kind_check" CHECK (kind in ('listed', 'changed')),
	CONSTRAINT "victim_notifications_channel_check" CHECK (channel in ('email', 'sms', 'none')),
	CONSTRAINT "victim_notifications_status_check" CHECK (status in ('pending', 'sending', 'sent', 'failed', 'not-sent')),
	CONSTRAINT "victim_notifications_attempts_check" CHECK (attempts >= 0),
	CONSTRAINT "victim_notifications_recipient_check" CHECK ((channel = 'none') = (recipient is null)),
	CONSTRAINT "victim_notifications_none_not_sent_check" CHECK (channel <> 'none' or status = 'not-sent'),
	CONSTRAINT "victim_notifications_pending_check" CHECK (status <> 'pending' or next_attempt_at is not null),
	CONSTRAINT "victim_notifications_sent_check" CHECK ((status = 'sent') = (sent_at is not null))
);
--> statement-breakpoint
ALTER TABLE "victim_notifications" ADD CONSTRAINT "victim_notifications_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "victim_notifications" ADD CONSTRAINT "victim_notifications_hearing_change_id_hearing_changes_id_fk" FOREIGN KEY ("hearing_change_id") REFERENCES "public"."hearing_changes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "development_outbox_created_idx" ON "development_outbox" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "victim_notifications_hearing_change_key" ON "victim_notifications" USING btree ("hearing_change_id");--> statement-breakpoint
CREATE INDEX "victim_notifications_case_idx" ON "victim_notifications" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "victim_notifications_due_idx" ON "victim_notifications" USING btree ("next_attempt_at") WHERE status = 'pending';