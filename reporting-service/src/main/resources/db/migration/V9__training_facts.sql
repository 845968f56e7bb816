-- Issue #17: training referrals (技能培训) and how they ended, from placement-service's training-referred and
-- training-completed events: figure 'referred' on the referral's date, 'trained' on the day it ended, by outcome.
CREATE TABLE training_fact (
    generation     INT   NOT NULL,
    referral_id    UUID  NOT NULL,
    district_code  TEXT  NOT NULL,
    referred_on    DATE  NOT NULL,
    outcome        TEXT,
    ended_on       DATE,
    PRIMARY KEY (generation, referral_id)
);

CREATE FUNCTION training_fact_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM tally_add(NEW.generation, 'referred', NEW.district_code, NEW.referred_on, '', 1);
    ELSIF OLD.outcome IS NULL AND NEW.outcome IS NOT NULL THEN
        PERFORM tally_add(NEW.generation, 'trained', NEW.district_code, NEW.ended_on, NEW.outcome, 1);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER training_fact_tally AFTER INSERT OR UPDATE ON training_fact FOR EACH ROW EXECUTE FUNCTION training_fact_tally();
