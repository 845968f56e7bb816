package io.wanjia.contracts.placement;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A member was referred to a training course (技能培训) that teaches {@code skill}, running from {@code courseStartDate} to
 * {@code courseEndDate}; {@code districtCode} is the member's.
 */
public record TrainingReferred(UUID referralId, UUID householdId, String districtCode, UUID memberId, UUID courseId,
        String skill, LocalDate courseStartDate, LocalDate courseEndDate, LocalDate referredOn) {
}
