-- Dead-letter copies keep a bad record byte for byte (base64: PostgreSQL's text and JSON refuse a NUL), and a
-- row Kafka can never take is marked failed instead of holding back every row behind it.
ALTER TABLE outbox_event
    ADD COLUMN encoding  TEXT NOT NULL DEFAULT 'text' CHECK (encoding IN ('text', 'base64')),
    ADD COLUMN failed_at TIMESTAMPTZ,
    ADD COLUMN failure   TEXT,
    ALTER COLUMN payload DROP NOT NULL;

DROP INDEX outbox_event_unsent;
CREATE INDEX outbox_event_unsent ON outbox_event (seq) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX outbox_event_failed_at ON outbox_event (failed_at) WHERE failed_at IS NOT NULL;
