-- Transfers between districts (#18): a household that moved here from another district of the city mid-episode is not
-- newly found here — it was found there, on the same first day. Its episode counts as moved in ('moved_in', on the day it
-- arrived), not as newly found; the old district's episode ends with reason TRANSFERRED ('eliminated:TRANSFERRED': moved
-- out, on the day it left — the day it arrived).
ALTER TABLE episode ADD COLUMN transferred_from TEXT;
ALTER TABLE episode ADD COLUMN transferred_on DATE;

CREATE OR REPLACE FUNCTION episode_tally() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    district TEXT;
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.transferred_from IS NULL THEN
            PERFORM tally_add(NEW.generation, 'newly', NEW.district_code, NEW.since, '', 1);
        ELSE
            PERFORM tally_add(NEW.generation, 'moved_in', NEW.district_code, NEW.transferred_on, '', 1);
        END IF;
        SELECT h.district_code INTO district FROM household_employment h
        WHERE h.generation = NEW.generation AND h.household_id = NEW.household_id AND h.employed >= 2;
        IF FOUND AND NOT EXISTS (SELECT 1 FROM episode e WHERE e.generation = NEW.generation AND e.household_id = NEW.household_id
                AND e.since <> NEW.since) THEN
            PERFORM tally_add(NEW.generation, 'double', district, '-infinity', '', 1);
        END IF;
    ELSE
        IF NEW.since <> OLD.since OR NEW.district_code <> OLD.district_code THEN
            IF OLD.transferred_from IS NULL THEN
                PERFORM tally_add(OLD.generation, 'newly', OLD.district_code, OLD.since, '', -1);
                PERFORM tally_add(NEW.generation, 'newly', NEW.district_code, NEW.since, '', 1);
            END IF;
        END IF;
        IF (OLD.ended_on, OLD.end_reason) IS NOT DISTINCT FROM (NEW.ended_on, NEW.end_reason) AND NEW.district_code = OLD.district_code THEN
            RETURN NULL;
        END IF;
        IF OLD.ended_on IS NULL THEN
            PERFORM tally_add(OLD.generation, 'open', OLD.district_code, '-infinity', '', -1);
        ELSE
            PERFORM tally_add(OLD.generation, 'eliminated', OLD.district_code, OLD.ended_on, coalesce(OLD.end_reason, ''), -1);
        END IF;
    END IF;
    IF NEW.ended_on IS NULL THEN
        PERFORM tally_add(NEW.generation, 'open', NEW.district_code, '-infinity', '', 1);
    ELSE
        PERFORM tally_add(NEW.generation, 'eliminated', NEW.district_code, NEW.ended_on, coalesce(NEW.end_reason, ''), 1);
    END IF;
    RETURN NULL;
END $$;
