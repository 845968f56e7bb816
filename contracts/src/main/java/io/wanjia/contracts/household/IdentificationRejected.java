package io.wanjia.contracts.household;

import java.time.LocalDate;
import java.util.UUID;

/**
 * An identification was rejected at {@code step} on {@code on}, for {@code reason}: VERIFICATION_FAILED, REVIEW_REFUSED,
 * OBJECTION_UPHELD_REJECTED or CONFIRMATION_REFUSED. The words of the decision stay in household-service.
 */
public record IdentificationRejected(UUID identificationId, UUID householdId, String districtCode, String step, String reason,
        LocalDate on) {
}
