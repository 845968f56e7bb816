package io.wanjia.contracts.escalation;

import java.time.Instant;
import java.util.UUID;

/**
 * A case passed its deadline unmet; repeated every interval until it closes ({@code repeat} counts from 0).
 *
 * @param target null for the household's promise; DOUBLE_EMPLOYMENT or UNSTABLE_TO_STABLE for a second-stage target,
 *                      GRADUATE for a graduate's member-level target
 */
public record DeadlineBreached(UUID caseId, UUID householdId, String districtCode, int day, int repeat,
        String level, String recipientRole, String area, Instant dueAt, String target) {

    /** A breach of the household's promise. */
    public DeadlineBreached(UUID caseId, UUID householdId, String districtCode, int day, int repeat, String level, String recipientRole,
            String area, Instant dueAt) {
        this(caseId, householdId, districtCode, day, repeat, level, recipientRole, area, dueAt, null);
    }
}
