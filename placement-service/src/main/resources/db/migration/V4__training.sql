-- Training courses (技能培训) and the referrals of candidates to them (README, Decisions). A completed referral's skill
-- joins the member's skills in the suggestions; the referral keeps the course's skill so that one query finds them.

CREATE TABLE course (
    id             UUID PRIMARY KEY,
    district_code  TEXT        NOT NULL CHECK (district_code ~ '^[0-9]{6}$'),
    provider       TEXT        NOT NULL,
    title          TEXT        NOT NULL,
    skill          TEXT        NOT NULL,
    start_date     DATE        NOT NULL,
    end_date       DATE        NOT NULL,
    cost           TEXT        NOT NULL CHECK (cost IN ('FREE', 'SUBSIDISED')),
    subsidy_amount NUMERIC(10, 2) CHECK (subsidy_amount > 0),
    open_to_city   BOOLEAN     NOT NULL DEFAULT false,
    created_at     TIMESTAMPTZ NOT NULL,
    CHECK (end_date >= start_date),
    CHECK ((cost = 'SUBSIDISED') = (subsidy_amount IS NOT NULL))
);
CREATE INDEX course_district ON course (district_code text_pattern_ops);

CREATE TABLE training_referral (
    id              UUID PRIMARY KEY,
    course_id       UUID        NOT NULL REFERENCES course (id),
    member_id       UUID        NOT NULL,
    household_id    UUID        NOT NULL,
    district_code   TEXT        NOT NULL,
    skill           TEXT        NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('REFERRED', 'ATTENDING', 'COMPLETED', 'DROPPED_OUT')),
    referred_on     DATE        NOT NULL,
    attending_from  DATE,
    ended_on        DATE,
    version         BIGINT      NOT NULL DEFAULT 0,
    UNIQUE (course_id, member_id),
    CHECK (status NOT IN ('COMPLETED', 'DROPPED_OUT') OR ended_on IS NOT NULL),
    CHECK (status <> 'COMPLETED' OR attending_from IS NOT NULL)
);
CREATE INDEX training_referral_learnt ON training_referral (member_id) WHERE status = 'COMPLETED';
CREATE INDEX training_referral_district ON training_referral (district_code text_pattern_ops);
