package io.wanjia.contracts.household;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A household left the programme by an exit (退出), whether it was zero-employment then or not: a household in work can
 * still have targets open (a graduate's, 双就业, unstable → stable), which its exit withdraws. A zero-employment household's
 * exit also ends that state ({@link ZeroEmploymentEnded} with reason EXITED, published first).
 *
 * @param reason why, by name: REFUSED_OFFERS, UNREACHABLE, BUSINESS_INCOME or LOST_ABILITY_OR_WILLINGNESS
 * @param on     the business date of the exit
 */
public record HouseholdExited(UUID householdId, String districtCode, String reason, LocalDate on) {
}
