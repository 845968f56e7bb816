-- Cross-cutting tables of every service (commons): transactional outbox, processed-event log, audit trail.

CREATE TABLE outbox_event (
    seq        BIGSERIAL PRIMARY KEY,
    id         UUID        NOT NULL UNIQUE,
    topic      TEXT        NOT NULL,
    event_key  TEXT,
    headers    JSONB       NOT NULL,
    payload    TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at    TIMESTAMPTZ
);
-- The relay reads only unsent rows in commit order; sent rows leave this index.
CREATE INDEX outbox_event_unsent ON outbox_event (seq) WHERE sent_at IS NULL;
CREATE INDEX outbox_event_sent_at ON outbox_event (sent_at) WHERE sent_at IS NOT NULL;

CREATE TABLE processed_event (
    consumer     TEXT        NOT NULL,
    event_id     TEXT        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL,
    outcome      TEXT        NOT NULL CHECK (outcome IN ('PROCESSED', 'DEAD_LETTERED')),
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX processed_event_processed_at ON processed_event (processed_at);

CREATE TABLE audit_entry (
    id          BIGSERIAL PRIMARY KEY,
    actor       TEXT        NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    entity_type TEXT        NOT NULL,
    entity_id   TEXT        NOT NULL,
    action      TEXT        NOT NULL,
    before      JSONB,
    after       JSONB
);
CREATE INDEX audit_entry_entity ON audit_entry (entity_type, entity_id, id);
