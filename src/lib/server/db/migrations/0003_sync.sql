CREATE TABLE "conflicts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"case_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"field" text NOT NULL,
	"server_value" jsonb,
	"client_value" jsonb,
	"server_changed_by" uuid,
	"server_changed_at" timestamp with time zone,
	"client_changed_by" uuid NOT NULL,
	"client_changed_at" timestamp with time zone NOT NULL,
	"mutation_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"resolution" jsonb,
	CONSTRAINT "conflicts_entity_check" CHECK (entity in ('hearing', 'victim'))
);
--> statement-breakpoint
CREATE TABLE "mutation_log" (
	"id" uuid PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"args" jsonb NOT NULL,
	"case_id" uuid,
	"status" text NOT NULL,
	"reason" text,
	"received_at" timestamp with time zone NOT NULL,
	"version" bigint NOT NULL,
	CONSTRAINT "mutation_log_status_check" CHECK (status in ('applied', 'rejected', 'conflict'))
);
--> statement-breakpoint
CREATE TABLE "sync_clients" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"last_seq" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_state" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_assignments" ADD COLUMN "version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "case_events" ADD COLUMN "version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "hearing_changes" ADD COLUMN "version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "hearing_changes" ADD COLUMN "case_id" uuid;--> statement-breakpoint
-- Existing history gets its case from its hearing. The append-only trigger is lifted for this one
-- backfill, inside the migration's transaction, and restored at once.
ALTER TABLE "hearing_changes" DISABLE TRIGGER "hearing_changes_append_only";--> statement-breakpoint
UPDATE "hearing_changes" hc SET "case_id" = h."case_id" FROM "hearings" h WHERE h."id" = hc."hearing_id";--> statement-breakpoint
ALTER TABLE "hearing_changes" ENABLE TRIGGER "hearing_changes_append_only";--> statement-breakpoint
ALTER TABLE "hearing_changes" ALTER COLUMN "case_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "hearings" ADD COLUMN "version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "obligation_waivers" ADD COLUMN "version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "rights_records" ADD COLUMN "version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "victims" ADD COLUMN "version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "conflicts" ADD CONSTRAINT "conflicts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflicts" ADD CONSTRAINT "conflicts_server_changed_by_users_id_fk" FOREIGN KEY ("server_changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflicts" ADD CONSTRAINT "conflicts_client_changed_by_users_id_fk" FOREIGN KEY ("client_changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflicts" ADD CONSTRAINT "conflicts_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mutation_log" ADD CONSTRAINT "mutation_log_client_id_sync_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."sync_clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mutation_log" ADD CONSTRAINT "mutation_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_clients" ADD CONSTRAINT "sync_clients_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conflicts_case_idx" ON "conflicts" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mutation_log_client_seq_key" ON "mutation_log" USING btree ("client_id","seq");--> statement-breakpoint
CREATE INDEX "mutation_log_user_idx" ON "mutation_log" USING btree ("user_id","received_at");--> statement-breakpoint
ALTER TABLE "hearing_changes" ADD CONSTRAINT "hearing_changes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
INSERT INTO "sync_state" ("id", "version") VALUES (1, 0);--> statement-breakpoint
CREATE TRIGGER mutation_log_append_only BEFORE UPDATE OR DELETE ON mutation_log
	FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();--> statement-breakpoint
CREATE INDEX "victims_version_idx" ON "victims" USING btree ("version");--> statement-breakpoint
CREATE INDEX "cases_version_idx" ON "cases" USING btree ("version");--> statement-breakpoint
CREATE INDEX "hearing_changes_case_idx" ON "hearing_changes" USING btree ("case_id", "version");
