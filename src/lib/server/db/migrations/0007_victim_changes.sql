CREATE TABLE "victim_changes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"victim_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"changes" jsonb NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid NOT NULL
);
--> statement-breakpoint
ALTER TABLE "victim_changes" ADD CONSTRAINT "victim_changes_victim_id_victims_id_fk" FOREIGN KEY ("victim_id") REFERENCES "public"."victims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "victim_changes" ADD CONSTRAINT "victim_changes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "victim_changes" ADD CONSTRAINT "victim_changes_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "victim_changes_victim_idx" ON "victim_changes" USING btree ("victim_id","version");--> statement-breakpoint
CREATE INDEX "victim_changes_sync_order_idx" ON "victim_changes" USING btree ("version","id");--> statement-breakpoint
-- Like the hearing history, the history of a victim's details is evidence: append-only (only its
-- sync version may move, when the case is reassigned).
CREATE TRIGGER victim_changes_append_only BEFORE UPDATE OR DELETE ON victim_changes
	FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
