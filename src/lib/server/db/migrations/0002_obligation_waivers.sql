CREATE TABLE "obligation_waivers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"obligation_key" text,
	"rule" text,
	"reason" text NOT NULL,
	"agreed_by" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "obligation_waivers_scope_check" CHECK ((obligation_key is null) <> (rule is null))
);
--> statement-breakpoint
ALTER TABLE "obligation_waivers" ADD CONSTRAINT "obligation_waivers_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligation_waivers" ADD CONSTRAINT "obligation_waivers_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "obligation_waivers_case_idx" ON "obligation_waivers" USING btree ("case_id");