-- A case keeps its episode's first day ('since') and, apart, day 1 of its promise ('clock_from': the same day, a
-- relocated household's move-back date, or — under a policy that starts it there — the identification's confirmation,
-- null until then). An open case is tallied by its clock; the monthly table ages cases on a past day by it and counts a
-- case whose clock had not started that day as awaiting, so a month's table does not change when a confirmation comes
-- after it. (V5 wrote the confirmation over 'since': those rows get it back from 'clock_from' as well as it can be.)
ALTER TABLE case_fact ADD COLUMN clock_from DATE;
UPDATE case_fact SET clock_from = since WHERE last_day IS NOT NULL;

CREATE OR REPLACE FUNCTION case_fact_contribution(c case_fact, sign INT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF c.status = 'OPEN' THEN
        PERFORM tally_add(c.generation, 'open_case', c.district_code, coalesce(c.clock_from, c.since), coalesce(c.last_day::text, ''), sign);
    ELSIF c.closed_on IS NOT NULL THEN
        PERFORM tally_add(c.generation, 'closed', c.district_code, c.closed_on, coalesce(c.outcome, ''), sign);
        IF c.outcome IN ('MET', 'MET_LATE') AND c.days IS NOT NULL THEN
            PERFORM tally_add(c.generation, 'closed_days', c.district_code, c.closed_on, c.days::text, sign);
        END IF;
    END IF;
END $$;

CREATE OR REPLACE FUNCTION case_fact_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF (OLD.status, OLD.since, OLD.clock_from, OLD.last_day, OLD.closed_on, OLD.outcome, OLD.days, OLD.district_code)
                IS NOT DISTINCT FROM (NEW.status, NEW.since, NEW.clock_from, NEW.last_day, NEW.closed_on, NEW.outcome, NEW.days, NEW.district_code) THEN
            RETURN NULL; -- e.g. only the current level moved
        END IF;
        PERFORM case_fact_contribution(OLD, -1);
    END IF;
    PERFORM case_fact_contribution(NEW, 1);
    RETURN NULL;
END $$;
