-- The relay deletes a row once Kafka has acknowledged it, instead of marking it sent and keeping it for
-- wanjia.outbox.retention: per event that saves an UPDATE (a new row version in every index) and the later DELETE.
-- The random id's unique index is dropped as well: nothing reads a row by it, and each insert paid a write at a random
-- place in that index (bench/README.md, session 13). The column stays, nullable, for pods of the previous version that
-- still insert it during a rolling upgrade; their relay still marks rows sent, and Housekeeping deletes those rows once
-- they are older than the retention (outbox_event_sent_at serves it, and new rows never enter that partial index).
ALTER TABLE outbox_event ALTER COLUMN id DROP NOT NULL, DROP CONSTRAINT outbox_event_id_key;
