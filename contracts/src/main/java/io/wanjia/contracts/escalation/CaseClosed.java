package io.wanjia.contracts.escalation;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A case closed.
 *
 * @param outcome MET (before the deadline), MET_LATE (after it) or WITHDRAWN (exit, no longer eligible)
 * @param days    the case day it closed on
 * @param target  null for the household's promise; DOUBLE_EMPLOYMENT or UNSTABLE_TO_STABLE for a second-stage target,
 *                      GRADUATE for a graduate's member-level target
 * @param channel for a case closed by a placement, the {@link io.wanjia.contracts.JobKind} of the work, by name; else null
 */
public record CaseClosed(UUID caseId, UUID householdId, String districtCode, String outcome, LocalDate closedOn,
        int days, String target, String channel) {

    /** A case of the household's promise closed. */
    public CaseClosed(UUID caseId, UUID householdId, String districtCode, String outcome, LocalDate closedOn, int days) {
        this(caseId, householdId, districtCode, outcome, closedOn, days, null, null);
    }
}
