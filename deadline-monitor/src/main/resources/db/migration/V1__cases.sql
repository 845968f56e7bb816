-- deadline-monitor: policies, the holiday calendar, assistance cases, their steps (the escalation schedule and
-- the supervisors' inbox), the case timeline, webhook subscriptions and deliveries.

CREATE TABLE deadline_policy (
    area_prefix       TEXT PRIMARY KEY CHECK (area_prefix ~ '^([0-9]{2}|[0-9]{4}|[0-9]{6})?$'),
    definition        JSONB       NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    updated_by        TEXT        NOT NULL
);

CREATE TABLE holiday (
    day   DATE PRIMARY KEY,
    kind  TEXT NOT NULL CHECK (kind IN ('HOLIDAY', 'WORKDAY'))
);

CREATE TABLE assistance_case (
    id              UUID PRIMARY KEY,
    household_id    UUID        NOT NULL,
    district_code   TEXT        NOT NULL,
    cohort          TEXT,
    since           DATE        NOT NULL,
    last_day        DATE        NOT NULL,
    deadline_at     TIMESTAMPTZ NOT NULL,
    policy          JSONB       NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('OPEN', 'CLOSED')),
    outcome         TEXT,
    closed_on       DATE,
    opened_at       TIMESTAMPTZ NOT NULL,
    current_level   TEXT,
    version         BIGINT      NOT NULL DEFAULT 0
);
-- One open case per household; a household that becomes zero-employment again gets a new one.
CREATE UNIQUE INDEX assistance_case_one_open ON assistance_case (household_id) WHERE status = 'OPEN';
CREATE INDEX assistance_case_district ON assistance_case (district_code text_pattern_ops, status);

CREATE TABLE case_step (
    id              BIGSERIAL PRIMARY KEY,
    case_id         UUID        NOT NULL REFERENCES assistance_case (id),
    seq             INT         NOT NULL,
    breach          BOOLEAN     NOT NULL,
    repeat          INT         NOT NULL,
    level           TEXT        NOT NULL,
    day             INT         NOT NULL,
    recipient_role  TEXT        NOT NULL,
    area            TEXT        NOT NULL,
    due_at          TIMESTAMPTZ NOT NULL,
    state           TEXT        NOT NULL CHECK (state IN ('PENDING', 'FIRED', 'SKIPPED', 'CANCELLED')),
    fired_at        TIMESTAMPTZ,
    acknowledged_at TIMESTAMPTZ,
    acknowledged_by TEXT,
    ack_note        TEXT,
    UNIQUE (case_id, seq)
);
-- The engine's only question, "what is due next?", reads this index: cost follows the steps due, not the cases open.
CREATE INDEX case_step_pending_due ON case_step (due_at) WHERE state = 'PENDING';
CREATE INDEX case_step_inbox ON case_step (area text_pattern_ops, fired_at) WHERE state = 'FIRED';

CREATE TABLE case_event (
    id        BIGSERIAL PRIMARY KEY,
    case_id   UUID        NOT NULL REFERENCES assistance_case (id),
    at        TIMESTAMPTZ NOT NULL,
    type      TEXT        NOT NULL,
    detail    JSONB       NOT NULL
);
CREATE INDEX case_event_case ON case_event (case_id, id);

CREATE TABLE webhook_subscription (
    id           UUID PRIMARY KEY,
    url          TEXT        NOT NULL,
    area_prefix  TEXT        NOT NULL,
    min_level    TEXT        NOT NULL,
    secret       TEXT        NOT NULL,
    active       BOOLEAN     NOT NULL DEFAULT true,
    created_at   TIMESTAMPTZ NOT NULL,
    created_by   TEXT        NOT NULL
);

CREATE TABLE webhook_delivery (
    id               BIGSERIAL PRIMARY KEY,
    subscription_id  UUID        NOT NULL REFERENCES webhook_subscription (id),
    step_id          BIGINT      NOT NULL REFERENCES case_step (id),
    event_id         TEXT        NOT NULL,
    event_type       TEXT        NOT NULL,
    payload          TEXT        NOT NULL,
    status           TEXT        NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts         INT         NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ NOT NULL,
    last_status      INT,
    last_error       TEXT,
    delivered_at     TIMESTAMPTZ,
    UNIQUE (subscription_id, step_id)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING';
