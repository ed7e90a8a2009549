-- History stays immutable, but a row's sync version may move: reassigning a case re-versions all
-- of its rows so that the new caseworker's device pulls them. Only an UPDATE that changes nothing
-- but `version` is let through.
CREATE OR REPLACE FUNCTION refuse_history_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'version') = (to_jsonb(OLD) - 'version') THEN
		RETURN NEW;
	END IF;
	RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
		USING ERRCODE = 'check_violation';
END;
$$;
