-- Issue #17: policies are keyed by area and cohort; '' is "every cohort" (the key cannot hold a null).
ALTER TABLE deadline_policy ADD COLUMN cohort TEXT NOT NULL DEFAULT '';
ALTER TABLE deadline_policy DROP CONSTRAINT deadline_policy_pkey;
ALTER TABLE deadline_policy ADD PRIMARY KEY (area_prefix, cohort);
