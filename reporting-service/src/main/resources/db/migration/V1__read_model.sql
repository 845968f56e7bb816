-- reporting-service: a read model built only from events. Every fact carries the generation it belongs to;
-- a rebuild fills the next generation beside the active one, then switches.

CREATE TABLE read_model (
    id                   INT PRIMARY KEY CHECK (id = 1),
    active_generation    INT         NOT NULL,
    building_generation  INT,
    rebuild_started_at   TIMESTAMPTZ,
    rebuild_finished_at  TIMESTAMPTZ,
    rebuild_events       BIGINT,
    rebuild_error        TEXT
);
INSERT INTO read_model (id, active_generation) VALUES (1, 1);

-- A zero-employment episode of a household: identified on `since`, eliminated on `ended_on`.
CREATE TABLE episode (
    generation     INT   NOT NULL,
    household_id   UUID  NOT NULL,
    since          DATE  NOT NULL,
    district_code  TEXT  NOT NULL,
    cohort         TEXT,
    ended_on       DATE,
    end_reason     TEXT,
    PRIMARY KEY (generation, household_id, since)
);
CREATE INDEX episode_open ON episode (generation, district_code text_pattern_ops) WHERE ended_on IS NULL;
CREATE INDEX episode_since ON episode (generation, since);

CREATE TABLE case_fact (
    generation     INT   NOT NULL,
    case_id        UUID  NOT NULL,
    household_id   UUID  NOT NULL,
    district_code  TEXT  NOT NULL,
    since          DATE  NOT NULL,
    last_day       DATE  NOT NULL,
    status         TEXT  NOT NULL,
    outcome        TEXT,
    closed_on      DATE,
    days           INT,
    current_level  TEXT,
    PRIMARY KEY (generation, case_id)
);
CREATE INDEX case_fact_open ON case_fact (generation, district_code text_pattern_ops) WHERE status = 'OPEN';
CREATE INDEX case_fact_closed ON case_fact (generation, closed_on);

CREATE TABLE escalation_fact (
    generation     INT   NOT NULL,
    event_id       TEXT  NOT NULL,
    case_id        UUID  NOT NULL,
    district_code  TEXT  NOT NULL,
    level          TEXT  NOT NULL,
    day            INT   NOT NULL,
    breach         BOOLEAN NOT NULL,
    due_on         DATE  NOT NULL,
    PRIMARY KEY (generation, event_id)
);
CREATE INDEX escalation_fact_due ON escalation_fact (generation, due_on);

CREATE TABLE placement_fact (
    generation     INT   NOT NULL,
    placement_id   UUID  NOT NULL,
    household_id   UUID  NOT NULL,
    member_id      UUID  NOT NULL,
    district_code  TEXT  NOT NULL,
    kind           TEXT  NOT NULL,
    start_date     DATE  NOT NULL,
    ended_on       DATE,
    PRIMARY KEY (generation, placement_id)
);
CREATE INDEX placement_fact_start ON placement_fact (generation, start_date);

-- Who is in work now, for households with two members in work (双就业).
CREATE TABLE member_status (
    generation     INT     NOT NULL,
    member_id      UUID    NOT NULL,
    household_id   UUID    NOT NULL,
    district_code  TEXT    NOT NULL,
    employed       BOOLEAN NOT NULL,
    effective_on   DATE    NOT NULL,
    PRIMARY KEY (generation, member_id)
);
CREATE INDEX member_status_household ON member_status (generation, household_id) WHERE employed;

-- Labour reports received (no national ID: only the district, date and kind).
CREATE TABLE report_fact (
    generation     INT   NOT NULL,
    event_id       TEXT  NOT NULL,
    district_code  TEXT  NOT NULL,
    type           TEXT  NOT NULL,
    occurred_on    DATE  NOT NULL,
    PRIMARY KEY (generation, event_id)
);
CREATE INDEX report_fact_on ON report_fact (generation, occurred_on);
