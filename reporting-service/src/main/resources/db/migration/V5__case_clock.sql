-- A case whose clock waits for the identification's confirmation (issue #16: a policy may start the 20 days there)
-- is open without a last day; wanjia.case.clock-started.v1 then sets its day 1 ('since' counts from the clock) and
-- its last day. Open, it counts as 'open_case' with an empty detail: the summary's "awaiting identification" bucket.
ALTER TABLE case_fact ALTER COLUMN last_day DROP NOT NULL;

CREATE OR REPLACE FUNCTION case_fact_contribution(c case_fact, sign INT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF c.status = 'OPEN' THEN
        PERFORM tally_add(c.generation, 'open_case', c.district_code, c.since, coalesce(c.last_day::text, ''), sign);
    ELSIF c.closed_on IS NOT NULL THEN
        PERFORM tally_add(c.generation, 'closed', c.district_code, c.closed_on, coalesce(c.outcome, ''), sign);
        IF c.outcome IN ('MET', 'MET_LATE') AND c.days IS NOT NULL THEN
            PERFORM tally_add(c.generation, 'closed_days', c.district_code, c.closed_on, c.days::text, sign);
        END IF;
    END IF;
END $$;
