package io.wanjia.contracts.escalation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The promise's clock of a case started at the identification's confirmation (认定), under a policy whose clock starts
 * there: the case opened earlier without a deadline.
 *
 * @param clockFrom day 1 of the promise: the confirmation's date
 * @param deadline  the end of the promise's last day
 */
public record CaseClockStarted(UUID caseId, UUID householdId, String districtCode, LocalDate clockFrom, Instant deadline,
        int lengthDays, String dayKind) {
}
