CREATE TABLE "hearing_change_acknowledgements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"hearing_change_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"acknowledged_by" uuid NOT NULL,
	"acknowledged_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "shared_device" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "locale" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "work_phone" text;--> statement-breakpoint
ALTER TABLE "hearing_change_acknowledgements" ADD CONSTRAINT "hearing_change_acknowledgements_hearing_change_id_hearing_changes_id_fk" FOREIGN KEY ("hearing_change_id") REFERENCES "public"."hearing_changes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hearing_change_acknowledgements" ADD CONSTRAINT "hearing_change_acknowledgements_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hearing_change_acknowledgements" ADD CONSTRAINT "hearing_change_acknowledgements_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "hearing_change_acknowledgements_change_key" ON "hearing_change_acknowledgements" USING btree ("hearing_change_id");--> statement-breakpoint
CREATE INDEX "hearing_change_acknowledgements_case_idx" ON "hearing_change_acknowledgements" USING btree ("case_id");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_locale_check" CHECK (locale in ('en', 'pl'));