package io.wanjia.contracts.household;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A member was added, changed or removed, or their employment status, ability or willingness changed.
 *
 * @param change ADDED, CHANGED or REMOVED
 * @param source what caused it: REST, LABOUR_REPORT, PLACEMENT, AGEING
 */
public record MemberChanged(UUID householdId, String districtCode, MemberSummary member, String change,
        String source, LocalDate effectiveOn) {
}
