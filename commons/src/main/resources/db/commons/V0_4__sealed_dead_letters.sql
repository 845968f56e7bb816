-- A dead-letter copy may be kept sealed (AES-256-GCM, DeadLetterSeal) where a service's input carries personal data.
-- NOT VALID as in V0_2: every existing row already holds, and the table is not scanned under the lock.
ALTER TABLE outbox_event DROP CONSTRAINT outbox_event_encoding;
ALTER TABLE outbox_event ADD CONSTRAINT outbox_event_encoding CHECK (encoding IN ('text', 'base64', 'sealed')) NOT VALID;
