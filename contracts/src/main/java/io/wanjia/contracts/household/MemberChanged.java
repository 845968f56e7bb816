package io.wanjia.contracts.household;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A member was added, changed or removed, or their employment status, ability or willingness changed.
 *
 * @param change ADDED, CHANGED or REMOVED
 * @param source what caused it: REST, LABOUR_REPORT, PLACEMENT, AGEING
 * @param stableMembers how many members the rule counts are in stable work after the change (双就业 at two; deadline-monitor
 *               closes a DOUBLE_EMPLOYMENT target by it); null from a producer that does not say
 * @param recordedOn for a change a placement made, the day placement-service recorded it — later than {@code effectiveOn}
 *               when its start was entered back-dated; a member's target is judged by the later of the two. Null otherwise.
 */
public record MemberChanged(UUID householdId, String districtCode, MemberSummary member, String change,
        String source, LocalDate effectiveOn, Integer stableMembers, LocalDate recordedOn) {

    /** A change with the household's count of members in stable work, recorded when it takes effect. */
    public MemberChanged(UUID householdId, String districtCode, MemberSummary member, String change, String source,
            LocalDate effectiveOn, Integer stableMembers) {
        this(householdId, districtCode, member, change, source, effectiveOn, stableMembers, null);
    }

    /** A change without the household's count of members in stable work. */
    public MemberChanged(UUID householdId, String districtCode, MemberSummary member, String change, String source, LocalDate effectiveOn) {
        this(householdId, districtCode, member, change, source, effectiveOn, null, null);
    }
}
