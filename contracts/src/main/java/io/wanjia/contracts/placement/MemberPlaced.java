package io.wanjia.contracts.placement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import io.wanjia.contracts.JobKind;

/**
 * A member started work through a placement; the facts let household-service judge its stability.
 *
 * @param monthlyPostSubsidy            for a public-welfare post, the monthly post subsidy (岗位补贴) its budget pays; null
 *                                      for other kinds and for a post whose funding was not recorded
 * @param monthlySocialInsuranceSubsidy for a public-welfare post, the monthly social-insurance subsidy (社会保险补贴)
 */
public record MemberPlaced(UUID placementId, UUID householdId, String districtCode, UUID memberId, UUID postId,
        JobKind kind, String employer, LocalDate startDate, BigDecimal monthlyWage, Integer contractMonths,
        boolean socialInsurancePaid, boolean businessLicence, BigDecimal monthlyPostSubsidy,
        BigDecimal monthlySocialInsuranceSubsidy) {

    /** A placement that costs no public subsidy. */
    public MemberPlaced(UUID placementId, UUID householdId, String districtCode, UUID memberId, UUID postId, JobKind kind,
            String employer, LocalDate startDate, BigDecimal monthlyWage, Integer contractMonths, boolean socialInsurancePaid,
            boolean businessLicence) {
        this(placementId, householdId, districtCode, memberId, postId, kind, employer, startDate, monthlyWage, contractMonths,
                socialInsurancePaid, businessLicence, null, null);
    }
}
