-- processed_event is written in the order of processed_at and read by it only to purge ids older than
-- wanjia.inbox.retention (Housekeeping, hourly). A B-tree took one more index write for every event every consumer
-- processed (eleven per labour report); a BRIN index keeps a summary per range of pages, costs nothing per row, and
-- still finds the oldest pages for the purge (bench/README.md, session 13). Built once by a sequential scan.
DROP INDEX processed_event_processed_at;
CREATE INDEX processed_event_processed_at ON processed_event USING brin (processed_at) WITH (autosummarize = on);
