-- A caller's recent entries of one action, counted to ration sensitive reads (AuditTrail.requireAllowance).
CREATE INDEX audit_entry_actor_action ON audit_entry (actor, action, at);
