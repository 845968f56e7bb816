-- Replaying household or placement events changes nothing even after their ids left processed_event (100 days;
-- the topics keep events for ever). A case stands for one episode: its household and its day 1 (`since`); the
-- event that closed it is kept with it; a placement event is on at most one timeline.
CREATE INDEX assistance_case_episode ON assistance_case (household_id, since);
ALTER TABLE assistance_case ADD COLUMN closing_event TEXT;
ALTER TABLE case_event ADD COLUMN event_id TEXT;
CREATE UNIQUE INDEX case_event_once ON case_event (event_id) WHERE event_id IS NOT NULL;
