package io.wanjia.contracts.escalation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** An assistance case opened for a zero-employment household, with the deadline its policy gives. */
public record CaseOpened(UUID caseId, UUID householdId, String districtCode, LocalDate since, Instant deadline,
        int lengthDays, String dayKind, String cohort) {
}
