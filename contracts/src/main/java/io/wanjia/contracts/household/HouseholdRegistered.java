package io.wanjia.contracts.household;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A household and its members were entered in the real-name register. */
public record HouseholdRegistered(UUID householdId, String districtCode, String cohort, LocalDate registeredOn,
        List<MemberSummary> members) {
}
