package io.wanjia.contracts.placement;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A member's training referral ended on {@code endedOn}: the course was completed (its {@code skill} now counts among the
 * member's skills in placement-service's suggestions) or the member dropped out.
 *
 * @param attendedFrom the day attendance began, or null for a member who never attended
 */
public record TrainingCompleted(UUID referralId, UUID householdId, String districtCode, UUID memberId, UUID courseId,
        String skill, Outcome outcome, LocalDate attendedFrom, LocalDate endedOn) {

    /** How the referral ended. */
    public enum Outcome {
        COMPLETED, DROPPED_OUT
    }
}
