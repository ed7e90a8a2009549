ALTER TABLE "obligation_waivers" ADD COLUMN "deleted" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "deleted" boolean DEFAULT false NOT NULL;