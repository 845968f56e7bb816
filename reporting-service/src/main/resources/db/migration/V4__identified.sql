-- 认定: households the district confirmed as zero-employment (wanjia.household.identification-confirmed.v1), counted
-- apart from those detected (episodes started): figure 'identified' on the confirmation date.
CREATE TABLE identification_fact (
    generation          INT   NOT NULL,
    identification_id   UUID  NOT NULL,
    household_id        UUID  NOT NULL,
    district_code       TEXT  NOT NULL,
    confirmed_on        DATE  NOT NULL,
    PRIMARY KEY (generation, identification_id)
);

CREATE FUNCTION identification_fact_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM tally_add(NEW.generation, 'identified', NEW.district_code, NEW.confirmed_on, '', 1);
    RETURN NULL;
END $$;
CREATE TRIGGER identification_fact_tally AFTER INSERT ON identification_fact FOR EACH ROW EXECUTE FUNCTION identification_fact_tally();
