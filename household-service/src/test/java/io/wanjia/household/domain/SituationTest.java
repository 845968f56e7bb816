package io.wanjia.household.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How a member's situation moves, by what brought the change: one row per rule, the situation before (status,
 * since, placement) and after, or "-" where the change does not apply. Placements are named P1 and P2.
 */
class SituationTest {

    private static final UUID P1 = UUID.randomUUID();
    private static final UUID P2 = UUID.randomUUID();

    @ParameterizedTest(name = "{0}: {1} since {2} ({3}) + {4} {5} on {6} ({7}) -> {8} since {9} ({10})")
    @CsvSource(nullValues = "null", value = {
            // A labour report sets the status and its date, and ends any placement the member had.
            "report of unemployment,      EMPLOYED_STABLE,   2026-01-05, P1,   REPORTED, UNEMPLOYED,       2026-03-01, null, UNEMPLOYED,       2026-03-01, null",
            "report of a stable job,      UNEMPLOYED,        2026-01-05, null, REPORTED, EMPLOYED_STABLE,  2026-03-01, null, EMPLOYED_STABLE,  2026-03-01, null",
            "report on the same date,     UNEMPLOYED,        2026-03-01, null, REPORTED, EMPLOYED_STABLE,  2026-03-01, null, EMPLOYED_STABLE,  2026-03-01, null",
            // ...unless the register knows a newer fact: reports arrive late and out of order.
            "late report loses,           EMPLOYED_STABLE,   2026-03-01, null, REPORTED, UNEMPLOYED,       2026-02-01, null, -,                null,       null",
            "unknown date never newer,    UNEMPLOYED,        null,       null, REPORTED, UNEMPLOYED,       2020-01-01, null, UNEMPLOYED,       2020-01-01, null",
            // A placement records where the job came from; an older one loses like a report.
            "placement,                   UNEMPLOYED,        2026-01-05, null, PLACED,   EMPLOYED_STABLE,  2026-03-01, P1,   EMPLOYED_STABLE,  2026-03-01, P1",
            "placement judged unstable,   UNEMPLOYED,        2026-01-05, null, PLACED,   EMPLOYED_UNSTABLE, 2026-03-01, P1,  EMPLOYED_UNSTABLE, 2026-03-01, P1",
            "placement older than known,  EMPLOYED_STABLE,   2026-03-01, null, PLACED,   EMPLOYED_STABLE,  2026-02-01, P1,   -,                null,       null",
            // The end of a placement makes the member unemployed only while it is still their situation.
            "placement ends,              EMPLOYED_STABLE,   2026-03-01, P1,   ENDED,    null,             2026-05-01, P1,   UNEMPLOYED,       2026-05-01, null",
            "another placement since,     EMPLOYED_STABLE,   2026-04-01, P2,   ENDED,    null,             2026-05-01, P1,   -,                null,       null",
            "a reported job since,        EMPLOYED_STABLE,   2026-04-01, null, ENDED,    null,             2026-05-01, P1,   -,                null,       null",
            "end older than known,        EMPLOYED_STABLE,   2026-06-01, P1,   ENDED,    null,             2026-05-01, P1,   -,                null,       null",
            // A caseworker's edit: the date moves only with the status; other facts may have changed, so it applies.
            "edit of the status,          UNEMPLOYED,        2026-01-05, null, EDITED,   EMPLOYED_STABLE,  2026-03-01, null, EMPLOYED_STABLE,  2026-03-01, null",
            "edit to the same status,         UNEMPLOYED,        2026-01-05, null, EDITED,   UNEMPLOYED,       2026-03-01, null, UNEMPLOYED,       2026-01-05, null",
            "edit of other facts,         EMPLOYED_STABLE,   2026-01-05, P1,   EDITED,   null,             2026-03-01, null, EMPLOYED_STABLE,  2026-01-05, P1",
            "edit ends a placement,       EMPLOYED_STABLE,   2026-01-05, P1,   EDITED,   UNEMPLOYED,       2026-03-01, null, UNEMPLOYED,       2026-03-01, null",
            // Reaching working or retirement age changes whether the member counts, not their status.
            "ageing,                      STUDENT,           2025-09-01, null, AGED,     null,             2026-03-01, null, STUDENT,          2025-09-01, null"})
    void shouldMoveBy(String rule, EmploymentStatus status, LocalDate since, String placement, String kind, EmploymentStatus to,
            LocalDate on, String placementOf, String after, LocalDate afterSince, String afterPlacement) {
        Situation before = new Situation(status, since, placement(placement));
        SituationChange change = switch (kind) {
            case "REPORTED" -> new SituationChange.Reported(to, on);
            case "PLACED" -> new SituationChange.Placed(to, on, placement(placementOf), null, null);
            case "ENDED" -> new SituationChange.PlacementEnded(placement(placementOf), on);
            case "EDITED" -> new SituationChange.Edited(to, on);
            default -> new SituationChange.Aged(on);
        };

        var moved = before.after(change);

        if (after.equals("-")) {
            assertThat(moved).as(rule).isEmpty();
        } else {
            assertThat(moved).as(rule).contains(new Situation(EmploymentStatus.valueOf(after), afterSince, placement(afterPlacement)));
        }
    }

    private static UUID placement(String name) {
        return name == null ? null : name.equals("P1") ? P1 : P2;
    }
}
