-- Issue #17: a shantytown-relocation household's target (a job within 60 days) runs from the date it moved back
-- (棚改回迁); the cohort and this date come from registration or a case worker's change.
ALTER TABLE household ADD COLUMN moved_back_on DATE;
ALTER TABLE household ADD CONSTRAINT moved_back_only_for_relocation
    CHECK (moved_back_on IS NULL OR cohort = 'SHANTYTOWN_RELOCATION');
