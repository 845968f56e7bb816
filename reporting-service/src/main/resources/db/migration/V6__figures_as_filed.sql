-- Issue #17: the figures as a bureau files them.

-- 1. An episode's end is tallied by its reason, so that 'eliminated' (消除) counts households out of zero-employment
--    into work (PLACED, EMPLOYED_ELSEWHERE) apart from exits (EXITED) and ineligibility (NO_LONGER_ELIGIBLE). And a
--    household's first episode counts it as 双就业 if two of its counted members are already in stable work (the
--    other order of the rule in member_status_tally below).
CREATE OR REPLACE FUNCTION episode_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM tally_add(NEW.generation, 'newly', NEW.district_code, NEW.since, '', 1);
        IF NOT EXISTS (SELECT 1 FROM episode e WHERE e.generation = NEW.generation AND e.household_id = NEW.household_id
                AND e.since <> NEW.since) THEN
            PERFORM tally_add(h.generation, 'double', h.district_code, '-infinity', '', 1) FROM household_employment h
            WHERE h.generation = NEW.generation AND h.household_id = NEW.household_id AND h.employed >= 2;
        END IF;
    ELSE
        IF NEW.since <> OLD.since OR NEW.district_code <> OLD.district_code THEN
            PERFORM tally_add(OLD.generation, 'newly', OLD.district_code, OLD.since, '', -1);
            PERFORM tally_add(NEW.generation, 'newly', NEW.district_code, NEW.since, '', 1);
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

DELETE FROM tally_delta WHERE figure = 'eliminated';
DELETE FROM tally WHERE figure = 'eliminated';
INSERT INTO tally (generation, figure, district_code, day, detail, n)
SELECT generation, 'eliminated', district_code, ended_on, coalesce(end_reason, ''), count(*) FROM episode
WHERE ended_on IS NOT NULL GROUP BY generation, district_code, ended_on, coalesce(end_reason, '');

-- 2. 双就业: a household with two counted members in stable work (member_status.employed now means counted and
--    EMPLOYED_STABLE: the projection writes it so; rows written before keep "any work" until a rebuild), among the
--    households that were zero-employment.
CREATE OR REPLACE FUNCTION member_status_tally() RETURNS trigger LANGUAGE plpgsql AS $$
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
    IF NOT EXISTS (SELECT 1 FROM episode e WHERE e.generation = NEW.generation AND e.household_id = NEW.household_id) THEN
        RETURN NULL; -- never zero-employment: not a 双就业 household of the programme (its first episode counts it then)
    END IF;
    IF now_employed >= 2 AND now_employed - delta < 2 THEN
        PERFORM tally_add(NEW.generation, 'double', district, '-infinity', '', 1);
    ELSIF now_employed < 2 AND now_employed - delta >= 2 THEN
        PERFORM tally_add(NEW.generation, 'double', district, '-infinity', '', -1);
    END IF;
    RETURN NULL;
END $$;

DELETE FROM tally_delta WHERE figure = 'double';
DELETE FROM tally WHERE figure = 'double';
INSERT INTO tally (generation, figure, district_code, day, detail, n)
SELECT h.generation, 'double', h.district_code, '-infinity', '', count(*) FROM household_employment h
WHERE h.employed >= 2 AND EXISTS (SELECT 1 FROM episode e WHERE e.generation = h.generation AND e.household_id = h.household_id)
GROUP BY h.generation, h.district_code;

-- 3. People who resumed social-insurance contributions: members placed in work that pays them.
ALTER TABLE placement_fact ADD COLUMN social_insurance BOOLEAN NOT NULL DEFAULT false;
