package io.wanjia.contracts.household;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A member became a graduate in need (issue #17): a recent graduate (大中专毕业生) of a household in difficulty, counted by
 * the rule and not in stable work; deadline-monitor opens the member's GRADUATE target. Published once per need, never
 * with a name or national ID.
 *
 * @param graduatedOn  the day the member graduated from college or technical school
 * @param registeredOn the business date the member became a graduate in need (the registration, edit or report that made
 *                     it so); the target's clock runs from the later of the two
 * @param cohort       the household's {@link io.wanjia.contracts.Cohort}, by name
 * @param grounds      why the household is in difficulty: MINIMUM_LIVING_ALLOWANCE (低保), ZERO_EMPLOYMENT, or both
 */
public record GraduateRegistered(UUID householdId, String districtCode, UUID memberId, LocalDate graduatedOn,
        LocalDate registeredOn, String cohort, List<Ground> grounds) {

    /** Why a household counts as in difficulty. */
    public enum Ground {
        MINIMUM_LIVING_ALLOWANCE, ZERO_EMPLOYMENT
    }
}
