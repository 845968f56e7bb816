-- The real-name register (实名制台账): households, members, reports that match no one yet, the ageing pass.

CREATE TABLE household (
    id                     UUID PRIMARY KEY,
    district_code          TEXT        NOT NULL CHECK (district_code ~ '^[0-9]{6}$'),
    street                 TEXT        NOT NULL,
    community              TEXT        NOT NULL,
    address                TEXT        NOT NULL,
    cohort                 TEXT        NOT NULL,
    status                 TEXT        NOT NULL,
    zero_employment_since  DATE,
    registered_on          DATE        NOT NULL,
    unreasonable_refusals  INT         NOT NULL DEFAULT 0,
    exit_reason            TEXT,
    exit_note              TEXT,
    exited_on              DATE,
    exited_by              TEXT,
    version                BIGINT      NOT NULL DEFAULT 0
);
CREATE INDEX household_district ON household (district_code text_pattern_ops, id);
CREATE INDEX household_status ON household (status, zero_employment_since);

CREATE TABLE member (
    id                      UUID PRIMARY KEY,
    household_id            UUID        NOT NULL REFERENCES household (id),
    national_id_cipher      BYTEA       NOT NULL,
    -- Keyed hash (HMAC-SHA256): lookup and duplicate detection without the number in clear.
    national_id_hash        TEXT        NOT NULL UNIQUE,
    national_id_masked      TEXT        NOT NULL,
    name                    TEXT        NOT NULL,
    relation                TEXT        NOT NULL,
    birth_date              DATE        NOT NULL,
    gender                  TEXT        NOT NULL,
    education               TEXT,
    skills                  TEXT        NOT NULL DEFAULT '',
    labour_capacity         TEXT        NOT NULL,
    willing_to_work         BOOLEAN     NOT NULL,
    occupation_category     TEXT        NOT NULL,
    status                  TEXT        NOT NULL,
    status_since            DATE,
    business_income         BOOLEAN     NOT NULL DEFAULT false,
    current_placement_id    UUID,
    -- When the rule's answer may change by age alone: the 16th birthday and the retirement day.
    working_age_from        DATE        NOT NULL,
    retirement_on           DATE        NOT NULL
);
CREATE INDEX member_household ON member (household_id);
CREATE INDEX member_working_age_from ON member (working_age_from);
CREATE INDEX member_retirement_on ON member (retirement_on);

CREATE TABLE unmatched_report (
    event_id            TEXT PRIMARY KEY,
    national_id_hash    TEXT        NOT NULL,
    national_id_cipher  BYTEA       NOT NULL,
    national_id_masked  TEXT        NOT NULL,
    district_code       TEXT        NOT NULL,
    type                TEXT        NOT NULL,
    occurred_on         DATE        NOT NULL,
    -- The report's data without the national ID.
    facts               JSONB       NOT NULL,
    received_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX unmatched_report_hash ON unmatched_report (national_id_hash, occurred_on);
CREATE INDEX unmatched_report_district ON unmatched_report (district_code text_pattern_ops);

CREATE TABLE ageing_pass (
    id          INT PRIMARY KEY CHECK (id = 1),
    done_up_to  DATE NOT NULL
);
