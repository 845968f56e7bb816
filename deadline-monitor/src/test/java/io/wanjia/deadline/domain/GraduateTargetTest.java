package io.wanjia.deadline.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When a graduate's target starts its clock, and what the member's own changes do to it (issue #17). */
class GraduateTargetTest {

    @ParameterizedTest(name = "graduated {0}, in need from {1} -> day 1 {2}")
    @CsvSource({
            // Registered after graduating (the usual case): from the registration, nobody can be placed before it is known
            "2026-06-30, 2026-09-01, 2026-09-01",
            // A need dated before the graduation: from the graduation, nobody is a graduate before it
            "2026-06-30, 2026-06-01, 2026-06-30",
            "2026-06-30, 2026-06-30, 2026-06-30"})
    void shouldStartTheClockAtTheLaterOfGraduationAndRegistration(LocalDate graduatedOn, LocalDate registeredOn, LocalDate clockFrom) {
        assertThat(GraduateTarget.clockFrom(graduatedOn, registeredOn)).isEqualTo(clockFrom);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # rule                                                        | removed | status            | counted | closes | met   | reason
            in stable work: met (DESIGN.md: stable employment ends a case)   | false   | EMPLOYED_STABLE   | true    | true   | true  | STABLE_WORK
            in unstable work: followed up, still open (DESIGN.md)            | false   | EMPLOYED_UNSTABLE | true    | false  |       |
            still out of work                                                | false   | UNEMPLOYED        | true    | false  |       |
            studying on: no longer counted, withdrawn                        | false   | STUDENT           | false   | true   | false | NO_LONGER_COUNTED: STUDENT
            unwilling or unable now: withdrawn                               | false   | UNEMPLOYED        | false   | true   | false | NO_LONGER_COUNTED: UNEMPLOYED
            moved out of the household: withdrawn                            | true    | UNEMPLOYED        | true    | true   | false | MEMBER_REMOVED
            """)
    void shouldFollowTheMembersOwnChanges(String rule, boolean removed, String status, boolean counted, boolean closes, Boolean met, String reason) {
        var closing = GraduateTarget.after(removed, status, counted);

        assertThat(closing.isPresent()).as(rule).isEqualTo(closes);
        closing.ifPresent(c -> {
            assertThat(c.met()).as(rule).isEqualTo(met);
            assertThat(c.reason()).as(rule).isEqualTo(reason);
        });
    }
}
