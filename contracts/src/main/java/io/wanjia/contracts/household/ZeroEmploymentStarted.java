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
 * @param transferredFrom for a household that moved here from another district of the city (issue #18), that district:
 *                    the episode began there on {@code since} and its promise keeps its day count; else null
 * @param identificationConfirmedOn for a household that moved here, the day its identification (认定) was confirmed in the
 *                    other district, where it was; a clock that starts at the confirmation starts there. Else null
 */
public record ZeroEmploymentStarted(UUID householdId, String districtCode, LocalDate since, String cohort,
        List<Candidate> candidates, LocalDate movedBackOn, String transferredFrom, LocalDate identificationConfirmedOn) {

    /** A household found here (not moved here from another district). */
    public ZeroEmploymentStarted(UUID householdId, String districtCode, LocalDate since, String cohort, List<Candidate> candidates,
            LocalDate movedBackOn) {
        this(householdId, districtCode, since, cohort, candidates, movedBackOn, null, null);
    }

    /** A household without a move-back date. */
    public ZeroEmploymentStarted(UUID householdId, String districtCode, LocalDate since, String cohort, List<Candidate> candidates) {
        this(householdId, districtCode, since, cohort, candidates, null);
    }
}
