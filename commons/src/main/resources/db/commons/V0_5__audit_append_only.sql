-- The audit trail is append-only for the service's own database role: no UPDATE, no TRUNCATE, and a DELETE only of
-- entries older than 180 days (Cybersecurity Law art. 21: network logs are kept at least six months), which is all
-- the retention purge (AuditTrail) ever deletes. A table's owner can still drop a trigger: in production, migrations
-- run as an owner role and the service role gets only INSERT and SELECT on audit_entry (commons README).
CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND OLD.at < now() - interval '180 days' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();
