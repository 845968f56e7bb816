package io.wanjia.contracts.placement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import io.wanjia.contracts.JobKind;

/** A member was offered a job post. */
public record OfferMade(UUID offerId, UUID householdId, String districtCode, UUID memberId, UUID postId,
        JobKind kind, String employer, BigDecimal monthlyWage, LocalDate madeOn) {
}
