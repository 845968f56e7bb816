-- Issue #17: the GRADUATE member-level target. A household on the minimum living allowance (低保) is in difficulty as a
-- zero-employment one is; a member's graduation date (大中专毕业生) makes them a graduate; graduate_need_since is the
-- business date the member last became a graduate in need (graduate-registered published then; null while not in need),
-- so the event goes out once per need, not at every decision.
ALTER TABLE household ADD COLUMN minimum_living_allowance BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE member ADD COLUMN graduated_on DATE;
ALTER TABLE member ADD COLUMN graduate_need_since DATE;
