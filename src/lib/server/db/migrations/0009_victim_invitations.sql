CREATE TABLE "victim_invitations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"victim_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"email" text NOT NULL,
	"code_hash" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"redeemed_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	CONSTRAINT "victim_invitations_expiry_check" CHECK (expires_at > created_at),
	CONSTRAINT "victim_invitations_settled_once_check" CHECK (redeemed_at is null or revoked_at is null),
	CONSTRAINT "victim_invitations_revoked_by_check" CHECK ((revoked_at is null) = (revoked_by is null))
);
--> statement-breakpoint
ALTER TABLE "victim_invitations" ADD CONSTRAINT "victim_invitations_victim_id_victims_id_fk" FOREIGN KEY ("victim_id") REFERENCES "public"."victims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "victim_invitations" ADD CONSTRAINT "victim_invitations_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "victim_invitations" ADD CONSTRAINT "victim_invitations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "victim_invitations" ADD CONSTRAINT "victim_invitations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "victim_invitations" ADD CONSTRAINT "victim_invitations_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "victim_invitations_code_hash_key" ON "victim_invitations" USING btree ("code_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "victim_invitations_open_key" ON "victim_invitations" USING btree ("victim_id") WHERE redeemed_at is null and revoked_at is null;--> statement-breakpoint
CREATE INDEX "victim_invitations_case_idx" ON "victim_invitations" USING btree ("case_id");