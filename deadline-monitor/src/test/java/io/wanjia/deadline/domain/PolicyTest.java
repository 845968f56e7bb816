package io.wanjia.deadline.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.wanjia.contracts.Cohort;

/**
 * Which policy a case gets (DESIGN.md "Cohorts and later targets": policies keyed by area and cohort, most specific wins;
 * the seed's 2007 target for relocated shantytown residents is 60 days from moving back), where its clock starts, and
 * policy snapshots as cases keep them.
 */
class PolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final LadderStep BREACH = Policy.standard("").breach();
    /** Liaoning 25 days, Shenyang 30, Shenyang's relocated residents 90, Heping district 15 — all calendar days. */
    private static final List<Policy> SET = List.of(
            new Policy("21", 25, DayKind.CALENDAR, List.of(), BREACH, 5),
            new Policy("2101", 30, DayKind.CALENDAR, List.of(), BREACH, 5),
            new Policy("2101", Cohort.SHANTYTOWN_RELOCATION, null, 90, DayKind.CALENDAR, List.of(), BREACH, 5, null, ClockStart.MOVE_BACK),
            new Policy("210102", 15, DayKind.CALENDAR, List.of(), BREACH, 5));

    @ParameterizedTest(name = "{0} {1} -> {2} days")
    @CsvSource({
            // The longest prefix of the general policies
            "210102, STANDARD,              15",
            "210202, STANDARD,              25",
            // None set for Beijing: the built-in 20 days (DESIGN.md's default)
            "110101, STANDARD,              20",
            // A cohort's policy beats a general one whatever their prefixes: Shenyang's rule for relocated residents
            // stands against Heping's general ladder
            "210102, SHANTYTOWN_RELOCATION, 90",
            // Outside Shenyang the built-in 60 days for relocated residents beats Liaoning's general 25
            "210202, SHANTYTOWN_RELOCATION, 60",
            "110101, SHANTYTOWN_RELOCATION, 60",
            // A cohort nobody set a policy for takes the general one; so does a cohort this service does not know
            "210102, GRADUATE_FAMILY,       15",
            "210102,                      , 15"})
    void shouldChooseTheMostSpecificPolicyByCohortThenArea(String district, Cohort cohort, int lengthDays) {
        assertThat(Policy.forCase(SET, district, cohort).lengthDays()).isEqualTo(lengthDays);
    }

    @Test
    void shouldPreferAStoredPolicyToTheBuiltInOneOfTheSameScope() {
        Policy everywhere = new Policy("", 22, DayKind.CALENDAR, List.of(), BREACH, 5);

        assertThat(Policy.forCase(List.of(everywhere), "110101", Cohort.STANDARD)).isEqualTo(everywhere);
        assertThat(Policy.forCase(List.of(everywhere), "110101", Cohort.SHANTYTOWN_RELOCATION)).isEqualTo(Policy.shantytownRelocation());
    }

    @Test
    void shouldGiveRelocatedResidentsSixtyDaysFromMovingBackWithTheirOwnLadder() {
        Policy relocation = Policy.shantytownRelocation();

        assertThat(relocation.lengthDays()).isEqualTo(60);
        assertThat(relocation.clockStarts()).isEqualTo(ClockStart.MOVE_BACK);
        assertThat(relocation.ladder()).extracting(LadderStep::day, LadderStep::level)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(30, Level.COMMUNITY), org.assertj.core.groups.Tuple.tuple(45, Level.STREET),
                        org.assertj.core.groups.Tuple.tuple(55, Level.DISTRICT));
        assertThat(relocation.breach().day()).isEqualTo(61);
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource({
            // No built-in policy: a second-stage target is off wherever none is set
            "210202, STANDARD,              DOUBLE_EMPLOYMENT,  ",
            // Shenyang turns 双就业 on (90 days); Heping's general 15-day policy is for the promise, not for it
            "210102, STANDARD,              DOUBLE_EMPLOYMENT,  90",
            // Heping's own unstable-to-stable limit
            "210102, STANDARD,              UNSTABLE_TO_STABLE, 45",
            "210103, STANDARD,              UNSTABLE_TO_STABLE, ",
            // The promise is untouched by second-stage policies
            "210102, STANDARD,              HOUSEHOLD,          15",
            // GRADUATE is on everywhere with its built-in 60 days (the seed: those graduates must be placed) ...
            "210202, STANDARD,              GRADUATE,           60",
            // ... and a district's own policy for it wins
            "210103, GRADUATE_FAMILY,       GRADUATE,           30"})
    void shouldTurnASecondStageTargetOnOnlyWherePolicySetsIt(String district, Cohort cohort, Target target, Integer lengthDays) {
        List<Policy> set = new java.util.ArrayList<>(SET);
        set.add(new Policy("2101", null, Target.DOUBLE_EMPLOYMENT, 90, DayKind.CALENDAR, List.of(), BREACH, 5, null, null));
        set.add(new Policy("210102", null, Target.UNSTABLE_TO_STABLE, 45, DayKind.CALENDAR, List.of(), BREACH, 5, null, null));
        set.add(new Policy("210103", null, Target.GRADUATE, 30, DayKind.CALENDAR, List.of(), BREACH, 5, null, null));

        Integer chosen = target == Target.HOUSEHOLD ? Integer.valueOf(Policy.forCase(set, district, cohort).lengthDays())
                : Policy.forTarget(set, district, cohort, target).map(Policy::lengthDays).orElse(null);
        assertThat(chosen).isEqualTo(lengthDays);
    }

    @ParameterizedTest(name = "{0}: detected {1}, moved back {2} -> day 1 {3}")
    @CsvSource({
            "ZERO_EMPLOYMENT, 2026-03-10, ,           2026-03-10",
            // The clock waits for the identification's confirmation (#16)
            "CONFIRMATION,    2026-03-10, ,           ",
            // Found zero-employment while still relocated: the 60 days run from moving back
            "MOVE_BACK,       2026-03-10, 2026-04-01, 2026-04-01",
            // Found after moving back: nobody could be placed before the household was known, so from detection
            "MOVE_BACK,       2026-03-10, 2026-01-15, 2026-03-10",
            // The move-back date not on the register: from detection
            "MOVE_BACK,       2026-03-10, ,           2026-03-10"})
    void shouldStartTheClock(ClockStart start, LocalDate since, LocalDate movedBackOn, LocalDate clockFrom) {
        assertThat(start.clockFrom(since, movedBackOn)).isEqualTo(clockFrom);
    }

    @Test
    void shouldReadASnapshotFromBeforeCohortsAndTheIdentificationWithTheDefaults() throws Exception {
        Policy policy = JSON.readValue("""
                {"areaPrefix": "2101", "lengthDays": 20, "dayKind": "CALENDAR", "repeatEveryDays": 5,
                 "ladder": [{"day": 10, "level": "COMMUNITY", "recipientRole": "caseworker", "areaDigits": 6}],
                 "breach": {"day": 21, "level": "CITY", "recipientRole": "supervisor", "areaDigits": 4}}""", Policy.class);

        assertThat(policy.cohort()).as("every cohort").isNull();
        assertThat(policy.identification()).isEqualTo(IdentificationDeadlines.STANDARD);
        assertThat(policy.clockStarts()).isEqualTo(ClockStart.ZERO_EMPLOYMENT);
    }

    @Test
    void shouldKeepItsCohortAndWhereItsClockStartsInItsSnapshot() throws Exception {
        Policy relocation = Policy.shantytownRelocation();
        Policy atConfirmation = new Policy("210106", null, null, 20, DayKind.CALENDAR, List.of(), BREACH, 5, null,
                ClockStart.CONFIRMATION);

        assertThat(JSON.readValue(JSON.writeValueAsString(relocation), Policy.class)).isEqualTo(relocation);
        assertThat(JSON.readValue(JSON.writeValueAsString(atConfirmation), Policy.class)).isEqualTo(atConfirmation);
    }
}
