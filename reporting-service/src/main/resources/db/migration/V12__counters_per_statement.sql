-- New episodes and new open cases are counted once per statement, not once per row (issue #20, bench/README.md,
-- session 18). The projection inserts them in JDBC batches that the driver sends as multi-row INSERTs; a row trigger
-- appended two or three deltas per episode and one per case to tally_delta (and the compactor deleted each again):
-- about a sixth of all row writes per labour report. A statement trigger reads the statement's new rows (a transition
-- table) and appends one delta per figure, district, day and detail, with the count of rows. The sums are the same;
-- rows updated later are still counted by the row triggers, which now fire on UPDATE only (episode_tally keeps its INSERT
-- branch, no longer reached).

-- Episodes: newly found (or moved in), open (or already ended), and a household with two members in work whose first
-- episode this is — as episode_tally (V11) counted them one row at a time. An AFTER trigger sees every row the
-- statement inserted, so two episodes of one household inserted together see each other, as row triggers did.
CREATE FUNCTION episodes_inserted_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO tally_delta (generation, figure, district_code, day, detail, n)
    SELECT generation, figure, district_code, day, detail, count(*)
    FROM (
        SELECT generation, CASE WHEN transferred_from IS NULL THEN 'newly' ELSE 'moved_in' END AS figure, district_code,
               CASE WHEN transferred_from IS NULL THEN since ELSE transferred_on END AS day, ''::text AS detail
        FROM inserted
        UNION ALL
        SELECT generation, CASE WHEN ended_on IS NULL THEN 'open' ELSE 'eliminated' END, district_code,
               coalesce(ended_on, '-infinity'::date), CASE WHEN ended_on IS NULL THEN '' ELSE coalesce(end_reason, '') END
        FROM inserted
        UNION ALL
        SELECT n.generation, 'double', h.district_code, '-infinity'::date, ''
        FROM inserted n
        JOIN household_employment h ON h.generation = n.generation AND h.household_id = n.household_id AND h.employed >= 2
        WHERE NOT EXISTS (SELECT 1 FROM episode e WHERE e.generation = n.generation AND e.household_id = n.household_id
                          AND e.since <> n.since)
    ) contributions
    GROUP BY generation, figure, district_code, day, detail;
    RETURN NULL;
END $$;

DROP TRIGGER episode_tally ON episode;
CREATE TRIGGER episode_tally AFTER UPDATE ON episode FOR EACH ROW EXECUTE FUNCTION episode_tally();
CREATE TRIGGER episodes_inserted_tally AFTER INSERT ON episode REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION episodes_inserted_tally();

-- Cases: the projection inserts every case open ('open_case' by its clock's first day, its last day as detail: the open
-- branch of case_fact_contribution, V10). A case inserted already closed, which the projection never does, is still
-- counted by the row trigger, which fires for it alone.
CREATE FUNCTION cases_inserted_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO tally_delta (generation, figure, district_code, day, detail, n)
    SELECT generation, 'open_case', district_code, coalesce(clock_from, since), coalesce(last_day::text, ''), count(*)
    FROM inserted WHERE status = 'OPEN'
    GROUP BY generation, district_code, coalesce(clock_from, since), coalesce(last_day::text, '');
    RETURN NULL;
END $$;

DROP TRIGGER case_fact_tally ON case_fact;
CREATE TRIGGER case_fact_tally AFTER UPDATE ON case_fact FOR EACH ROW EXECUTE FUNCTION case_fact_tally();
CREATE TRIGGER case_fact_inserted_closed_tally AFTER INSERT ON case_fact FOR EACH ROW WHEN (NEW.status <> 'OPEN')
    EXECUTE FUNCTION case_fact_tally();
CREATE TRIGGER cases_inserted_tally AFTER INSERT ON case_fact REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION cases_inserted_tally();
