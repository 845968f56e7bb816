-- Where the household's identification (认定) stands, as household-service's events tell it: shown on the case.
ALTER TABLE assistance_case ADD COLUMN identification_stage TEXT;
-- A step scheduled for an identification's sub-deadline names the stage it watches; ladder steps have none.
ALTER TABLE case_step ADD COLUMN identification_stage TEXT;
