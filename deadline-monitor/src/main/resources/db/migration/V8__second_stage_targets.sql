-- Issue #17: second-stage targets after the first placement, each a case of its own with its own policy —
-- DOUBLE_EMPLOYMENT (a second counted member in stable work) and UNSTABLE_TO_STABLE (a placed member's unstable work
-- made stable, one case per member) — beside the household's promise (HOUSEHOLD, every case before this release).
ALTER TABLE assistance_case ADD COLUMN target TEXT NOT NULL DEFAULT 'HOUSEHOLD';
ALTER TABLE assistance_case ADD COLUMN member_id UUID;
DROP INDEX assistance_case_one_open;
-- One open promise per household ('HOUSEHOLD' written into the queries so the planner uses this index) ...
CREATE UNIQUE INDEX assistance_case_one_open ON assistance_case (household_id) WHERE status = 'OPEN' AND target = 'HOUSEHOLD';
-- ... and one open case per second-stage target and member (a household's DOUBLE_EMPLOYMENT has none).
CREATE UNIQUE INDEX assistance_case_one_open_target ON assistance_case (household_id, target, coalesce(member_id, '00000000-0000-0000-0000-000000000000'))
    WHERE status = 'OPEN' AND target <> 'HOUSEHOLD';

-- A policy is set for an area prefix, a cohort ('' every cohort) and a target: a second-stage target has no built-in
-- policy, so it is off wherever none is set.
ALTER TABLE deadline_policy ADD COLUMN target TEXT NOT NULL DEFAULT 'HOUSEHOLD';
ALTER TABLE deadline_policy DROP CONSTRAINT deadline_policy_pkey;
ALTER TABLE deadline_policy ADD PRIMARY KEY (area_prefix, cohort, target);
