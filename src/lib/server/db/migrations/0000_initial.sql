CREATE TABLE "case_assignments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"caseworker_id" uuid NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	"assigned_by" uuid,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"decision" text,
	"custody_months" integer,
	"detail" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"victim_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"crime_type" text NOT NULL,
	"crime_reference_system" text NOT NULL,
	"crime_reference" text NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"assigned_caseworker_id" uuid NOT NULL,
	"status" text NOT NULL,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cases_status_check" CHECK (status in ('open', 'closed')),
	CONSTRAINT "cases_reference_system_check" CHECK (crime_reference_system in ('CRIS', 'CONNECT', 'CAD', 'other'))
);
--> statement-breakpoint
CREATE TABLE "code_rights" (
	"code_version" text NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"explanation" text NOT NULL,
	CONSTRAINT "code_rights_code_version_number_pk" PRIMARY KEY("code_version","number"),
	CONSTRAINT "code_rights_number_check" CHECK (number between 1 and 12)
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"channel" text NOT NULL,
	"direction" text NOT NULL,
	"outcome" text NOT NULL,
	"summary" text NOT NULL,
	"informed_obligations" jsonb NOT NULL,
	"amends_contact_id" uuid,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "courts" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"hmcts_code" text,
	"address" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hearing_changes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hearing_id" uuid NOT NULL,
	"changes" jsonb NOT NULL,
	"reason" text NOT NULL,
	"source" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hearings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"court_id" text NOT NULL,
	"courtroom" text,
	"type" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"state" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "hearings_type_check" CHECK (type in ('first-appearance', 'ptph', 'pre-trial-review', 'trial', 'sentencing', 'bail-application', 'appeal', 'mention')),
	CONSTRAINT "hearings_state_check" CHECK (state in ('listed', 'adjourned', 'vacated', 'relisted', 'effective', 'ineffective', 'cracked', 'completed'))
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"service_id" text NOT NULL,
	"status" text NOT NULL,
	"consent" text NOT NULL,
	"consent_recorded_at" timestamp with time zone,
	"offered_at" timestamp with time zone NOT NULL,
	"made_at" timestamp with time zone,
	"responded_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"notes" text,
	CONSTRAINT "referrals_status_check" CHECK (status in ('offered', 'declined', 'made', 'accepted', 'rejected', 'closed')),
	CONSTRAINT "referrals_consent_check" CHECK (consent in ('not-asked', 'given', 'refused'))
);
--> statement-breakpoint
CREATE TABLE "rights_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"code_version" text NOT NULL,
	"right_number" integer NOT NULL,
	"status" text NOT NULL,
	"evidence" text NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rights_records_number_check" CHECK (right_number between 1 and 12)
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sign_in_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_services" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"role" text NOT NULL,
	"team_id" uuid,
	"victim_id" uuid,
	"password_hash" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "users_role_check" CHECK (role in ('caseworker', 'supervisor', 'victim')),
	CONSTRAINT "users_role_links_check" CHECK ((role = 'victim' and victim_id is not null and team_id is null) or (role <> 'victim' and victim_id is null and team_id is not null))
);
--> statement-breakpoint
CREATE TABLE "victims" (
	"id" uuid PRIMARY KEY NOT NULL,
	"title" text,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"date_of_birth" date NOT NULL,
	"languages" jsonb NOT NULL,
	"interpreter_needed" boolean NOT NULL,
	"interpreter_language" text,
	"enhanced_rights" jsonb NOT NULL,
	"safe_contact" jsonb NOT NULL,
	"address" text,
	"confidential_address" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_assignments" ADD CONSTRAINT "case_assignments_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_assignments" ADD CONSTRAINT "case_assignments_caseworker_id_users_id_fk" FOREIGN KEY ("caseworker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_assignments" ADD CONSTRAINT "case_assignments_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_victim_id_victims_id_fk" FOREIGN KEY ("victim_id") REFERENCES "public"."victims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_assigned_caseworker_id_users_id_fk" FOREIGN KEY ("assigned_caseworker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hearing_changes" ADD CONSTRAINT "hearing_changes_hearing_id_hearings_id_fk" FOREIGN KEY ("hearing_id") REFERENCES "public"."hearings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hearing_changes" ADD CONSTRAINT "hearing_changes_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hearings" ADD CONSTRAINT "hearings_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hearings" ADD CONSTRAINT "hearings_court_id_courts_id_fk" FOREIGN KEY ("court_id") REFERENCES "public"."courts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_service_id_support_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."support_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_records" ADD CONSTRAINT "rights_records_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_records" ADD CONSTRAINT "rights_records_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_victim_id_victims_id_fk" FOREIGN KEY ("victim_id") REFERENCES "public"."victims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_assignments_case_idx" ON "case_assignments" USING btree ("case_id","assigned_at");--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id","received_at");--> statement-breakpoint
CREATE INDEX "cases_caseworker_idx" ON "cases" USING btree ("assigned_caseworker_id","status");--> statement-breakpoint
CREATE INDEX "cases_team_idx" ON "cases" USING btree ("team_id","status");--> statement-breakpoint
CREATE INDEX "cases_victim_idx" ON "cases" USING btree ("victim_id");--> statement-breakpoint
CREATE INDEX "contacts_case_idx" ON "contacts" USING btree ("case_id","occurred_at");--> statement-breakpoint
CREATE INDEX "hearing_changes_hearing_idx" ON "hearing_changes" USING btree ("hearing_id","received_at");--> statement-breakpoint
CREATE INDEX "hearings_case_idx" ON "hearings" USING btree ("case_id","starts_at");--> statement-breakpoint
CREATE INDEX "referrals_case_idx" ON "referrals" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rights_records_case_right_key" ON "rights_records" USING btree ("case_id","code_version","right_number");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "users_team_idx" ON "users" USING btree ("team_id");