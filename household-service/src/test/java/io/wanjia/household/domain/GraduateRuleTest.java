package io.wanjia.household.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Period;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.wanjia.contracts.Gender;
import io.wanjia.household.domain.GraduateRule.Ground;

/**
 * Who is a graduate in need (issue #17; the seed's 2007 "确保困难家庭大中专毕业生实现就业"), one row per rule, each citing where
 * it comes from.
 */
class GraduateRuleTest {

    private static final LocalDate ON = LocalDate.of(2026, 9, 1);
    private static final Period RECENT = Period.ofYears(2);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # rule                                                         | graduated  | age | status            | capacity | willing | 低保  | ZE    | in need
            a 低保 household's unemployed graduate (seed: 困难家庭毕业生)        | 2026-07-01 | 22  | UNEMPLOYED        | FULL     | true    | true  | false | true
            a zero-employment household's graduate (seed: 零就业家庭子女)        | 2026-07-01 | 22  | UNEMPLOYED        | FULL     | true    | false | true  | true
            both grounds at once                                              | 2026-07-01 | 22  | UNEMPLOYED        | FULL     | true    | true  | true  | true
            a household in no difficulty: not the programme's                 | 2026-07-01 | 22  | UNEMPLOYED        | FULL     | true    | false | false | false
            not a graduate (no graduation date)                               |            | 22  | UNEMPLOYED        | FULL     | true    | true  | false | false
            graduating later than the date: not a graduate yet                | 2026-09-02 | 22  | UNEMPLOYED        | FULL     | true    | true  | false | false
            graduated on the date itself                                      | 2026-09-01 | 22  | UNEMPLOYED        | FULL     | true    | true  | false | true
            graduated just within the recent period (离校两年内)                | 2024-09-02 | 24  | UNEMPLOYED        | FULL     | true    | true  | false | true
            graduated two years ago to the day: no longer recent              | 2024-09-01 | 24  | UNEMPLOYED        | FULL     | true    | true  | false | false
            in stable work: placed already (DESIGN.md: stable work ends a case) | 2026-07-01 | 22  | EMPLOYED_STABLE   | FULL     | true    | true  | false | false
            in unstable work: not placed yet (DESIGN.md: does not end a case)  | 2026-07-01 | 22  | EMPLOYED_UNSTABLE | FULL     | true    | true  | false | true
            studying on (a postgraduate): not counted                         | 2026-07-01 | 22  | STUDENT           | FULL     | true    | true  | false | false
            serving in the military: not counted                              | 2026-07-01 | 22  | MILITARY          | FULL     | true    | true  | false | false
            unable to work: not counted                                       | 2026-07-01 | 22  | UNEMPLOYED        | NONE     | true    | true  | false | false
            partly able to work: counted                                      | 2026-07-01 | 22  | UNEMPLOYED        | PARTIAL  | true    | true  | false | true
            unwilling to work: not counted                                    | 2026-07-01 | 22  | UNEMPLOYED        | FULL     | false   | true  | false | false
            """)
    void shouldDecideWhoIsAGraduateInNeed(String rule, LocalDate graduatedOn, int age, EmploymentStatus status, LabourCapacity capacity,
            boolean willing, boolean allowance, boolean zeroEmployment, boolean inNeed) {
        MemberFacts member = new MemberFacts(UUID.randomUUID(), ON.minusYears(age).minusDays(40), Gender.FEMALE, OccupationCategory.WORKER,
                capacity, willing, status, false);

        assertThat(GraduateRule.inNeed(member, graduatedOn, GraduateRule.grounds(allowance, zeroEmployment), ON, RECENT)).as(rule)
                .isEqualTo(inNeed);
    }

    @ParameterizedTest(name = "低保 {0}, zero-employment {1} -> {2}")
    @CsvSource({
            "true,  false, MINIMUM_LIVING_ALLOWANCE",
            "false, true,  ZERO_EMPLOYMENT",
            "true,  true,  MINIMUM_LIVING_ALLOWANCE ZERO_EMPLOYMENT",
            "false, false, ''"})
    void shouldNameTheGroundsOfTheHouseholdsDifficulty(boolean allowance, boolean zeroEmployment, String expected) {
        Set<Ground> grounds = EnumSet.noneOf(Ground.class);
        for (String g : expected.split(" ")) {
            if (!g.isBlank()) {
                grounds.add(Ground.valueOf(g));
            }
        }
        assertThat(GraduateRule.grounds(allowance, zeroEmployment)).isEqualTo(grounds);
    }
}
