package io.wanjia.household.domain;

import static io.wanjia.household.domain.EmploymentStatus.EMPLOYED_STABLE;
import static io.wanjia.household.domain.EmploymentStatus.EMPLOYED_UNSTABLE;
import static io.wanjia.household.domain.EmploymentStatus.MILITARY;
import static io.wanjia.household.domain.EmploymentStatus.RETIRED;
import static io.wanjia.household.domain.EmploymentStatus.STUDENT;
import static io.wanjia.household.domain.EmploymentStatus.UNEMPLOYED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Period;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.wanjia.contracts.Gender;
import io.wanjia.household.domain.ZeroEmploymentRule.Why;

/** The zero-employment decision, one row per rule of DESIGN.md "Domain rules", each citing the rule it checks. */
class ZeroEmploymentRuleTest {

    private static final LocalDate ON = LocalDate.of(2026, 6, 1);

    static MemberFacts man(int age, EmploymentStatus status) {
        return member(ON.minusYears(age).minusDays(10), Gender.MALE, OccupationCategory.WORKER, LabourCapacity.FULL, true, status, false);
    }

    static MemberFacts member(LocalDate birth, Gender gender, OccupationCategory category, LabourCapacity capacity,
            boolean willing, EmploymentStatus status, boolean income) {
        return new MemberFacts(UUID.randomUUID(), birth, gender, category, capacity, willing, status, income);
    }

    static Stream<Arguments> households() {
        return Stream.of(
                row("every counted member unemployed -> zero-employment", true, Why.ALL_COUNTED_MEMBERS_OUT_OF_STABLE_WORK,
                        man(45, UNEMPLOYED), man(20, UNEMPLOYED)),
                row("one counted member in stable work -> not", false, Why.A_MEMBER_IN_STABLE_WORK,
                        man(45, UNEMPLOYED), man(22, EMPLOYED_STABLE)),
                row("unstable work does not end zero-employment", true, Why.ALL_COUNTED_MEMBERS_OUT_OF_STABLE_WORK,
                        man(45, EMPLOYED_UNSTABLE), man(20, UNEMPLOYED)),
                row("business or investment income -> not", false, Why.BUSINESS_OR_INVESTMENT_INCOME,
                        man(45, UNEMPLOYED), member(ON.minusYears(40), Gender.FEMALE, OccupationCategory.WORKER,
                                LabourCapacity.FULL, true, UNEMPLOYED, true)),
                row("a full-time student is not counted", false, Why.NO_COUNTED_MEMBER, man(19, STUDENT)),
                row("a member serving in the military is not counted", false, Why.NO_COUNTED_MEMBER, man(20, MILITARY)),
                row("an (early-)retired member is not counted", false, Why.NO_COUNTED_MEMBER, man(55, RETIRED)),
                row("a member unable to work is not counted", false, Why.NO_COUNTED_MEMBER,
                        member(ON.minusYears(40), Gender.MALE, OccupationCategory.WORKER, LabourCapacity.NONE, true, UNEMPLOYED, false)),
                row("a member partly able to work is counted", true, Why.ALL_COUNTED_MEMBERS_OUT_OF_STABLE_WORK,
                        member(ON.minusYears(40), Gender.MALE, OccupationCategory.WORKER, LabourCapacity.PARTIAL, true, UNEMPLOYED, false)),
                row("a member unwilling to work is not counted", false, Why.NO_COUNTED_MEMBER,
                        member(ON.minusYears(40), Gender.MALE, OccupationCategory.WORKER, LabourCapacity.FULL, false, UNEMPLOYED, false)),
                row("under 16 is not of working age", false, Why.NO_COUNTED_MEMBER, man(15, UNEMPLOYED)),
                row("the employed child under 16 does not matter; the counted parent is out of work", true,
                        Why.ALL_COUNTED_MEMBERS_OUT_OF_STABLE_WORK, man(15, EMPLOYED_STABLE), man(50, UNEMPLOYED)),
                row("an employed non-counted (retired) member does not end zero-employment", true,
                        Why.ALL_COUNTED_MEMBERS_OUT_OF_STABLE_WORK, man(62, EMPLOYED_STABLE), man(30, UNEMPLOYED)),
                row("no members at all -> not", false, Why.NO_COUNTED_MEMBER));
    }

    static Arguments row(String rule, boolean zero, Why why, MemberFacts... members) {
        return Arguments.of(rule, zero, why, Arrays.asList(members));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("households")
    void shouldDecideZeroEmployment(String rule, boolean zero, Why why, List<MemberFacts> members) {
        ZeroEmploymentRule.Decision decision = ZeroEmploymentRule.decide(members, ON);

        assertThat(decision.zeroEmployment()).as(rule).isEqualTo(zero);
        assertThat(decision.why()).as(rule).isEqualTo(why);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // rule, birth date, gender, category, first day NOT of working age
            "man born 1964-12 retires at 60 (before the reform), 1964-12-15, MALE, WORKER, 2024-12-15",
            "man born 1965-01 retires at 60 and 1 month (reform starts), 1965-01-15, MALE, WORKER, 2025-02-15",
            "man born 1965-05 retires at 60 and 2 months, 1965-05-20, MALE, WORKER, 2025-07-20",
            "man born 1976-09 reaches the cap of 63, 1976-09-01, MALE, WORKER, 2039-09-01",
            "man born 1990-01 also 63, 1990-01-01, MALE, CADRE, 2053-01-01",
            "woman worker born 1974-12 retires at 50, 1974-12-01, FEMALE, WORKER, 2024-12-01",
            "woman worker born 1975-01 retires at 50 and 1 month, 1975-01-10, FEMALE, WORKER, 2025-02-10",
            "woman worker born 1975-03 retires at 50 and 2 months (one month per two), 1975-03-10, FEMALE, WORKER, 2025-05-10",
            "woman worker born 1984-11 reaches the cap of 55, 1984-11-05, FEMALE, WORKER, 2039-11-05",
            "woman cadre born 1969-12 retires at 55, 1969-12-31, FEMALE, CADRE, 2024-12-31",
            "woman cadre born 1970-01 retires at 55 and 1 month, 1970-01-31, FEMALE, CADRE, 2025-02-28",
            "woman cadre born 1981-09 reaches the cap of 58, 1981-09-09, FEMALE, CADRE, 2039-09-09",
    })
    void shouldEndWorkingAgeOnTheDatedRetirementDay(String rule, LocalDate birth, Gender gender, OccupationCategory category,
            LocalDate retirement) {
        MemberFacts member = member(birth, gender, category, LabourCapacity.FULL, true, UNEMPLOYED, false);

        assertThat(member.retirementOn()).as(rule).isEqualTo(retirement);
        assertThat(ZeroEmploymentRule.counts(member, retirement.minusDays(1))).as(rule + ": the day before").isTrue();
        assertThat(ZeroEmploymentRule.counts(member, retirement)).as(rule + ": that day").isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "ages into working age on the 16th birthday, 2010-06-01, 2026-05-31, false, 2026-06-01, true",
            "ages out at retirement (man born 1966-03: 60 and 4 months), 1966-03-01, 2026-06-30, true, 2026-07-01, false",
    })
    void shouldChangeTheAnswerWhenAMemberAgesIntoOrOutOfWorkingAge(String rule, LocalDate birth, LocalDate before,
            boolean zeroBefore, LocalDate after, boolean zeroAfter) {
        List<MemberFacts> household = List.of(member(birth, Gender.MALE, OccupationCategory.WORKER, LabourCapacity.FULL, true,
                UNEMPLOYED, false));

        assertThat(ZeroEmploymentRule.decide(household, before).zeroEmployment()).as(rule).isEqualTo(zeroBefore);
        assertThat(ZeroEmploymentRule.decide(household, after).zeroEmployment()).as(rule).isEqualTo(zeroAfter);
    }

    @ParameterizedTest(name = "retirement age for {0}")
    @CsvSource({"1964-06-01, MALE, WORKER, P60Y", "1970-06-01, MALE, WORKER, P61Y5M", "1978-06-01, FEMALE, WORKER, P51Y9M", "1980-01-15, FEMALE, WORKER, P52Y7M",
            "1972-06-01, FEMALE, CADRE, P55Y8M"})
    void shouldGiveTheReformedRetirementAge(LocalDate birth, Gender gender, OccupationCategory category, Period age) {
        assertThat(RetirementAge.of(birth, gender, category)).isEqualTo(age);
    }

    @ParameterizedTest(name = "{0}: changed on {1}, counted members since {2} -> {3}")
    @CsvSource(nullValues = "null", value = {
            // The promise runs from the business date the household became zero-employment (DESIGN.md, "The clock").
            "the change completes it,                 2026-03-01, '2026-03-01,2026-01-05', 2026-03-01",
            "a member out of work before registration, 2026-03-01, 'null,2026-03-01',      2026-03-01",
            // A late report of an older change, after a newer one: not before every counted member was out of work.
            "late report of an older change,          2026-02-01, '2026-02-01,2026-02-20', 2026-02-20"})
    void shouldStartTheStateWhenItReallyStarted(String rule, LocalDate changedOn, String countedSince, LocalDate started) {
        List<LocalDate> since = Arrays.stream(countedSince.split(",")).map(d -> d.equals("null") ? null : LocalDate.parse(d)).toList();

        assertThat(ZeroEmploymentRule.startedOn(since, changedOn)).as(rule).isEqualTo(started);
    }

    @ParameterizedTest(name = "{0} because {1} -> {2}")
    @CsvSource({
            // zero-employment-ended's reasons (DESIGN.md, event catalogue): a placement of ours is PLACED...
            "PLACEMENT,     A_MEMBER_IN_STABLE_WORK,        PLACED",
            // ...any other stable job is EMPLOYED_ELSEWHERE, whoever recorded it
            "LABOUR_REPORT, A_MEMBER_IN_STABLE_WORK,        EMPLOYED_ELSEWHERE",
            "REST,          A_MEMBER_IN_STABLE_WORK,        EMPLOYED_ELSEWHERE",
            // an exit is EXITED; anything else that ends eligibility is NO_LONGER_ELIGIBLE
            "EXIT,          NO_COUNTED_MEMBER,              EXITED",
            "AGEING,        NO_COUNTED_MEMBER,              NO_LONGER_ELIGIBLE",
            "REST,          BUSINESS_OR_INVESTMENT_INCOME,  NO_LONGER_ELIGIBLE",
            "PLACEMENT,     NO_COUNTED_MEMBER,              NO_LONGER_ELIGIBLE"})
    void shouldGiveTheReasonAStateEnded(Cause cause, Why why, ZeroEmploymentRule.EndReason reason) {
        assertThat(ZeroEmploymentRule.endReason(cause, why)).isEqualTo(reason);
    }
}
