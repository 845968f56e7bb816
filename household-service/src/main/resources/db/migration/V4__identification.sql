-- 认定: the identification procedure of a household (verify, review, posting, confirm), its timeline and objections;
-- the assistance ledger's numbering; and the contact log (电话核实, 走访) from which "unreachable" is computed.

CREATE TABLE identification (
    id                  UUID PRIMARY KEY,
    household_id        UUID        NOT NULL REFERENCES household (id),
    district_code       TEXT        NOT NULL CHECK (district_code ~ '^[0-9]{6}$'),
    source              TEXT        NOT NULL,
    stage               TEXT        NOT NULL,
    -- The business date it began: when the household became zero-employment, or when it declared itself.
    opened_on           DATE        NOT NULL,
    opened_at           TIMESTAMPTZ NOT NULL,
    -- What the zero-employment rule said when it opened (a declaration may disagree with the register).
    rule_agrees         BOOLEAN     NOT NULL,
    rule_finding        TEXT        NOT NULL,
    posting_starts_on   DATE,
    posting_ends_on     DATE,
    -- Who approved the last review: the confirmation must be someone else's.
    reviewed_by         TEXT,
    ledger_number       TEXT UNIQUE,
    closed_on           DATE,
    close_reason        TEXT,
    version             BIGINT      NOT NULL DEFAULT 0,
    CHECK (posting_ends_on IS NULL OR posting_ends_on >= posting_starts_on)
);
-- One open identification per household at a time.
CREATE UNIQUE INDEX identification_open ON identification (household_id)
    WHERE stage IN ('VERIFY', 'REVIEW', 'POSTING', 'CONFIRM');
CREATE INDEX identification_worklist ON identification (district_code text_pattern_ops, stage, opened_on);

CREATE TABLE identification_entry (
    seq                 BIGSERIAL PRIMARY KEY,
    identification_id   UUID        NOT NULL REFERENCES identification (id),
    action              TEXT        NOT NULL,
    stage_after         TEXT        NOT NULL,
    on_date             DATE        NOT NULL,
    -- How a verification was done (VISIT, PHONE), and what was found or decided, in the actor's words (masked).
    method              TEXT,
    note                TEXT,
    actor               TEXT        NOT NULL,
    recorded_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX identification_entry_of ON identification_entry (identification_id, seq);

CREATE TABLE identification_objection (
    id                  UUID PRIMARY KEY,
    identification_id   UUID        NOT NULL REFERENCES identification (id),
    raised_on           DATE        NOT NULL,
    -- Who objected (a neighbour, the residents' committee) and what they said, as recorded (masked).
    raised_by           TEXT        NOT NULL,
    what                TEXT        NOT NULL,
    resolution          TEXT        NOT NULL DEFAULT 'OPEN',
    resolution_note     TEXT,
    resolved_on         DATE,
    resolved_by         TEXT,
    recorded_by         TEXT        NOT NULL
);
CREATE INDEX identification_objection_of ON identification_objection (identification_id);

-- The assistance ledger's numbers: <district>-<year>-<sequence>, one sequence per district and year.
CREATE TABLE ledger_sequence (
    district_code   TEXT NOT NULL,
    year            INT  NOT NULL,
    last_number     INT  NOT NULL,
    PRIMARY KEY (district_code, year)
);

CREATE TABLE contact_attempt (
    id              UUID PRIMARY KEY,
    household_id    UUID        NOT NULL REFERENCES household (id),
    member_id       UUID,
    attempted_on    DATE        NOT NULL,
    channel         TEXT        NOT NULL,
    reached         BOOLEAN     NOT NULL,
    note            TEXT,
    actor           TEXT        NOT NULL,
    recorded_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX contact_attempt_of ON contact_attempt (household_id, attempted_on);
