-- A post is offered within its own area unless its district opens it to the whole city (README, Decisions). Posts
-- from before were suggested city-wide to officers who could not offer them; they now stay in their district until
-- an officer opens them.
ALTER TABLE job_post ADD COLUMN open_to_city BOOLEAN NOT NULL DEFAULT false;
