package io.wanjia.contracts.placement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import io.wanjia.contracts.JobKind;

/** A member started work through a placement; the facts let household-service judge its stability. */
public record MemberPlaced(UUID placementId, UUID householdId, String districtCode, UUID memberId, UUID postId,
        JobKind kind, String employer, LocalDate startDate, BigDecimal monthlyWage, Integer contractMonths,
        boolean socialInsurancePaid, boolean businessLicence) {
}
