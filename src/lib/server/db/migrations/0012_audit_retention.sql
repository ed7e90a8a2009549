CREATE TABLE "audit_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_user_id" uuid,
	"actor_role" text NOT NULL,
	"action" text NOT NULL,
	"case_id" uuid,
	"detail" jsonb NOT NULL,
	CONSTRAINT "audit_events_actor_role_check" CHECK (actor_role in ('caseworker', 'supervisor', 'victim', 'system')),
	CONSTRAINT "audit_events_action_check" CHECK (action in ('case.viewed', 'case.read-online', 'case.synced-to-device', 'case.changed', 'case.reassigned', 'victim-access.changed', 'case.exported', 'case.purged')),
	CONSTRAINT "audit_events_actor_check" CHECK ((actor_role = 'system') = (actor_user_id is null))
);
--> statement-breakpoint
CREATE INDEX "audit_events_case_idx" ON "audit_events" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "audit_events_actor_idx" ON "audit_events" USING btree ("actor_user_id","at");--> statement-breakpoint
-- The audit trail is evidence of who saw and changed a victim's records: no code path, however
-- buggy, may rewrite or remove it, not even the retention purge (a row holds ids and no free text).
CREATE FUNCTION refuse_audit_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
		USING ERRCODE = 'check_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
	FOR EACH ROW EXECUTE FUNCTION refuse_audit_rewrite();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
	FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_rewrite();
--> statement-breakpoint
-- History stays immutable with one exception: the retention purge (server/retention) removes a
-- closed case with everything about it once its retention period is over. It names the case in a
-- transaction-local setting (`set_config(..., true)`, gone at commit), and only DELETEs of that
-- case's rows pass; the victim's own account's log entries are named the same way.
CREATE OR REPLACE FUNCTION refuse_history_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'version') = (to_jsonb(OLD) - 'version') THEN
		RETURN NEW;
	END IF;
	IF TG_OP = 'DELETE' THEN
		IF (to_jsonb(OLD) ->> 'case_id') = current_setting('hub.purging_case', true) THEN
			RETURN OLD;
		END IF;
		IF (to_jsonb(OLD) ->> 'user_id') = current_setting('hub.purging_user', true) THEN
			RETURN OLD;
		END IF;
	END IF;
	RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
		USING ERRCODE = 'check_violation';
END;
$$;
