package io.wanjia.contracts.escalation;

import java.time.Instant;
import java.util.UUID;

/** A case passed its deadline unmet; repeated every interval until it closes ({@code repeat} counts from 0). */
public record DeadlineBreached(UUID caseId, UUID householdId, String districtCode, int day, int repeat,
        String level, String recipientRole, String area, Instant dueAt) {
}
