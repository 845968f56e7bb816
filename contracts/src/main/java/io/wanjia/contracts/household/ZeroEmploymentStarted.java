package io.wanjia.contracts.household;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The household became zero-employment (零就业家庭).
 *
 * @param since       the business date the state began: day 1 of the deadline, even when reported late
 * @param cohort      the household's {@link io.wanjia.contracts.Cohort}, by name
 * @param movedBackOn for a SHANTYTOWN_RELOCATION household, the date it moved back (its target runs from there); else null
 */
public record ZeroEmploymentStarted(UUID householdId, String districtCode, LocalDate since, String cohort,
        List<Candidate> candidates, LocalDate movedBackOn) {

    /** A household without a move-back date. */
    public ZeroEmploymentStarted(UUID householdId, String districtCode, LocalDate since, String cohort, List<Candidate> candidates) {
        this(householdId, districtCode, since, cohort, candidates, null);
    }
}
