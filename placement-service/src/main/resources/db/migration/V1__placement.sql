-- placement-service: job posts, the candidates read model, offers, placements and follow-up visits (回访).

CREATE TABLE job_post (
    id                     UUID PRIMARY KEY,
    kind                   TEXT        NOT NULL,
    employer               TEXT        NOT NULL,
    district_code          TEXT        NOT NULL CHECK (district_code ~ '^[0-9]{6}$'),
    title                  TEXT        NOT NULL,
    monthly_wage           NUMERIC(10, 2) NOT NULL,
    openings               INT         NOT NULL CHECK (openings >= 0),
    filled                 INT         NOT NULL DEFAULT 0,
    contract_months        INT,
    social_insurance_paid  BOOLEAN     NOT NULL,
    business_licence       BOOLEAN     NOT NULL DEFAULT false,
    min_age                INT,
    max_age                INT,
    min_education          TEXT,
    skills                 TEXT        NOT NULL DEFAULT '',
    working_hours          TEXT,
    open                   BOOLEAN     NOT NULL,
    created_at             TIMESTAMPTZ NOT NULL,
    version                BIGINT      NOT NULL DEFAULT 0,
    CHECK (filled <= openings)
);
CREATE INDEX job_post_open ON job_post (district_code text_pattern_ops) WHERE open;

CREATE TABLE candidate (
    member_id      UUID PRIMARY KEY,
    household_id   UUID        NOT NULL,
    district_code  TEXT        NOT NULL,
    cohort         TEXT,
    age            INT         NOT NULL,
    age_on         DATE        NOT NULL,
    gender         TEXT        NOT NULL,
    education      TEXT,
    skills         TEXT        NOT NULL DEFAULT '',
    since          DATE        NOT NULL,
    active         BOOLEAN     NOT NULL
);
CREATE INDEX candidate_household ON candidate (household_id);
CREATE INDEX candidate_district ON candidate (district_code text_pattern_ops) WHERE active;

CREATE TABLE offer (
    id             UUID PRIMARY KEY,
    member_id      UUID        NOT NULL,
    household_id   UUID        NOT NULL,
    post_id        UUID        NOT NULL REFERENCES job_post (id),
    district_code  TEXT        NOT NULL,
    status         TEXT        NOT NULL CHECK (status IN ('MADE', 'ACCEPTED', 'DECLINED')),
    reason         TEXT,
    reasonable     BOOLEAN,
    made_on        DATE        NOT NULL,
    responded_on   DATE,
    version        BIGINT      NOT NULL DEFAULT 0
);
CREATE INDEX offer_household ON offer (household_id, status);

CREATE TABLE placement (
    id                     UUID PRIMARY KEY,
    offer_id               UUID REFERENCES offer (id),
    member_id              UUID        NOT NULL,
    household_id           UUID        NOT NULL,
    post_id                UUID        NOT NULL REFERENCES job_post (id),
    district_code          TEXT        NOT NULL,
    kind                   TEXT        NOT NULL,
    employer               TEXT        NOT NULL,
    start_date             DATE        NOT NULL,
    monthly_wage           NUMERIC(10, 2) NOT NULL,
    contract_months        INT,
    social_insurance_paid  BOOLEAN     NOT NULL,
    business_licence       BOOLEAN     NOT NULL,
    status                 TEXT        NOT NULL CHECK (status IN ('ACTIVE', 'ENDED')),
    ended_on               DATE,
    end_reason             TEXT,
    version                BIGINT      NOT NULL DEFAULT 0
);
CREATE INDEX placement_household ON placement (household_id);

CREATE TABLE follow_up (
    id             UUID PRIMARY KEY,
    placement_id   UUID        NOT NULL REFERENCES placement (id),
    district_code  TEXT        NOT NULL,
    months_after   INT         NOT NULL,
    due_on         DATE        NOT NULL,
    result         TEXT,
    note           TEXT,
    recorded_at    TIMESTAMPTZ,
    recorded_by    TEXT,
    UNIQUE (placement_id, months_after)
);
CREATE INDEX follow_up_due ON follow_up (due_on) WHERE result IS NULL;
