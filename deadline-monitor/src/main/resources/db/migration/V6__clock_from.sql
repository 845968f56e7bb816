-- Day 1 of the promise (issue #16): the episode's first day, or, under a policy whose clock starts at the
-- identification's confirmation (认定), the confirmation's date. Until then the case is open without a deadline.
ALTER TABLE assistance_case ADD COLUMN clock_from DATE;
UPDATE assistance_case SET clock_from = since;
ALTER TABLE assistance_case ALTER COLUMN last_day DROP NOT NULL;
ALTER TABLE assistance_case ALTER COLUMN deadline_at DROP NOT NULL;
ALTER TABLE assistance_case ADD CONSTRAINT clock_and_deadline_together
    CHECK ((clock_from IS NULL) = (last_day IS NULL) AND (clock_from IS NULL) = (deadline_at IS NULL));
