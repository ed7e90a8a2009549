-- A pull walks each table in (version, id) order: these indexes let it read a page in order
-- instead of sorting every row of the caller's cases for each page.
CREATE INDEX IF NOT EXISTS "cases_sync_order_idx" ON "cases" USING btree ("version", "id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "victims_sync_order_idx" ON "victims" USING btree ("version", "id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "case_assignments_sync_order_idx" ON "case_assignments" USING btree ("version", "id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "case_events_sync_order_idx" ON "case_events" USING btree ("version", "id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "hearings_sync_order_idx" ON "hearings" USING btree ("version", "id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "hearing_changes_sync_order_idx" ON "hearing_changes" USING btree ("version", "id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "referrals_sync_order_idx" ON "referrals" USING btree ("version", "id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "contacts_sync_order_idx" ON "contacts" USING btree ("version", "id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "rights_records_sync_order_idx" ON "rights_records" USING btree ("version", "id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "obligation_waivers_sync_order_idx" ON "obligation_waivers" USING btree ("version", "id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "conflicts_sync_order_idx" ON "conflicts" USING btree ("version", "id");
