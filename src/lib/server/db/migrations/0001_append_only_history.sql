-- History tables are append-only: the hearing history and the assignment history are evidence of
-- what the hub was told and when, so no code path, however buggy, may rewrite or remove them.
CREATE FUNCTION refuse_history_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
		USING ERRCODE = 'check_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER hearing_changes_append_only BEFORE UPDATE OR DELETE ON hearing_changes
	FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
--> statement-breakpoint
CREATE TRIGGER case_assignments_append_only BEFORE UPDATE OR DELETE ON case_assignments
	FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite();
