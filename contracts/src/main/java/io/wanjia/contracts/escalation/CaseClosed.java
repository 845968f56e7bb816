package io.wanjia.contracts.escalation;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A case closed.
 *
 * @param outcome MET (before the deadline), MET_LATE (after it) or WITHDRAWN (exit, no longer eligible)
 * @param days    the case day it closed on
 */
public record CaseClosed(UUID caseId, UUID householdId, String districtCode, String outcome, LocalDate closedOn,
        int days) {
}
