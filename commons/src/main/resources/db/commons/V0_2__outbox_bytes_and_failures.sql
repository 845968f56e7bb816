-- Dead-letter copies keep a bad record byte for byte (base64: PostgreSQL's text and JSON refuse a NUL), and a
-- row Kafka can never take is marked failed instead of holding back every row behind it.
-- Written to hold the table's lock briefly on a large outbox: the new columns need no rewrite; the CHECK is added
-- NOT VALID (it holds for every new row; every existing row has the default), so the table is not scanned; and no
-- index is rebuilt — failed rows stay in the partial index of unsent rows (they are few), which also serves the
-- queries that look for them.
ALTER TABLE outbox_event
    ADD COLUMN encoding  TEXT NOT NULL DEFAULT 'text',
    ADD COLUMN failed_at TIMESTAMPTZ,
    ADD COLUMN failure   TEXT,
    ALTER COLUMN payload DROP NOT NULL;
ALTER TABLE outbox_event ADD CONSTRAINT outbox_event_encoding CHECK (encoding IN ('text', 'base64')) NOT VALID;
