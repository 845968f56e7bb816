-- Issue #17: the rest of the figures as a bureau files them.

-- 1. Days to placement by channel: a case closed by a placement carries the kind of work (case.closed's `channel`);
--    its days are counted by channel as well ('channel_days', detail CHANNEL:days), beside the overall 'closed_days'.
ALTER TABLE case_fact ADD COLUMN channel TEXT;

CREATE OR REPLACE FUNCTION case_fact_contribution(c case_fact, sign INT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF c.status = 'OPEN' THEN
        PERFORM tally_add(c.generation, 'open_case', c.district_code, coalesce(c.clock_from, c.since), coalesce(c.last_day::text, ''), sign);
    ELSIF c.closed_on IS NOT NULL THEN
        PERFORM tally_add(c.generation, 'closed', c.district_code, c.closed_on, coalesce(c.outcome, ''), sign);
        IF c.outcome IN ('MET', 'MET_LATE') AND c.days IS NOT NULL THEN
            PERFORM tally_add(c.generation, 'closed_days', c.district_code, c.closed_on, c.days::text, sign);
            IF c.channel IS NOT NULL THEN
                PERFORM tally_add(c.generation, 'channel_days', c.district_code, c.closed_on, c.channel || ':' || c.days, sign);
            END IF;
        END IF;
    END IF;
END $$;

CREATE OR REPLACE FUNCTION case_fact_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF (OLD.status, OLD.since, OLD.clock_from, OLD.last_day, OLD.closed_on, OLD.outcome, OLD.days, OLD.district_code, OLD.channel)
                IS NOT DISTINCT FROM (NEW.status, NEW.since, NEW.clock_from, NEW.last_day, NEW.closed_on, NEW.outcome, NEW.days,
                    NEW.district_code, NEW.channel) THEN
            RETURN NULL; -- e.g. only the current level moved
        END IF;
        PERFORM case_fact_contribution(OLD, -1);
    END IF;
    PERFORM case_fact_contribution(NEW, 1);
    RETURN NULL;
END $$;

-- 2. Public-welfare posts held (公益性岗位在岗) and what they cost a month: a public-welfare placement counts +1 from its
--    start and -1 from the day it ended ('pw_held'), its monthly post and social-insurance subsidies likewise in fen
--    ('pw_cost'); the figure as of a day sums the counters up to that day. Only public-welfare rows fire these triggers.
ALTER TABLE placement_fact ADD COLUMN monthly_subsidy NUMERIC(12, 2);

CREATE FUNCTION public_welfare_post_tally() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    cost BIGINT := round(coalesce(NEW.monthly_subsidy, 0) * 100);
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM tally_add(NEW.generation, 'pw_held', NEW.district_code, NEW.start_date, '', 1);
        PERFORM tally_add(NEW.generation, 'pw_cost', NEW.district_code, NEW.start_date, '', cost);
    END IF;
    IF NEW.ended_on IS NOT NULL THEN -- ended now (an update), or already when inserted
        PERFORM tally_add(NEW.generation, 'pw_held', NEW.district_code, NEW.ended_on, '', -1);
        PERFORM tally_add(NEW.generation, 'pw_cost', NEW.district_code, NEW.ended_on, '', -cost);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER public_welfare_post_placed AFTER INSERT ON placement_fact FOR EACH ROW
    WHEN (NEW.kind = 'PUBLIC_WELFARE') EXECUTE FUNCTION public_welfare_post_tally();
CREATE TRIGGER public_welfare_post_ended AFTER UPDATE ON placement_fact FOR EACH ROW
    WHEN (NEW.kind = 'PUBLIC_WELFARE' AND OLD.ended_on IS NULL AND NEW.ended_on IS NOT NULL)
    EXECUTE FUNCTION public_welfare_post_tally();

-- 3. Zero-employment households now by cohort: episodes of a cohort other than STANDARD count 'cohort_open' (detail:
--    the cohort) while open. STANDARD episodes — nearly all — fire nothing: the figure is the rest of 'open'.
CREATE FUNCTION episode_cohort_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.ended_on IS NULL THEN
        PERFORM tally_add(OLD.generation, 'cohort_open', OLD.district_code, '-infinity', OLD.cohort, -1);
    END IF;
    IF NEW.ended_on IS NULL THEN
        PERFORM tally_add(NEW.generation, 'cohort_open', NEW.district_code, '-infinity', NEW.cohort, 1);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER episode_cohort_started AFTER INSERT ON episode FOR EACH ROW
    WHEN (NEW.cohort <> 'STANDARD') EXECUTE FUNCTION episode_cohort_tally();
CREATE TRIGGER episode_cohort_changed AFTER UPDATE ON episode FOR EACH ROW
    WHEN (NEW.cohort <> 'STANDARD' AND (OLD.ended_on IS DISTINCT FROM NEW.ended_on OR OLD.district_code <> NEW.district_code))
    EXECUTE FUNCTION episode_cohort_tally();

-- 4. Target cases apart from the household's promise: a graduate's member-level case (GRADUATE) and the second-stage
--    targets (DOUBLE_EMPLOYMENT, UNSTABLE_TO_STABLE). 'target_open' (detail: the target) while open, 'target_closed'
--    (detail TARGET:OUTCOME) on the day it closed.
CREATE TABLE target_case_fact (
    generation     INT   NOT NULL,
    case_id        UUID  NOT NULL,
    target         TEXT  NOT NULL,
    district_code  TEXT  NOT NULL,
    since          DATE  NOT NULL,
    outcome        TEXT,
    closed_on      DATE,
    PRIMARY KEY (generation, case_id)
);

CREATE FUNCTION target_case_fact_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM tally_add(NEW.generation, 'target_open', NEW.district_code, '-infinity', NEW.target, 1);
    ELSIF OLD.closed_on IS NULL AND NEW.closed_on IS NOT NULL THEN
        PERFORM tally_add(NEW.generation, 'target_open', NEW.district_code, '-infinity', NEW.target, -1);
        PERFORM tally_add(NEW.generation, 'target_closed', NEW.district_code, NEW.closed_on, NEW.target || ':' || NEW.outcome, 1);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER target_case_fact_tally AFTER INSERT OR UPDATE ON target_case_fact FOR EACH ROW EXECUTE FUNCTION target_case_fact_tally();

-- Counters for the facts already there. Public-welfare placements recorded before carry no subsidy (their cost counts 0)
-- and target cases were not kept: POST /api/v1/admin/rebuild once brings both (README, After upgrading).
INSERT INTO tally (generation, figure, district_code, day, detail, n)
SELECT generation, figure, district_code, day, detail, sum(n) FROM (
    SELECT generation, 'pw_held' AS figure, district_code, start_date AS day, '' AS detail, 1 AS n FROM placement_fact
    WHERE kind = 'PUBLIC_WELFARE'
    UNION ALL
    SELECT generation, 'pw_held', district_code, ended_on, '', -1 FROM placement_fact WHERE kind = 'PUBLIC_WELFARE' AND ended_on IS NOT NULL
    UNION ALL
    SELECT generation, 'cohort_open', district_code, '-infinity', cohort, 1 FROM episode WHERE ended_on IS NULL AND cohort <> 'STANDARD'
) f GROUP BY generation, figure, district_code, day, detail;
