package io.wanjia.contracts.household;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A household left the programme by an exit (退出), whether it was zero-employment then or not: a household in work can
 * still have targets open (a graduate's, 双就业, unstable → stable), which its exit withdraws. A zero-employment household's
 * exit also ends that state ({@link ZeroEmploymentEnded} with reason EXITED, published first).
 *
 * @param reason why, by name: REFUSED_OFFERS, UNREACHABLE, BUSINESS_INCOME or LOST_ABILITY_OR_WILLINGNESS; TRANSFERRED
 *               for a household that moved to another district of the city (issue #18), which carries its targets on
 * @param on     the business date of the exit
 * @param toDistrictCode for TRANSFERRED, the district it moved to; else null
 */
public record HouseholdExited(UUID householdId, String districtCode, String reason, LocalDate on, String toDistrictCode) {

    /** An exit that is not a transfer. */
    public HouseholdExited(UUID householdId, String districtCode, String reason, LocalDate on) {
        this(householdId, districtCode, reason, on, null);
    }
}
