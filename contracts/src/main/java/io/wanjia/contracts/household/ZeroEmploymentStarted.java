package io.wanjia.contracts.household;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The household became zero-employment (零就业家庭).
 *
 * @param since the business date the state began: day 1 of the deadline, even when reported late
 */
public record ZeroEmploymentStarted(UUID householdId, String districtCode, LocalDate since, String cohort,
        List<Candidate> candidates) {
}
