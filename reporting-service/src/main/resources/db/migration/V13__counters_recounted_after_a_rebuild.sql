-- A rebuild counts once (issue #20, bench/README.md, session 21). The counters' triggers kept `tally` and
-- `household_employment` up to date one fact at a time while a rebuild wrote a whole generation, although nothing reads
-- that generation until the rebuild switches to it: member_status_tally alone was half of PostgreSQL's work in a
-- rebuild of registrations. A rebuild's transactions now set `wanjia.counters` to 'deferred' (set_config(…, true): for
-- that transaction only), the triggers pass over those rows (the same WHEN condition on each), and recount(g) counts
-- generation g from its facts once they are read, before the last stretch — which the switch's transaction reads with
-- the triggers counting on top, as live consumption does. Live consumption sets nothing: its triggers fire as before.
--
-- recount gives each counter the sum of what the triggers add for the facts as they end up (every trigger adds a row's
-- new contribution and takes back its old one), and household_employment what member_status_tally keeps: the same
-- figures. (One case could differ, which the projection does not write: two episodes of one household inserted by one
-- statement. The statement trigger (V12) sees each beside the other and counts neither as 双就业; recount counts the
-- household as it counts one whose episodes came one statement at a time.)

DROP TRIGGER episode_cohort_changed ON episode;
CREATE TRIGGER episode_cohort_changed AFTER UPDATE ON episode FOR EACH ROW
    WHEN ((NEW.cohort <> 'STANDARD' AND (OLD.ended_on IS DISTINCT FROM NEW.ended_on OR OLD.district_code <> NEW.district_code))
          AND current_setting('wanjia.counters', true) IS DISTINCT FROM 'deferred')
    EXECUTE FUNCTION episode_cohort_tally();

DROP TRIGGER episode_cohort_started ON episode;
CREATE TRIGGER episode_cohort_started AFTER INSERT ON episode FOR EACH ROW
    WHEN ((NEW.cohort <> 'STANDARD') AND current_setting('wanjia.counters', true) IS DISTINCT FROM 'deferred')
    EXECUTE FUNCTION episode_cohort_tally();

DROP TRIGGER episode_tally ON episode;
CREATE TRIGGER episode_tally AFTER UPDATE ON episode FOR EACH ROW
    WHEN (current_setting('wanjia.counters', true) IS DISTINCT FROM 'deferred')
    EXECUTE FUNCTION episode_tally();

DROP TRIGGER episodes_inserted_tally ON episode;
CREATE TRIGGER episodes_inserted_tally AFTER INSERT ON episode REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT
    WHEN (current_setting('wanjia.counters', true) IS DISTINCT FROM 'deferred')
    EXECUTE FUNCTION episodes_inserted_tally();

DROP TRIGGER case_fact_inserted_closed_tally ON case_fact;
CREATE TRIGGER case_fact_inserted_closed_tally AFTER INSERT ON case_fact FOR EACH ROW
    WHEN ((NEW.status <> 'OPEN') AND current_setting('wanjia.counters', true) IS DISTINCT FROM 'deferred')
    EXECUTE FUNCTION case_fact_tally();

DROP TRIGGER case_fact_tally ON case_fact;
CREATE TRIGGER case_fact_tally AFTER UPDATE ON case_fact FOR EACH ROW
    WHEN (current_setting('wanjia.counters', true) IS DISTINCT FROM 'deferred')
    EXECUTE FUNCTION case_fact_tally();

DROP TRIGGER cases_inserted_tally ON case_fact;
CREATE TRIGGER cases_inserted_tally AFTER INSERT ON case_fact REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT
    WHEN (current_setting('wanjia.counters', true) IS DISTINCT FROM 'deferred')
    EXECUTE FUNCTION cases_inserted_tally();

DROP TRIGGER escalation_fact_tally ON escalation_fact;
CREATE TRIGGER escalation_fact_tally AFTER INSERT ON escalation_fact FOR EACH ROW
    WHEN (current_setting('wanjia.counters', true) IS DISTINCT FROM 'deferred')
    EXECUTE FUNCTION escalation_fact_tally();

DROP TRIGGER placement_fact_tally ON placement_fact;
CREATE TRIGGER placement_fact_tally AFTER INSERT ON placement_fact FOR EACH ROW
    WHEN (current_setting('wanjia.counters', true) IS DISTINCT FROM 'deferred')
    EXECUTE FUNCTION placement_fact_tally();

DROP TRIGGER public_welfare_post_placed ON placement_fact;
CREATE TRIGGER public_welfare_post_placed AFTER INSERT ON placement_fact FOR EACH ROW
    WHEN ((NEW.kind = 'PUBLIC_WELFARE') AND current_setting('wanjia.counters', true) IS DISTINCT FROM 'deferred')
    EXECUTE FUNCTION public_welfare_post_tally();

DROP TRIGGER public_welfare_post_ended ON placement_fact;
CREATE TRIGGER public_welfare_post_ended AFTER UPDATE ON placement_fact FOR EACH ROW
    WHEN ((NEW.kind = 'PUBLIC_WELFARE' AND OLD.ended_on IS NULL AND NEW.ended_on IS NOT NULL)
          AND current_setting('wanjia.counters', true) IS DISTINCT FROM 'deferred')
    EXECUTE FUNCTION public_welfare_post_tally();

DROP TRIGGER member_status_tally ON member_status;
CREATE TRIGGER member_status_tally AFTER INSERT OR UPDATE ON member_status FOR EACH ROW
    WHEN (current_setting('wanjia.counters', true) IS DISTINCT FROM 'deferred')
    EXECUTE FUNCTION member_status_tally();

DROP TRIGGER report_fact_tally ON report_fact;
CREATE TRIGGER report_fact_tally AFTER INSERT ON report_fact FOR EACH ROW
    WHEN (current_setting('wanjia.counters', true) IS DISTINCT FROM 'deferred')
    EXECUTE FUNCTION report_fact_tally();

DROP TRIGGER identification_fact_tally ON identification_fact;
CREATE TRIGGER identification_fact_tally AFTER INSERT ON identification_fact FOR EACH ROW
    WHEN (current_setting('wanjia.counters', true) IS DISTINCT FROM 'deferred')
    EXECUTE FUNCTION identification_fact_tally();

DROP TRIGGER training_fact_tally ON training_fact;
CREATE TRIGGER training_fact_tally AFTER INSERT OR UPDATE ON training_fact FOR EACH ROW
    WHEN (current_setting('wanjia.counters', true) IS DISTINCT FROM 'deferred')
    EXECUTE FUNCTION training_fact_tally();

DROP TRIGGER target_case_fact_tally ON target_case_fact;
CREATE TRIGGER target_case_fact_tally AFTER INSERT OR UPDATE ON target_case_fact FOR EACH ROW
    WHEN (current_setting('wanjia.counters', true) IS DISTINCT FROM 'deferred')
    EXECUTE FUNCTION target_case_fact_tally();

-- Generation g's counters from its facts, as the triggers above (V2–V12) would have left them. A figure added to a
-- trigger is added here too, or a rebuild loses it (RecountIT and RebuildAndDashboardIT compare every counter).
CREATE FUNCTION recount(g INT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM tally_delta WHERE generation = g;
    DELETE FROM tally WHERE generation = g;
    DELETE FROM household_employment WHERE generation = g;
    -- A household's members share its district (a household never changes district: one that moves is registered
    -- anew where it arrives). A household none of whose members is in work has no row, or a row of 0: the same figures.
    INSERT INTO household_employment (generation, household_id, district_code, employed)
    SELECT g, household_id, min(district_code), count(*) FROM member_status WHERE generation = g AND employed GROUP BY household_id;
    INSERT INTO tally (generation, figure, district_code, day, detail, n)
    SELECT g, figure, district_code, day, detail, sum(n) FROM (
        SELECT CASE WHEN transferred_from IS NULL THEN 'newly' ELSE 'moved_in' END AS figure, district_code,
               CASE WHEN transferred_from IS NULL THEN since ELSE transferred_on END AS day, ''::text AS detail, 1::bigint AS n
        FROM episode WHERE generation = g
        UNION ALL
        SELECT CASE WHEN ended_on IS NULL THEN 'open' ELSE 'eliminated' END, district_code, coalesce(ended_on, '-infinity'),
               CASE WHEN ended_on IS NULL THEN '' ELSE coalesce(end_reason, '') END, 1
        FROM episode WHERE generation = g
        UNION ALL
        SELECT 'cohort_open', district_code, '-infinity', cohort, 1 FROM episode
        WHERE generation = g AND ended_on IS NULL AND cohort <> 'STANDARD'
        UNION ALL
        SELECT 'double', h.district_code, '-infinity', '', 1 FROM household_employment h
        WHERE h.generation = g AND h.employed >= 2
          AND EXISTS (SELECT 1 FROM episode e WHERE e.generation = g AND e.household_id = h.household_id)
        UNION ALL
        SELECT 'open_case', district_code, coalesce(clock_from, since), coalesce(last_day::text, ''), 1 FROM case_fact
        WHERE generation = g AND status = 'OPEN'
        UNION ALL
        SELECT 'closed', district_code, closed_on, coalesce(outcome, ''), 1 FROM case_fact
        WHERE generation = g AND status <> 'OPEN' AND closed_on IS NOT NULL
        UNION ALL
        SELECT 'closed_days', district_code, closed_on, days::text, 1 FROM case_fact
        WHERE generation = g AND status <> 'OPEN' AND closed_on IS NOT NULL AND outcome IN ('MET', 'MET_LATE') AND days IS NOT NULL
        UNION ALL
        SELECT 'channel_days', district_code, closed_on, channel || ':' || days, 1 FROM case_fact
        WHERE generation = g AND status <> 'OPEN' AND closed_on IS NOT NULL AND outcome IN ('MET', 'MET_LATE') AND days IS NOT NULL
          AND channel IS NOT NULL
        UNION ALL
        SELECT 'escalation', district_code, due_on, level, 1 FROM escalation_fact WHERE generation = g
        UNION ALL
        SELECT 'placement', district_code, start_date, kind, 1 FROM placement_fact WHERE generation = g
        UNION ALL
        SELECT 'pw_held', district_code, start_date, '', 1 FROM placement_fact WHERE generation = g AND kind = 'PUBLIC_WELFARE'
        UNION ALL
        SELECT 'pw_held', district_code, ended_on, '', -1 FROM placement_fact
        WHERE generation = g AND kind = 'PUBLIC_WELFARE' AND ended_on IS NOT NULL
        UNION ALL
        SELECT 'pw_cost', district_code, start_date, '', round(coalesce(monthly_subsidy, 0) * 100)::bigint FROM placement_fact
        WHERE generation = g AND kind = 'PUBLIC_WELFARE'
        UNION ALL
        SELECT 'pw_cost', district_code, ended_on, '', -round(coalesce(monthly_subsidy, 0) * 100)::bigint FROM placement_fact
        WHERE generation = g AND kind = 'PUBLIC_WELFARE' AND ended_on IS NOT NULL
        UNION ALL
        SELECT 'report', district_code, occurred_on, '', reports FROM report_fact WHERE generation = g
        UNION ALL
        SELECT 'identified', district_code, confirmed_on, '', 1 FROM identification_fact WHERE generation = g
        UNION ALL
        SELECT 'referred', district_code, referred_on, '', 1 FROM training_fact WHERE generation = g
        UNION ALL
        SELECT 'trained', district_code, ended_on, outcome, 1 FROM training_fact WHERE generation = g AND outcome IS NOT NULL
        UNION ALL
        SELECT 'target_open', district_code, '-infinity', target, 1 FROM target_case_fact WHERE generation = g AND closed_on IS NULL
        UNION ALL
        SELECT 'target_closed', district_code, closed_on, target || ':' || outcome, 1 FROM target_case_fact
        WHERE generation = g AND closed_on IS NOT NULL
    ) contributions
    GROUP BY figure, district_code, day, detail;
END $$;

-- Nothing has read member_status by household since household_employment counts a household's members in work (V2); its
-- partial index still took a write for every member in work (an import's every member) and kept a member's change of work
-- from being a HOT update.
DROP INDEX member_status_household;
