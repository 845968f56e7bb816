-- A public-welfare post carries how it was bought: the budget, its line, the monthly post and social-insurance subsidies
-- (README, Decisions). Other kinds carry none. Posts from before were bought without a record of it: they are marked
-- UNRECORDED (the API never accepts that value) until an officer records their funding; their wages stay as they are,
-- since the wage floor applies when a wage is set.
ALTER TABLE job_post
    ADD COLUMN funding_budget                   TEXT,
    ADD COLUMN funding_budget_line              TEXT,
    ADD COLUMN monthly_post_subsidy             NUMERIC(10, 2) CHECK (monthly_post_subsidy >= 0),
    ADD COLUMN monthly_social_insurance_subsidy NUMERIC(10, 2) CHECK (monthly_social_insurance_subsidy >= 0);

UPDATE job_post SET funding_budget = 'UNRECORDED' WHERE kind = 'PUBLIC_WELFARE';

ALTER TABLE job_post
    ADD CONSTRAINT job_post_funded_if_public_welfare CHECK ((kind = 'PUBLIC_WELFARE') = (funding_budget IS NOT NULL)),
    ADD CONSTRAINT job_post_subsidies_recorded CHECK (funding_budget IS NULL OR funding_budget = 'UNRECORDED'
        OR (monthly_post_subsidy IS NOT NULL AND monthly_social_insurance_subsidy IS NOT NULL));
