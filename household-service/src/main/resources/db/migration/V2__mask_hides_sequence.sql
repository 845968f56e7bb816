-- National IDs are masked as 210102************ from now on: the old mask 210102********1234 hid only the birth
-- date, which the register shows beside it, so the two together gave the number back. Every stored mask is
-- shortened, the audit trail's copies of household views included (the old form only ever appears there as a
-- whole JSON string). The trail is append-only (commons V0_5, which runs first): this one rewrite, of a leak, lifts
-- the trigger for its own transaction only.
UPDATE member SET national_id_masked = left(national_id_masked, 6) || '************';
UPDATE unmatched_report SET national_id_masked = left(national_id_masked, 6) || '************';
ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only;
UPDATE audit_entry
   SET before = regexp_replace(before::text, '"(\d{6})\*{8}[0-9X]{4}"', '"\1************"', 'g')::jsonb,
       after  = regexp_replace(after::text,  '"(\d{6})\*{8}[0-9X]{4}"', '"\1************"', 'g')::jsonb
 WHERE before::text ~ '\d{6}\*{8}[0-9X]{4}' OR after::text ~ '\d{6}\*{8}[0-9X]{4}';
ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only;
