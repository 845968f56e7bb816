-- Labour reports are counted from household-service's wanjia.household.labour-reports-received.v1, one row per
-- (event, area, kind, date) carrying how many reports it stands for; rows read before (one per raw report) count 1.
ALTER TABLE report_fact ADD COLUMN reports INT NOT NULL DEFAULT 1;

CREATE OR REPLACE FUNCTION report_fact_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM tally_add(NEW.generation, 'report', NEW.district_code, NEW.occurred_on, '', NEW.reports);
    RETURN NULL;
END $$;
