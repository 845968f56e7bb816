-- Counters behind the summary: every fact table keeps its contribution to the figures in `tally`, so a summary
-- for the province sums a few thousand counters instead of counting a million facts.
--
-- Row triggers on the fact tables append signed deltas to `tally_delta` (insert-only: concurrent consumers never
-- wait on a hot counter row); a compactor (TallyCompactor) folds them into `tally` every second. Readers sum both
-- tables in one statement, so the figures are exact whether or not the deltas were folded yet.
-- A figure's `day` is the business date it counts on; counters of the present state (open episodes, households
-- with two members in work) use day '-infinity'. Facts are only deleted a whole generation at a time (rebuilds),
-- which deletes that generation's counters too: there is no DELETE trigger.

CREATE TABLE tally (
    generation     INT    NOT NULL,
    figure         TEXT   NOT NULL,
    district_code  TEXT   NOT NULL,
    day            DATE   NOT NULL,
    detail         TEXT   NOT NULL,
    n              BIGINT NOT NULL,
    PRIMARY KEY (generation, figure, district_code, day, detail)
);
CREATE INDEX tally_area ON tally (generation, district_code text_pattern_ops, figure, day);

CREATE TABLE tally_delta (
    generation     INT    NOT NULL,
    figure         TEXT   NOT NULL,
    district_code  TEXT   NOT NULL,
    day            DATE   NOT NULL,
    detail         TEXT   NOT NULL,
    n              BIGINT NOT NULL
);

-- Employed members per household, for the households with two members in work.
CREATE TABLE household_employment (
    generation     INT   NOT NULL,
    household_id   UUID  NOT NULL,
    district_code  TEXT  NOT NULL,
    employed       INT   NOT NULL,
    PRIMARY KEY (generation, household_id)
);

CREATE FUNCTION tally_add(g INT, f TEXT, district TEXT, d DATE, detail TEXT, delta BIGINT) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO tally_delta (generation, figure, district_code, day, detail, n) VALUES (g, f, district, d, detail, delta)
$$;

CREATE FUNCTION episode_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM tally_add(NEW.generation, 'newly', NEW.district_code, NEW.since, '', 1);
    ELSE
        IF NEW.since <> OLD.since OR NEW.district_code <> OLD.district_code THEN
            PERFORM tally_add(OLD.generation, 'newly', OLD.district_code, OLD.since, '', -1);
            PERFORM tally_add(NEW.generation, 'newly', NEW.district_code, NEW.since, '', 1);
        END IF;
        IF OLD.ended_on IS NOT DISTINCT FROM NEW.ended_on AND NEW.district_code = OLD.district_code THEN
            RETURN NULL;
        END IF;
        IF OLD.ended_on IS NULL THEN
            PERFORM tally_add(OLD.generation, 'open', OLD.district_code, '-infinity', '', -1);
        ELSE
            PERFORM tally_add(OLD.generation, 'eliminated', OLD.district_code, OLD.ended_on, '', -1);
        END IF;
    END IF;
    IF NEW.ended_on IS NULL THEN
        PERFORM tally_add(NEW.generation, 'open', NEW.district_code, '-infinity', '', 1);
    ELSE
        PERFORM tally_add(NEW.generation, 'eliminated', NEW.district_code, NEW.ended_on, '', 1);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER episode_tally AFTER INSERT OR UPDATE ON episode FOR EACH ROW EXECUTE FUNCTION episode_tally();

-- A case counts as open on its first day with its last day as detail (the summary buckets open cases by age on
-- its as-of date), and once closed by outcome, and for placements by days taken.
CREATE FUNCTION case_fact_contribution(c case_fact, sign INT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF c.status = 'OPEN' THEN
        PERFORM tally_add(c.generation, 'open_case', c.district_code, c.since, c.last_day::text, sign);
    ELSIF c.closed_on IS NOT NULL THEN
        PERFORM tally_add(c.generation, 'closed', c.district_code, c.closed_on, coalesce(c.outcome, ''), sign);
        IF c.outcome IN ('MET', 'MET_LATE') AND c.days IS NOT NULL THEN
            PERFORM tally_add(c.generation, 'closed_days', c.district_code, c.closed_on, c.days::text, sign);
        END IF;
    END IF;
END $$;

CREATE FUNCTION case_fact_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF (OLD.status, OLD.since, OLD.last_day, OLD.closed_on, OLD.outcome, OLD.days, OLD.district_code)
                IS NOT DISTINCT FROM (NEW.status, NEW.since, NEW.last_day, NEW.closed_on, NEW.outcome, NEW.days, NEW.district_code) THEN
            RETURN NULL; -- e.g. only the current level moved
        END IF;
        PERFORM case_fact_contribution(OLD, -1);
    END IF;
    PERFORM case_fact_contribution(NEW, 1);
    RETURN NULL;
END $$;
CREATE TRIGGER case_fact_tally AFTER INSERT OR UPDATE ON case_fact FOR EACH ROW EXECUTE FUNCTION case_fact_tally();

CREATE FUNCTION escalation_fact_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM tally_add(NEW.generation, 'escalation', NEW.district_code, NEW.due_on, NEW.level, 1);
    RETURN NULL;
END $$;
CREATE TRIGGER escalation_fact_tally AFTER INSERT ON escalation_fact FOR EACH ROW EXECUTE FUNCTION escalation_fact_tally();

CREATE FUNCTION placement_fact_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM tally_add(NEW.generation, 'placement', NEW.district_code, NEW.start_date, NEW.kind, 1);
    RETURN NULL;
END $$;
CREATE TRIGGER placement_fact_tally AFTER INSERT ON placement_fact FOR EACH ROW EXECUTE FUNCTION placement_fact_tally();

CREATE FUNCTION report_fact_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM tally_add(NEW.generation, 'report', NEW.district_code, NEW.occurred_on, '', 1);
    RETURN NULL;
END $$;
CREATE TRIGGER report_fact_tally AFTER INSERT ON report_fact FOR EACH ROW EXECUTE FUNCTION report_fact_tally();

-- A household counts as double-employment while two or more of its members are in work.
CREATE FUNCTION member_status_tally() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    delta INT := (CASE WHEN NEW.employed THEN 1 ELSE 0 END)
        - (CASE WHEN TG_OP = 'UPDATE' AND OLD.employed THEN 1 ELSE 0 END);
    now_employed INT;
    district TEXT;
BEGIN
    IF delta = 0 THEN
        RETURN NULL;
    END IF;
    INSERT INTO household_employment AS h (generation, household_id, district_code, employed)
    VALUES (NEW.generation, NEW.household_id, NEW.district_code, delta)
    ON CONFLICT (generation, household_id) DO UPDATE SET employed = h.employed + EXCLUDED.employed
    RETURNING h.employed, h.district_code INTO now_employed, district;
    IF now_employed >= 2 AND now_employed - delta < 2 THEN
        PERFORM tally_add(NEW.generation, 'double', district, '-infinity', '', 1);
    ELSIF now_employed < 2 AND now_employed - delta >= 2 THEN
        PERFORM tally_add(NEW.generation, 'double', district, '-infinity', '', -1);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER member_status_tally AFTER INSERT OR UPDATE ON member_status FOR EACH ROW EXECUTE FUNCTION member_status_tally();

-- Counters for the facts already there.
INSERT INTO household_employment (generation, household_id, district_code, employed)
SELECT generation, household_id, min(district_code), count(*) FROM member_status WHERE employed GROUP BY generation, household_id;
INSERT INTO tally (generation, figure, district_code, day, detail, n)
SELECT generation, figure, district_code, day, detail, sum(n) FROM (
    SELECT generation, 'newly' AS figure, district_code, since AS day, '' AS detail, 1 AS n FROM episode
    UNION ALL SELECT generation, 'open', district_code, '-infinity', '', 1 FROM episode WHERE ended_on IS NULL
    UNION ALL SELECT generation, 'eliminated', district_code, ended_on, '', 1 FROM episode WHERE ended_on IS NOT NULL
    UNION ALL SELECT generation, 'open_case', district_code, since, last_day::text, 1 FROM case_fact WHERE status = 'OPEN'
    UNION ALL SELECT generation, 'closed', district_code, closed_on, coalesce(outcome, ''), 1 FROM case_fact
        WHERE status <> 'OPEN' AND closed_on IS NOT NULL
    UNION ALL SELECT generation, 'closed_days', district_code, closed_on, days::text, 1 FROM case_fact
        WHERE status <> 'OPEN' AND closed_on IS NOT NULL AND outcome IN ('MET', 'MET_LATE') AND days IS NOT NULL
    UNION ALL SELECT generation, 'escalation', district_code, due_on, level, 1 FROM escalation_fact
    UNION ALL SELECT generation, 'placement', district_code, start_date, kind, 1 FROM placement_fact
    UNION ALL SELECT generation, 'report', district_code, occurred_on, '', 1 FROM report_fact
    UNION ALL SELECT generation, 'double', district_code, '-infinity', '', 1 FROM household_employment WHERE employed >= 2
) facts GROUP BY generation, figure, district_code, day, detail;
